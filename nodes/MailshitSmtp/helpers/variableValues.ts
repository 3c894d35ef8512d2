import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { fail, ok } from '../shared/result';
import type { ValidationResult } from '../validation/errors';
import type { ItemParameters } from './itemParameters';

/**
 * Names that would walk out of the values into JavaScript's object machinery: writing to
 * `__proto__.x` changes Object.prototype for the whole n8n process.
 */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** "order.id" = "A-1" becomes { order: { id: "A-1" } }, so key-value variables read like item JSON. */
function nestDottedKeys(pairs: Array<{ name?: string; value?: unknown }>): ValidationResult<Record<string, unknown>> {
	const values: Record<string, unknown> = {};
	for (const { name, value } of pairs) {
		const path = String(name ?? '').trim().split('.').filter(Boolean);
		if (path.length === 0) continue;
		const unsafe = path.find((segment) => UNSAFE_SEGMENTS.has(segment));
		if (unsafe) {
			return fail({ field: 'variables', error: `Variable name ${JSON.stringify(String(name).slice(0, 80))} uses "${unsafe}", which cannot be a variable name` });
		}
		let target = values;
		for (const key of path.slice(0, -1)) {
			const next = target[key];
			target = (target[key] = next && typeof next === 'object' ? next : {}) as Record<string, unknown>;
		}
		target[path[path.length - 1]] = value;
	}
	return ok(values);
}

/** The values {{variables}} are filled from, by Variables From: the item JSON, a JSON parameter, or key-value pairs. */
export function readVariables(params: ItemParameters, itemIndex: number, item: INodeExecutionData): ValidationResult<Record<string, unknown>> {
	const source = params.get<string>('variablesSource', itemIndex, 'item');
	if (source === 'keyValue') {
		const pairs = params.get<{ values?: Array<{ name?: string; value?: unknown }> }>('variables', itemIndex, {});
		return nestDottedKeys(Array.isArray(pairs.values) ? pairs.values : []);
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

