/**
 * Markup a template or a raw value brings, checked in pass one: nesting no parser can take in
 * reasonable time, and {{variables}} in unquoted attributes. A template is looked at once per
 * distinct body, a raw value once per item.
 */
import { lookupEvery, type CompiledTemplate, type TemplateSpec } from '../../template';
import { Memo } from '../../shared/memo';
import { fail, ok } from '../../shared/result';
import type { ValidationFailure, ValidationResult } from '../../validation/errors';
import { findUnquotedVariable, MAX_MARKUP_DEPTH, markupDepth } from '../../validation/markup';

function tooDeep(depth: number, what: string): string {
	return `${what} nests HTML elements ${depth} deep, over the ${MAX_MARKUP_DEPTH} the node accepts (an email needs about 30)`;
}

const checkedBodies = new Memo<string, ValidationFailure | undefined>(32);

function bodyProblem(body: string): ValidationFailure | undefined {
	const depth = markupDepth(body);
	if (depth > MAX_MARKUP_DEPTH) return { field: 'template', error: tooDeep(depth, 'The template') };
	const unquoted = findUnquotedVariable(body);
	if (unquoted) {
		const [name, value] = unquoted.split(/=(.*)/s);
		return {
			field: 'template',
			error: `The template puts a variable in an attribute without quotes (${unquoted.slice(0, 80)}): a value with a space would add attributes of its own, so write ${name}="${value.slice(0, 60)}"`,
		};
	}
	return undefined;
}

/** The template body of an HTML or MJML spec (plain text has no markup). */
export function checkMarkup(spec: TemplateSpec): ValidationResult {
	if (spec.format === 'text' || typeof spec.body !== 'string') return ok();
	const problem = checkedBodies.get(spec.body, () => bodyProblem(spec.body));
	return problem ? fail(problem) : ok();
}

/** Values a template inserts unescaped ({{{name}}}) are markup: bounded like the template. */
export function checkRawValues(template: CompiledTemplate, values: Record<string, unknown>): ValidationResult {
	if (template.format === 'text') return ok();
	for (const variable of template.variables) {
		if (!variable.raw) continue;
		for (const { path, value } of lookupEvery(values, variable.name)) {
			if (typeof value !== 'string' || !value.includes('<')) continue;
			const depth = markupDepth(value);
			if (depth > MAX_MARKUP_DEPTH) return fail({ field: path, error: tooDeep(depth, `The value of ${path}`) });
		}
	}
	return ok();
}
