/**
 * Nests a template's tags into a tree: literal text, variables, sections ({{#each}}, {{#if}},
 * {{#unless}}, each with an optional {{else}} part) and partials, which are inserted here. Every
 * mistake of shape is found here, once per template, with its line and column: a section never
 * closed, a {{/if}} without its {{#if}}, an {{else}} outside a section, an unknown partial, a
 * partial that includes itself, {{@index}} outside a list.
 */
import { TemplateError } from '../errors';
import { refuseOutsideSections, type ScannedTemplate, type VariableToken } from '../parseTemplate';
import { formatPosition, type SourceText } from '../sourcePosition';
import type { BlockTag } from './blockTags';
import { MAX_PARTIAL_DEPTH, PARTIALS_FIELD, type PartialLibrary } from './partials';

type OpenTag = Extract<BlockTag, { kind: 'open' }>;
type PartialTag = Extract<BlockTag, { kind: 'partial' }>;

export type TemplateNode =
	/** Literal text: `origin.text.slice(offset, offset + text.length)`. */
	| { kind: 'text'; text: string; origin: SourceText; offset: number }
	| { kind: 'variable'; token: VariableToken; origin: SourceText }
	/** `otherwise` is the {{else}} part (empty without one). */
	| { kind: 'section'; tag: OpenTag; body: TemplateNode[]; otherwise: TemplateNode[] }
	| { kind: 'partial'; tag: PartialTag; nodes: TemplateNode[] };

/**
 * Parts a template may have with its partials inserted (each partial counted wherever it is
 * used): partials that include each other many times over could otherwise multiply a small
 * text into millions of parts.
 */
export const MAX_TEMPLATE_NODES = 50_000;

/** Sections inside sections: far beyond what a layout needs, and a bound for the walks that recurse through them. */
export const MAX_SECTION_DEPTH = 100;

interface Frame {
	open: OpenTag;
	body: TemplateNode[];
	otherwise: TemplateNode[];
	inElse: boolean;
	elseTag?: BlockTag;
}

interface BuildContext {
	library: PartialLibrary;
	/** Partials being inserted, outermost first. */
	partials: string[];
	/** Lists ({{#each}}) around the current position, for ../ and @index. */
	eachDepth: number;
	/** Field of the template being built, for errors in it (partials report under PARTIALS_FIELD). */
	field: string;
	nodeCount: { value: number };
}

export function buildSectionTree(scanned: ScannedTemplate, origin: SourceText, library: PartialLibrary): TemplateNode[] {
	return buildNodes(scanned, origin, { library, partials: [], eachDepth: 0, field: scanned.field, nodeCount: { value: 0 } });
}

function buildNodes(scanned: ScannedTemplate, origin: SourceText, context: BuildContext): TemplateNode[] {
	const { field } = scanned;
	const root: TemplateNode[] = [];
	const stack: Frame[] = [];
	const current = (): TemplateNode[] => {
		const frame = stack.at(-1);
		if (!frame) return root;
		return frame.inElse ? frame.otherwise : frame.body;
	};
	const add = (node: TemplateNode) => {
		if (++context.nodeCount.value > MAX_TEMPLATE_NODES) {
			throw new TemplateError(`The template with its partials inserted has more than ${MAX_TEMPLATE_NODES} parts: a partial is probably used many times inside others`, context.field);
		}
		current().push(node);
	};
	let offset = 0;
	const fail: (message: string, at: BlockTag) => never = (message, at) => {
		throw new TemplateError(message, field, at);
	};
	const at = (tag: BlockTag) => `${tag.text} at line ${formatPosition(tag)}`;

	scanned.literals.forEach((literal, index) => {
		if (literal !== '') add({ kind: 'text', text: literal, origin, offset });
		offset += literal.length;
		const tag = scanned.tags[index];
		if (!tag) return;
		if (tag.kind === 'variable') {
			refuseOutsideSections(tag.token, field, context.eachDepth + openLists(stack));
			add({ kind: 'variable', token: tag.token, origin });
			offset += tag.token.length;
			return;
		}
		const block = tag.tag;
		offset += block.length;
		switch (block.kind) {
			case 'open':
				refuseOutsideSections({ ...block, ...block.reference, raw: false }, field, context.eachDepth + openLists(stack));
				if (stack.length >= MAX_SECTION_DEPTH) fail(`${at(block)} in ${field} opens a section inside ${MAX_SECTION_DEPTH} others: sections may nest at most ${MAX_SECTION_DEPTH} deep`, block);
				stack.push({ open: block, body: [], otherwise: [], inElse: false });
				return;
			case 'else': {
				const frame = stack.at(-1);
				if (!frame) fail(`${at(block)} in ${field} is outside any section: {{else}} belongs between {{#if}}, {{#unless}} or {{#each}} and its closing tag`, block);
				if (frame.inElse) fail(`${at(block)} in ${field} is a second {{else}} for ${frame.open.text} (line ${formatPosition(frame.open)}): a section has at most one`, block);
				frame.inElse = true;
				frame.elseTag = block;
				return;
			}
			case 'close': {
				const frame = stack.pop();
				if (!frame) fail(`${at(block)} in ${field} closes no section: remove it, or add {{#${block.section} …}} before it`, block);
				if (frame.open.section !== block.section) {
					fail(`${frame.open.text} opened at line ${formatPosition(frame.open)} in ${field} is closed by ${at(block)}: close it with {{/${frame.open.section}}}`, frame.open);
				}
				add({ kind: 'section', tag: frame.open, body: frame.body, otherwise: frame.otherwise });
				return;
			}
			case 'partial':
				add({ kind: 'partial', tag: block, nodes: insertPartial(block, field, { ...context, eachDepth: context.eachDepth + openLists(stack) }) });
				return;
		}
	});
	const unclosed = stack.at(-1);
	if (unclosed) {
		fail(`${unclosed.open.text} opened at line ${formatPosition(unclosed.open)} in ${field} is never closed: add {{/${unclosed.open.section}}} where it ends`, unclosed.open);
	}
	return root;
}

/** Lists whose body (not their {{else}} part) the current position is in. */
function openLists(stack: readonly Frame[]): number {
	return stack.filter((frame) => frame.open.section === 'each' && !frame.inElse).length;
}

function insertPartial(tag: PartialTag, field: string, context: BuildContext): TemplateNode[] {
	const { library, partials } = context;
	const where = `${tag.text} at line ${formatPosition(tag)} in ${field}`;
	if (!library.has(tag.name)) {
		const known = library.names;
		const list = library.unavailable ?? (known.length ? `the node's Partials are ${known.map((name) => `"${name}"`).join(', ')}` : 'the node has no Partials yet (add them under Partials)');
		throw new TemplateError(`${where} uses the partial "${tag.name}", which does not exist: ${list}`, field, tag);
	}
	if (partials.includes(tag.name)) {
		const chain = [...partials.slice(partials.indexOf(tag.name)), tag.name].join(' → ');
		throw new TemplateError(`${where}: the partial "${tag.name}" includes itself (${chain}), which would never end`, field, tag);
	}
	if (partials.length >= MAX_PARTIAL_DEPTH) {
		throw new TemplateError(`${where}: partials are nested more than ${MAX_PARTIAL_DEPTH} deep (${[...partials, tag.name].join(' → ')})`, field, tag);
	}
	const { scanned, origin } = library.scan(tag.name);
	return buildNodes(scanned, origin, { ...context, partials: [...partials, tag.name], field: PARTIALS_FIELD });
}
