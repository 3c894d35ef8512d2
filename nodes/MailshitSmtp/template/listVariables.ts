/**
 * The variables a template uses, for the node to show (the Validation Rules picker) or output
 * (Render's Include Variable List).
 *
 * Names are data paths from the item. Inside {{#each order.items}} an element's field is listed
 * as `order.items.*.title` (`*`: every element), `{{this}}` as `order.items.*`, {{@root.x}} as
 * `x`; loop variables (@index, …) are not data and are not listed. The list itself is listed with
 * `usage: 'list'`, and a name tested by {{#if}} / {{#unless}} with `usage: 'condition'` (never
 * required: a missing value is simply false).
 */
import type { PartialLibrary } from './sections/partials';
import { parseProgram, type TemplateProgram } from './program';
import type { Reference } from './sections/scope';
import type { TemplateNode } from './sections/sectionTree';

export interface TemplateVariable {
	name: string;
	/** False when any occurrence has a default (`{{name|Guest}}` or `{{name|}}`), and for conditions. */
	required: boolean;
	/** The first default written for this name, if any. */
	default?: string;
	/** True when any occurrence is `{{{name}}}` (inserted without escaping). */
	raw: boolean;
	/** How a section uses the name: the list of {{#each}}, or the condition of {{#if}} / {{#unless}}. */
	usage?: 'list' | 'condition';
}

/** Deduplicated, in order of first appearance. Throws TemplateError when a source does not parse. */
export function listVariables(source: string | TemplateProgram | readonly TemplateProgram[], field = 'template', partials?: PartialLibrary): TemplateVariable[] {
	const programs = typeof source === 'string' ? [parseProgram(source, field, partials)] : Array.isArray(source) ? source : [source as TemplateProgram];
	const byName = new Map<string, TemplateVariable>();
	const note = (name: string, entry: Omit<TemplateVariable, 'name'>) => {
		const known = byName.get(name);
		if (!known) {
			byName.set(name, { name, ...entry });
			return;
		}
		if (!entry.required) known.required = false;
		if (known.default === undefined && entry.default !== undefined) known.default = entry.default;
		if (entry.raw) known.raw = true;
		if (known.usage && !entry.usage) delete known.usage;
	};
	const walk = (nodes: readonly TemplateNode[], scopes: readonly string[]) => {
		for (const node of nodes) {
			if (node.kind === 'variable') {
				const { token } = node;
				if (token.loop) continue;
				const entry: Omit<TemplateVariable, 'name'> = { required: token.default === undefined, raw: token.raw };
				if (token.default !== undefined) entry.default = token.default;
				note(dataName(token, scopes), entry);
			} else if (node.kind === 'partial') {
				walk(node.nodes, scopes);
			} else if (node.kind === 'section') {
				const { tag } = node;
				const name = dataName(tag.reference, scopes);
				if (tag.section === 'each') {
					if (!tag.reference.loop) note(name, { required: true, raw: false, usage: 'list' });
					walk(node.body, [...scopes, `${name}.*`]);
				} else {
					if (!tag.reference.loop) note(name, { required: false, raw: false, usage: 'condition' });
					walk(node.body, scopes);
				}
				walk(node.otherwise, scopes);
			}
		}
	};
	for (const program of programs) walk(program.nodes, ['']);
	return [...byName.values()].filter((variable) => variable.name !== '');
}

/** The data path a reference names, given the scopes around it ('' = the item, then "order.items.*", …). */
function dataName(reference: Reference, scopes: readonly string[]): string {
	const scope = reference.scope === 'root' ? '' : scopes[Math.max(0, scopes.length - 1 - (reference.scope?.up ?? 0))];
	const path = reference.path.join('.');
	return scope && path ? `${scope}.${path}` : scope || path;
}
