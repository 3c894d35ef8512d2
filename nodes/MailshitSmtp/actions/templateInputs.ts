import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { parseTemplate, type ParsedTemplate, type TemplateFormat, type TemplateSpec } from '../template';
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

/** "order.id" = "A-1" becomes { order: { id: "A-1" } }, so key-value variables read like item JSON. */
function nestDottedKeys(pairs: Array<{ name?: string; value?: unknown }>): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const { name, value } of pairs) {
		const path = (name ?? '').trim().split('.').filter(Boolean);
		if (path.length === 0) continue;
		let target = values;
		for (const key of path.slice(0, -1)) {
			const next = target[key];
			target = (target[key] = next && typeof next === 'object' ? next : {}) as Record<string, unknown>;
		}
		target[path[path.length - 1]] = value;
	}
	return values;
}

export type VariablesRead = { ok: true; values: Record<string, unknown> } | { ok: false; error: string };

/** The values {{variables}} are filled from, per SPEC §3: the item JSON, a JSON parameter, or key-value pairs. */
export function readVariables(params: ItemParameters, itemIndex: number, item: INodeExecutionData): VariablesRead {
	const source = params.get<string>('variablesSource', itemIndex, 'item');
	if (source === 'keyValue') {
		const pairs = params.get<{ values?: Array<{ name?: string; value?: unknown }> }>('variables', itemIndex, {});
		return { ok: true, values: nestDottedKeys(pairs.values ?? []) };
	}
	if (source === 'json') {
		const raw = params.get<unknown>('variablesJson', itemIndex, '{}');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch (error) {
				return { ok: false, error: `Variables (JSON) is not valid JSON: ${(error as Error).message}` };
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return { ok: false, error: 'Variables (JSON) must be an object such as {"name": "Ada"}' };
		}
		return { ok: true, values: parsed as IDataObject };
	}
	return { ok: true, values: item.json };
}

/** Subjects are few and short; parse each distinct one once per execution. */
export class SubjectTemplates {
	private readonly parsed = new Map<string, ParsedTemplate>();

	get(subject: string): ParsedTemplate {
		let template = this.parsed.get(subject);
		if (!template) {
			template = parseTemplate(subject, 'subject');
			this.parsed.set(subject, template);
		}
		return template;
	}
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
