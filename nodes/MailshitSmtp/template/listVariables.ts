/**
 * The variables a template uses, for the node to show (the Validation Rules picker) or output
 * (Render's Include Variable List).
 */
import { parseTemplate, type ParsedTemplate } from './parseTemplate';

export interface TemplateVariable {
	name: string;
	/** False when any occurrence has a default (`{{name|Guest}}` or `{{name|}}`). */
	required: boolean;
	/** The first default written for this name, if any. */
	default?: string;
	/** True when any occurrence is `{{{name}}}` (inserted without escaping). */
	raw: boolean;
}

/** Deduplicated, in order of first appearance. Throws TemplateError when the source does not parse. */
export function listVariables(source: string | ParsedTemplate | readonly ParsedTemplate[], field = 'template'): TemplateVariable[] {
	const templates = typeof source === 'string' ? [parseTemplate(source, field)] : Array.isArray(source) ? source : [source as ParsedTemplate];
	const byName = new Map<string, TemplateVariable>();
	for (const template of templates) {
		for (const token of template.tokens) {
			let variable = byName.get(token.name);
			if (!variable) {
				variable = { name: token.name, required: true, raw: false };
				byName.set(token.name, variable);
			}
			if (token.default !== undefined) {
				variable.required = false;
				if (variable.default === undefined) variable.default = token.default;
			}
			if (token.raw) variable.raw = true;
		}
	}
	return [...byName.values()];
}
