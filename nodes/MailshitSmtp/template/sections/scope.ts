/**
 * Where a name inside sections finds its value, and what counts as true.
 *
 * Scopes: outside any list a name reads the item. Inside {{#each order.items}} it reads the
 * current element ({{title}} = this element's title, {{this}} = the element itself, for lists of
 * plain values), {{../name}} reads one list further out (the item, for a list at the top), and
 * {{@root.name}} always reads the item. There is no silent fallback from the element to the item:
 * an element without a title is a missing variable, not the item's title.
 */
import type { VariableToken } from '../parseTemplate';
import { lookupPath, lookupVariable } from '../values';

export interface Scope {
	/** The item's values (outermost scope) or the current list element. */
	value: unknown;
	/** The data path of `value` from the item, for messages: "" for the item, "order.items.2". */
	path: string;
	parent?: Scope;
	/** Set in a list element's scope. */
	loop?: { index: number; length: number };
}

export type Reference = Pick<VariableToken, 'path' | 'scope' | 'loop'>;

/** The value a reference names in `scope`, and its data path from the item (for messages). */
export function resolveReference(scope: Scope, reference: Reference): { value: unknown; path: string } {
	if (reference.loop) return { value: loopValue(scope, reference.loop), path: `${scope.path}.@${reference.loop}` };
	const target = targetScope(scope, reference.scope);
	const name = reference.path.join('.');
	const path = target.path && name ? `${target.path}.${name}` : target.path || name;
	if (reference.path.length === 0) return { value: target.value, path };
	if (!target.parent) return { value: lookupVariable(target.value as Record<string, unknown>, name, reference.path), path };
	const element = target.value;
	const value = element !== null && typeof element === 'object' ? lookupVariable(element as Record<string, unknown>, name, reference.path) : lookupPath(element, reference.path);
	return { value, path };
}

function targetScope(scope: Scope, which: Reference['scope']): Scope {
	if (which === 'root') {
		let root = scope;
		while (root.parent) root = root.parent;
		return root;
	}
	let target = scope;
	// sectionTree.ts refused any "../" reaching past the item, so the chain is long enough
	for (let up = which?.up ?? 0; up > 0 && target.parent; up--) target = target.parent;
	return target;
}

function loopValue(scope: Scope, loop: NonNullable<Reference['loop']>): number | boolean {
	// sectionTree.ts allows loop variables only inside a list's body, whose scope has `loop`
	const { index, length } = scope.loop ?? { index: 0, length: 1 };
	switch (loop) {
		case 'index':
			return index;
		case 'number':
			return index + 1;
		case 'first':
			return index === 0;
		case 'last':
			return index === length - 1;
	}
}

/**
 * {{#if}} and {{#unless}}: false for a missing value, null, false, 0 (and NaN), "", an empty
 * list and an empty object; true for everything else — including the strings "false" and "0",
 * which are text someone wrote, not a boolean.
 */
export function isTruthy(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
	if (typeof value === 'bigint') return value !== BigInt(0);
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length > 0;
	return true;
}
