/**
 * Which template an item uses, read from the node's parameters, and what a template problem means
 * for that item.
 */
import { MissingVariablesError, TemplateError, type TemplateFormat, type TemplateSpec } from '../template';
import { findSwallowedVariables, swallowedVariablesMessage } from '../template/expressionMode';
import type { ValidationFailure } from '../validation/errors';
import type { ItemParameters } from './itemParameters';

/** Reads the template parameters of one item (they may be expressions: a template per item is fine). */
export function readTemplateSpec(params: ItemParameters, itemIndex: number): TemplateSpec {
	const format = params.get<TemplateFormat>('templateFormat', itemIndex, 'mjml');
	const body = params.get<string>('template', itemIndex, '');
	const custom = format !== 'text' && params.get<string>('textMode', itemIndex, 'auto') === 'custom';
	const textTemplate = custom ? params.get<string>('textTemplate', itemIndex, '') : undefined;
	return textTemplate ? { format, body, textTemplate } : { format, body };
}

/**
 * A template error caught while compiling, checking or rendering an item, as that item's
 * failure; undefined for anything else (a bug, a library failure), which the caller rethrows.
 * MissingVariablesError is a TemplateError, so it is asked first: its field is the first
 * missing variable, the one the user has to supply.
 */
export function templateFailure(error: unknown): ValidationFailure | undefined {
	if (error instanceof MissingVariablesError) return { field: error.variables[0], error: error.message };
	if (error instanceof TemplateError) return { field: error.field, error: error.message };
	return undefined;
}

/** Template fields whose mailshit variables n8n would swallow in Expression mode, with their labels. */
const TEMPLATE_PARAMETERS = [
	['template', 'Template', 'template'],
	['textTemplate', 'Text Template', 'text'],
	['subject', 'Subject', '_subject'],
] as const;

/**
 * Checked once per execution (it depends on the stored parameters, not on items): a mailshit
 * {{variable}} inside a parameter in Expression mode would be emptied by n8n without a trace.
 */
export function expressionModeProblem(params: ItemParameters): ValidationFailure | undefined {
	for (const [name, label, field] of TEMPLATE_PARAMETERS) {
		const swallowed = findSwallowedVariables(params.raw(name));
		if (swallowed.length) return { field, error: swallowedVariablesMessage(label, swallowed) };
	}
	return undefined;
}
