/**
 * Reads mailshit's `{{ }}` tags out of a template and parses its variables.
 *
 *   {{name}}          required, HTML-escaped in HTML contexts
 *   {{name|Guest}}    default used when the value is missing (undefined, null or "")
 *   {{name|}}         may be empty
 *   {{{name}}}        inserted raw (also with |default)
 *   {{ order.id }}    dotted paths; whitespace inside the braces is ignored
 *   {{urlencode q}}   percent-encoded as one URL component, wherever it stands
 *   {{this}}, {{@index}}, {{../x}}, {{@root.x}}   inside sections: the element, the loop, the outer scopes
 *
 * Section tags (`{{#each}}`, `{{#if}}`, `{{else}}`, `{{/…}}`, `{{> partial}}`) are recognised here
 * and parsed by sections/blockTags.ts; sections/sectionTree.ts nests them.
 *
 * A flat template alternates: literals[0], tokens[0], literals[1], …, literals[n], so filling is one
 * pass of string concatenation with no re-scanning. A value is never parsed again, which is what
 * keeps a value containing "{{other}}" literal.
 */
import { TemplateError, type SourcePosition } from './errors';
import { isBlockTagBody, parseBlockTag, type BlockTag } from './sections/blockTags';
import { formatPosition, LineCursor } from './sourcePosition';

export type LoopVariable = 'index' | 'number' | 'first' | 'last';

export interface VariableToken {
	/** The reference as written, without whitespace or default: "order.id", "this", "../title", "@index". */
	name: string;
	/** The data path below the scope the name starts from: ["order", "id"]; [] for `this` and loop variables. */
	path: string[];
	/**
	 * Which scope the path starts from: absent = the current one (the list element inside
	 * {{#each}}, the item outside), `{ up: n }` = n enclosing lists out (`../`), 'root' = the item.
	 */
	scope?: { up: number } | 'root';
	/** `{{@index}}` (from 0), `{{@number}}` (from 1), `{{@first}}`, `{{@last}}`. */
	loop?: LoopVariable;
	/** Text after the first "|", trimmed; "" for `{{name|}}`; absent when there is no "|". */
	default?: string;
	/** True for `{{{name}}}`: inserted without HTML escaping. */
	raw: boolean;
	/** `{{urlencode name}}`: the value is percent-encoded as one URL component. */
	urlencode?: true;
	/** Offset of the opening braces in the source. */
	offset: number;
	/** Length of the whole token in the source, braces included. */
	length: number;
	/** 1-based position of the opening braces. */
	line: number;
	column: number;
	/** Set when the token comes from a partial: its name (positions are then in the partial). */
	partial?: string;
}

export interface ParsedTemplate {
	/** Which template this is ('template', 'text', 'subject', …), for error messages. */
	field: string;
	source: string;
	/** Always tokens.length + 1 entries. */
	literals: string[];
	tokens: VariableToken[];
	/**
	 * The user's position of an offset in `source`, when `source` is not what the user wrote (a
	 * template with its sections expanded); absent: positions are counted in `source` itself.
	 */
	locate?: (offset: number) => SourcePosition;
}

export type TemplateTag = { kind: 'variable'; token: VariableToken } | { kind: 'block'; tag: BlockTag };

/** A template cut at its tags: literals[0], tags[0], literals[1], …; not yet nested. */
export interface ScannedTemplate {
	field: string;
	source: string;
	literals: string[];
	tags: TemplateTag[];
}

// Letters and digits of any script (JSON keys are Unicode), "_" and "-", dots between segments.
const VARIABLE_NAME = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*$/u;
const LOOP_VARIABLES: Readonly<Record<string, LoopVariable>> = { '@index': 'index', '@number': 'number', '@first': 'first', '@last': 'last' };

export function scanTemplate(source: string, field: string, partial?: string): ScannedTemplate {
	const literals: string[] = [];
	const tags: TemplateTag[] = [];
	const cursor = new LineCursor(source);
	let literalStart = 0;

	for (let open = source.indexOf('{{'); open !== -1; open = source.indexOf('{{', literalStart)) {
		const raw = source.startsWith('{{{', open);
		const closing = raw ? '}}}' : '}}';
		const innerStart = open + closing.length;
		const close = source.indexOf(closing, innerStart);
		const position: SourcePosition = { ...cursor.positionOf(open), ...(partial !== undefined && { partial }) };
		const inner = close === -1 ? '' : source.slice(innerStart, close);

		// A "{{" inside the braces means an earlier token was never closed: report that one.
		if (close === -1 || inner.includes('{{')) {
			throw new TemplateError(
				`Unclosed "${raw ? '{{{' : '{{'}" at line ${formatPosition(position)} in ${field}: ` +
					`close it with "${closing}" (or remove it if it is not meant to be a variable)`,
				field,
				position,
			);
		}

		const tagText = source.slice(open, close + closing.length);
		const placed = { offset: open, length: tagText.length, ...position };
		literals.push(source.slice(literalStart, open));
		if (isBlockTagBody(inner)) {
			tags.push({ kind: 'block', tag: parseBlockTag(inner, { raw, text: tagText, field, ...placed }) });
		} else {
			tags.push({ kind: 'variable', token: { ...parseTokenBody(inner, tagText, raw, field, position), raw, ...placed } });
		}
		literalStart = close + closing.length;
	}
	literals.push(source.slice(literalStart));
	return { field, source, literals, tags };
}

/**
 * A template of variables only (subject lines, a text part, most newsletters). Section tags are
 * refused here; templates that may hold them go through parseProgram (program.ts).
 */
export function parseTemplate(source: string, field: string): ParsedTemplate {
	const scanned = scanTemplate(source, field);
	const tokens: VariableToken[] = [];
	for (const tag of scanned.tags) {
		if (tag.kind === 'block') {
			throw new TemplateError(`${tag.tag.text} at line ${formatPosition(tag.tag)} in ${field}: sections and partials are not available here`, field, tag.tag);
		}
		refuseOutsideSections(tag.token, field);
		tokens.push(tag.token);
	}
	return { field, source, literals: scanned.literals, tokens };
}

/** `{{@index}}` and `{{../x}}` mean something only inside `{{#each}}`; `depth` is how many lists enclose the token. */
export function refuseOutsideSections(token: Pick<VariableToken, 'name' | 'raw' | 'scope' | 'loop'> & SourcePosition, field: string, depth = 0): void {
	const where = `${describeToken(token)} at line ${formatPosition(token)} in ${field}`;
	if (token.loop && depth === 0) {
		throw new TemplateError(`${where} is a loop variable: use it inside {{#each list}} … {{/each}}`, field, token);
	}
	if (typeof token.scope === 'object' && token.scope.up > depth) {
		const has = depth === 0 ? 'no enclosing {{#each}}' : `only ${depth} enclosing {{#each}}`;
		throw new TemplateError(`${where} goes up ${token.scope.up} level${token.scope.up === 1 ? '' : 's'} with "../", but there is ${has}; {{@root.name}} reads the item`, field, token);
	}
}

type TokenBody = Pick<VariableToken, 'name' | 'path' | 'default' | 'scope' | 'loop' | 'urlencode'>;

function parseTokenBody(inner: string, tokenText: string, raw: boolean, field: string, position: SourcePosition): TokenBody {
	const bar = inner.indexOf('|');
	let name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
	const where = `at line ${formatPosition(position)} in ${field}`;
	const shown = quoteToken(tokenText);

	let urlencode = false;
	const helper = /^urlencode\s+(\S.*)$/.exec(name);
	if (helper) {
		urlencode = true;
		name = helper[1];
	}
	if (name === '') {
		throw new TemplateError(`Empty variable ${shown} ${where}: write a name, e.g. {{name}}`, field, position);
	}
	if (name.startsWith('$')) {
		// `{{ $json.x }}` is n8n's expression syntax; in a parameter left in Fixed mode n8n passes it
		// through unevaluated and it reaches us. Our own syntax has no "$", so say what happened.
		const suggestion = n8nPathToVariable(name);
		throw new TemplateError(
			`${shown} ${where} is n8n expression syntax, but this parameter is in Fixed mode so n8n did not ` +
				`evaluate it. Switch the parameter to Expression mode, or write ${raw ? '{{{' : '{{'}${suggestion}${raw ? '}}}' : '}}'} ` +
				`to use mailshit's variables (filled from the item).`,
			field,
			position,
		);
	}
	const reference = parseReference(name);
	if (!reference) {
		throw new TemplateError(
			`${shown} ${where} is not a valid variable: names use letters, digits, "_" and "-", ` +
				`with dots between segments (e.g. {{order.id}}), and an optional default after "|"`,
			field,
			position,
		);
	}
	const token: TokenBody = { name: urlencode ? `urlencode ${name}` : name, ...reference };
	if (urlencode) token.urlencode = true;
	if (bar !== -1) token.default = inner.slice(bar + 1).trim();
	return token;
}

/** "order.id", "this.title", "../title", "@root.order.id", "@index"; undefined when the name is malformed. */
export function parseReference(name: string): Pick<VariableToken, 'path' | 'scope' | 'loop'> | undefined {
	const loop = LOOP_VARIABLES[name];
	if (loop) return { path: [], loop };
	let rest = name;
	let scope: VariableToken['scope'];
	if (rest === '@root' || rest.startsWith('@root.')) {
		scope = 'root';
		rest = rest.slice('@root'.length).replace(/^\./, '');
	} else if (rest.startsWith('../')) {
		let up = 0;
		while (rest.startsWith('../')) {
			up++;
			rest = rest.slice(3);
		}
		scope = { up };
	}
	if (rest === 'this' || rest.startsWith('this.')) rest = rest.slice('this'.length).replace(/^\./, '');
	else if (rest === '' && scope === undefined) return undefined;
	if (rest !== '' && !VARIABLE_NAME.test(rest)) return undefined;
	const path = rest === '' ? [] : rest.split('.');
	return scope === undefined ? { path } : { path, scope };
}

/** `$json.customer.name` → `customer.name`, `$json["a b"]` → `name` (a placeholder when we cannot tell). */
function n8nPathToVariable(expression: string): string {
	const match = /^\$json\.([\p{L}\p{N}_.-]+)$/u.exec(expression);
	return match ? match[1] : 'name';
}

/** How the token is written, normalised: "{{order.id}}" or "{{{block}}}". */
export function describeToken(token: Pick<VariableToken, 'name' | 'raw'>): string {
	return token.raw ? `{{{${token.name}}}}` : `{{${token.name}}}`;
}

function quoteToken(tokenText: string): string {
	const oneLine = tokenText.replace(/\s+/g, ' ');
	return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
