/**
 * A template ready to be filled many times: parsed once, with its partials inserted and its
 * sections nested. A template without sections or partials keeps the flat form (`flat`), filled
 * as literals and values with nothing to decide per item; one with sections is expanded per item
 * into the flat template of that item's structure (kept for reuse, a bounded number of them).
 */
import { Memo } from '../shared/memo';
import { MissingVariablesError } from './errors';
import { fillResolved, resolveValues, type FillMode } from './fillVariables';
import { scanTemplate, type ParsedTemplate, type VariableToken } from './parseTemplate';
import { expandSections } from './sections/expandSections';
import { PartialLibrary } from './sections/partials';
import { buildSectionTree, type TemplateNode } from './sections/sectionTree';
import { buildStructure } from './sections/structure';
import { SourceText } from './sourcePosition';
import { DEFAULT_URL_POLICY, type UrlSchemePolicy } from './urlEncoding';

export interface TemplateProgram {
	field: string;
	/** The template as written. */
	source: string;
	nodes: TemplateNode[];
	/** Set when the template has no sections (with its partials inserted, if any). */
	flat?: ParsedTemplate;
	/** The flat template of a structure key (see expandSections), built once per key. */
	structure(key: string): ParsedTemplate;
}

/** One item's template: the flat template it fills, and its values. */
export interface ItemTemplate {
	parsed: ParsedTemplate;
	/** The structure key ('' for a template without sections). */
	key: string;
	texts: string[];
	paths: string[];
	missing: string[];
	/** Where missing variables inside sections are used, for the message. */
	places: ReadonlyMap<string, string>;
}

/**
 * Distinct structures kept per template. Structures differ by list lengths and branches, so a
 * realistic template has tens; a template whose every item differs keeps the most recent ones.
 */
export const MAX_STRUCTURES = 64;

const NO_PARTIALS = new PartialLibrary();
const NO_PLACES: ReadonlyMap<string, string> = new Map();

export function parseProgram(source: string, field: string, partials: PartialLibrary = NO_PARTIALS): TemplateProgram {
	const scanned = scanTemplate(source, field);
	const nodes = buildSectionTree(scanned, new SourceText(source), partials);
	let flat: ParsedTemplate | undefined;
	if (scanned.tags.every((tag) => tag.kind === 'variable')) {
		flat = { field, source, literals: scanned.literals, tokens: scanned.tags.map((tag) => (tag as { token: VariableToken }).token) };
	} else if (!hasSections(nodes)) {
		// partials but no sections: one structure for every item, so the fast path too
		flat = buildStructure(nodes, '', field);
	}
	const structures = new Memo<string, ParsedTemplate>(MAX_STRUCTURES);
	return {
		field,
		source,
		nodes,
		...(flat && { flat }),
		structure: (key) => (flat && key === '' ? flat : structures.get(key, () => buildStructure(nodes, key, field))),
	};
}

export function expandProgram(program: TemplateProgram, values: Record<string, unknown>): ItemTemplate {
	if (program.flat) {
		const resolved = resolveValues(program.flat.tokens, values);
		return { parsed: program.flat, key: '', ...resolved, places: NO_PLACES };
	}
	const expansion = expandSections(program.nodes, values, program.field);
	const parsed = program.structure(expansion.key);
	return { parsed, key: expansion.key, texts: expansion.texts, paths: expansion.paths, missing: expansion.missing, places: expansion.places };
}

/** Throws MissingVariablesError naming every missing variable, or a TemplateError about a value. */
export function fillProgram(program: TemplateProgram, values: Record<string, unknown>, mode: FillMode, urlSchemes: UrlSchemePolicy = DEFAULT_URL_POLICY): string {
	const item = expandProgram(program, values);
	throwIfMissing(item, program.field);
	return fillResolved(item.parsed, item.texts, item.paths, mode, urlSchemes);
}

export function throwIfMissing(item: Pick<ItemTemplate, 'missing' | 'places'>, field: string): void {
	if (item.missing.length > 0) throw new MissingVariablesError(item.missing, field, item.places);
}

function hasSections(nodes: readonly TemplateNode[]): boolean {
	return nodes.some((node) => node.kind === 'section' || (node.kind === 'partial' && hasSections(node.nodes)));
}
