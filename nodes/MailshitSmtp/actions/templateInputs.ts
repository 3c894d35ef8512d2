import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { fillVariables, MissingVariablesError, parseTemplate, TemplateError, type ParsedTemplate, type TemplateFormat, type TemplateSpec } from '../template';
import { findSwallowedVariables, swallowedVariablesMessage } from '../template/expressionMode';
import type { ValidationFailure } from '../validation/errors';
import { checkHeaderValue } from '../validation/headers';
import { pickValue } from './itemOverrides';
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

/**
 * Small templates that fill headers (the subject, the List-Unsubscribe URL): few distinct ones per
 * execution, so each is parsed once, not once per item.
 */
export class ParsedTemplates {
	private readonly parsed = new Map<string, ParsedTemplate>();

	get(source: string, field: string): ParsedTemplate {
		const key = `${field}\u0000${source}`;
		let template = this.parsed.get(key);
		if (!template) {
			template = parseTemplate(source, field);
			this.parsed.set(key, template);
		}
		return template;
	}

	/**
	 * One header value filled with an item's values. The source as written must be one line
	 * (refused otherwise, naming `field`); values filled in are flattened to one line instead.
	 * A failure to fill is prefixed with `label`, the header's name as the user knows it.
	 */
	fillHeader(source: string, field: string, label: string, values: Record<string, unknown>): HeaderFill {
		const lineCheck = checkHeaderValue(source, field);
		if (!lineCheck.ok) return lineCheck;
		try {
			return { ok: true, value: fillVariables(this.get(source, field), values, 'header') };
		} catch (error) {
			// parsing and filling throw only TemplateError (an unclosed {{, a missing variable)
			return { ok: false, field, error: `${label}: ${(error as TemplateError).message}` };
		}
	}
}

export type HeaderFill = { ok: true; value: string } | ({ ok: false } & ValidationFailure);

export type SubjectResult = { ok: true; subject: string } | ({ ok: false } & ValidationFailure);

/**
 * The subject of one item, for Send and Render alike, so a preview shows what is sent. Priority
 * (SPEC §3): the item's _subject, then the node's Subject, then the Template Name. The subject
 * *template* must be one line (an error names _subject); values filled into it are flattened to
 * one line instead, so an address block in a variable cannot break a header.
 */
export function resolveSubject(
	params: ItemParameters,
	parsed: ParsedTemplates,
	index: number,
	values: Record<string, unknown>,
	overrides: IDataObject | undefined,
): SubjectResult {
	const nodeSubject = params.get<string>('subject', index, '') || params.get<string>('templateName', index, '');
	const chosen = String(pickValue('_subject', nodeSubject, overrides) ?? '');
	if (!chosen.trim()) {
		return { ok: false, field: '_subject', error: 'No subject: set Subject or Template Name, or give the item a _subject field' };
	}
	const filled = parsed.fillHeader(chosen, '_subject', 'Subject', values);
	return filled.ok ? { ok: true, subject: filled.value } : filled;
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
