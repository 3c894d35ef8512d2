/**
 * The tags that shape a template rather than insert a value:
 *
 *   {{#each list}} … {{else}} … {{/each}}     once per element; the {{else}} part when the list is empty
 *   {{#if name}} … {{else}} … {{/if}}         the first part when the value is truthy (see truthiness.ts)
 *   {{#unless name}} … {{else}} … {{/unless}} the first part when it is not
 *   {{> footer}}                              the partial "footer" from the node's Partials
 *
 * This file reads one tag; sectionTree.ts nests them.
 */
import { TemplateError, type SourcePosition } from '../errors';
import { parseReference, type VariableToken } from '../parseTemplate';
import { formatPosition } from '../sourcePosition';

export type SectionKind = 'each' | 'if' | 'unless';

export interface TagPlace extends SourcePosition {
	/** The tag as written, e.g. "{{#each order.items}}". */
	text: string;
	offset: number;
	length: number;
}

export type BlockTag =
	| (TagPlace & { kind: 'open'; section: SectionKind; name: string; reference: Pick<VariableToken, 'path' | 'scope' | 'loop'> })
	| (TagPlace & { kind: 'else' })
	| (TagPlace & { kind: 'close'; section: SectionKind })
	| (TagPlace & { kind: 'partial'; name: string });

/** Partial names: letters and digits of any script, "_", "-", "." and "/" (so "layout/footer" reads naturally). */
export const PARTIAL_NAME = /^[\p{L}\p{N}_./-]+$/u;
const SECTIONS: readonly SectionKind[] = ['each', 'if', 'unless'];

/** Whether the text between the braces is a block tag rather than a variable. */
export function isBlockTagBody(inner: string): boolean {
	const body = inner.trim();
	return /^[#/>]/.test(body) || body === 'else' || /^else\s/.test(body);
}

export function parseBlockTag(inner: string, place: TagPlace & { raw: boolean; field: string }): BlockTag {
	const { raw, field, ...where } = place;
	const at = `${place.text} at line ${formatPosition(place)} in ${field}`;
	const refuse = (problem: string): never => {
		throw new TemplateError(`${at} ${problem}`, field, place);
	};
	if (raw) refuse('has three braces: sections and partials are written with two, e.g. {{#each items}}');
	const body = inner.trim();

	if (body === 'else') return { ...where, kind: 'else' };
	if (body.startsWith('else')) return refuse('is not supported: write {{else}} and put an {{#if}} … {{/if}} inside it');

	if (body.startsWith('>')) {
		const name = body.slice(1).trim();
		if (!PARTIAL_NAME.test(name)) return refuse('is not a valid partial: write {{> name}} with the name of one of the node\'s Partials');
		return { ...where, kind: 'partial', name };
	}

	const [keyword, ...rest] = body.slice(1).trim().split(/\s+/);
	const section = SECTIONS.find((known) => known === keyword);
	if (!section) {
		return refuse(`is not a known section: use {{#each list}}, {{#if name}} or {{#unless name}} (closed with {{/each}}, {{/if}}, {{/unless}})`);
	}
	if (body.startsWith('/')) {
		if (rest.length > 0) return refuse(`closes a section with extra words: write {{/${section}}}`);
		return { ...where, kind: 'close', section };
	}
	const name = rest.join(' ');
	const reference = rest.length === 1 ? parseReference(name) : undefined;
	if (!reference || (reference.loop && section === 'each')) {
		const example = section === 'each' ? '{{#each order.items}}' : `{{#${section} customer.vip}}`;
		return refuse(`needs one variable name after #${section}, e.g. ${example} (no default with "|")`);
	}
	return { ...where, kind: 'open', section, name, reference };
}
