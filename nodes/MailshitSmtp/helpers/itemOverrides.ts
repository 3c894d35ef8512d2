import type { IDataObject } from 'n8n-workflow';

/**
 * The item fields that replace the node's values, as mailshit's HTTP API takes them, so items
 * built for that API send unchanged; Apply Item Overrides turns them off.
 */
export const RESERVED_ITEM_FIELDS = ['_to', '_cc', '_bcc', '_replyTo', '_subject'] as const;
export type ReservedField = (typeof RESERVED_ITEM_FIELDS)[number];

function present(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** The item's value for a reserved field when overrides are on and it holds something, else the node's. */
export function pickValue<T>(field: ReservedField, nodeValue: T, overrides?: IDataObject): unknown {
	const itemValue = overrides?.[field];
	return present(itemValue) ? itemValue : nodeValue;
}
