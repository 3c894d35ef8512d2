import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
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

export type VariablesRead = { ok: true; values: Record<string, unknown> } | { ok: false; error: string };

/** The values {{variables}} are filled from, by Variables From: the item JSON, a JSON parameter, or key-value pairs. */
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

