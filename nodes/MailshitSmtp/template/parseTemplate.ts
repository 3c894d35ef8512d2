/**
 * Parses mailshit's variable syntax into literal text and variable tokens.
 *
 *   {{name}}          required, HTML-escaped in HTML contexts
 *   {{name|Guest}}    default used when the value is missing (undefined, null or "")
 *   {{name|}}         may be empty
 *   {{{name}}}        inserted raw (also with |default)
 *   {{ order.id }}    dotted paths; whitespace inside the braces is ignored
 *
 * The result alternates: literals[0], tokens[0], literals[1], …, literals[n], so filling is one
 * pass of string concatenation with no re-scanning. A value is never parsed again, which is what
 * keeps a value containing "{{other}}" literal.
 */
import { TemplateError } from './errors';
import { formatPosition, LineCursor } from './sourcePosition';

export interface VariableToken {
	/** The dotted name as written, without whitespace: "order.id". */
	name: string;
	/** name split at the dots: ["order", "id"]. */
	path: string[];
	/** Text after the first "|", trimmed; "" for `{{name|}}`; absent when there is no "|". */
	default?: string;
	/** True for `{{{name}}}`: inserted without HTML escaping. */
	raw: boolean;
	/** Offset of the opening braces in the source. */
	offset: number;
	/** Length of the whole token in the source, braces included. */
	length: number;
	/** 1-based position of the opening braces. */
	line: number;
	column: number;
}

export interface ParsedTemplate {
	/** Which template this is ('template', 'text', 'subject', …), for error messages. */
	field: string;
	source: string;
	/** Always tokens.length + 1 entries. */
	literals: string[];
	tokens: VariableToken[];
}

// Letters and digits of any script (JSON keys are Unicode), "_" and "-", dots between segments.
const VARIABLE_NAME = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*$/u;

export function parseTemplate(source: string, field: string): ParsedTemplate {
	const literals: string[] = [];
	const tokens: VariableToken[] = [];
	const cursor = new LineCursor(source);
	let literalStart = 0;

	for (let open = source.indexOf('{{'); open !== -1; open = source.indexOf('{{', literalStart)) {
		const raw = source.startsWith('{{{', open);
		const closing = raw ? '}}}' : '}}';
		const innerStart = open + closing.length;
		const close = source.indexOf(closing, innerStart);
		const position = cursor.positionOf(open);
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

		const tokenText = source.slice(open, close + closing.length);
		const token = parseTokenBody(inner, tokenText, raw, field, position);
		literals.push(source.slice(literalStart, open));
		tokens.push({ ...token, raw, offset: open, length: tokenText.length, ...position });
		literalStart = close + closing.length;
	}
	literals.push(source.slice(literalStart));
	return { field, source, literals, tokens };
}

function parseTokenBody(
	inner: string,
	tokenText: string,
	raw: boolean,
	field: string,
	position: { line: number; column: number },
): Pick<VariableToken, 'name' | 'path' | 'default'> {
	const bar = inner.indexOf('|');
	const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
	const where = `at line ${formatPosition(position)} in ${field}`;
	const shown = quoteToken(tokenText);

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
	if (!VARIABLE_NAME.test(name)) {
		throw new TemplateError(
			`${shown} ${where} is not a valid variable: names use letters, digits, "_" and "-", ` +
				`with dots between segments (e.g. {{order.id}}), and an optional default after "|"`,
			field,
			position,
		);
	}
	const token: Pick<VariableToken, 'name' | 'path' | 'default'> = { name, path: name.split('.') };
	if (bar !== -1) token.default = inner.slice(bar + 1).trim();
	return token;
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
