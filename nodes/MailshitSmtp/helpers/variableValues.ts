import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { fail, ok } from '../shared/result';
import type { ValidationResult } from '../validation/errors';
import type { ItemParameters } from './itemParameters';

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

/** The values {{variables}} are filled from, by Variables From: the item JSON, a JSON parameter, or key-value pairs. */
export function readVariables(params: ItemParameters, itemIndex: number, item: INodeExecutionData): ValidationResult<Record<string, unknown>> {
	const source = params.get<string>('variablesSource', itemIndex, 'item');
	if (source === 'keyValue') {
		const pairs = params.get<{ values?: Array<{ name?: string; value?: unknown }> }>('variables', itemIndex, {});
		return ok(nestDottedKeys(pairs.values ?? []));
	}
	if (source === 'json') {
		const raw = params.get<unknown>('variablesJson', itemIndex, '{}');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw);
			} catch (error) {
				return fail({ field: 'variablesJson', error: `Variables (JSON) is not valid JSON: ${(error as Error).message}` });
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return fail({ field: 'variablesJson', error: 'Variables (JSON) must be an object such as {"name": "Ada"}' });
		}
		return ok(parsed as IDataObject);
	}
	return ok(item.json);
}

