/**
 * How a variable finds its value in an item and turns it into text.
 */

/**
 * The value at `path` in `values`, or undefined.
 *
 * Only own properties are followed, so `{{constructor}}` or `{{name.length}}` cannot reach into
 * prototypes or string internals; array elements are reached by index (`items.0.title`).
 */
export function lookupPath(values: unknown, path: readonly string[]): unknown {
	let current: unknown = values;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

/**
 * The value for a dotted name. A key that itself contains the dots wins when present: flat
 * key-value data (a CSV row with an "order.id" column, a key-value parameter) is as common as
 * nested JSON, and such a key cannot be reached any other way.
 */
export function lookupVariable(values: Record<string, unknown>, name: string, path: readonly string[]): unknown {
	if (path.length > 1 && Object.prototype.hasOwnProperty.call(values, name)) return values[name];
	return lookupPath(values, path);
}

/**
 * Every value a name reaches, with its path: the same lookup the template uses, so a check
 * (a validation rule, the raw-markup bound) sees exactly the value that is filled in; a `*`
 * segment stands for each element of a list, as {{#each}} fills them (`order.items.*.sku` →
 * `order.items.0.sku`, `order.items.1.sku`, …).
 */
export function lookupEvery(values: Record<string, unknown>, variable: string): Array<{ path: string; value: unknown }> {
	const star = variable.split('.').indexOf('*');
	if (star === -1) return [{ path: variable, value: lookupVariable(values, variable, variable.split('.')) }];
	const segments = variable.split('.');
	const listPath = segments.slice(0, star).join('.');
	const list = lookupVariable(values, listPath, segments.slice(0, star));
	if (!Array.isArray(list)) return [];
	const rest = segments.slice(star + 1).join('.');
	return list.flatMap((element, index) => {
		const path = `${listPath}.${index}`;
		if (!rest) return [{ path, value: element }];
		if (element === null || typeof element !== 'object') return [];
		return lookupEvery(element as Record<string, unknown>, rest).map((found) => ({ path: `${path}.${found.path}`, value: found.value }));
	});
}

/** undefined, null and "" are "missing": they take the default, or fail a required variable. */
export function isMissing(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * Text for a value: strings as they are, numbers and booleans via String(), a Date as its ISO
 * string, an array of scalars joined with ", ", anything else as JSON.
 */
export function formatValue(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date) return formatDate(value);
	if (Array.isArray(value) && value.every(isScalar)) return value.map(formatValue).join(', ');
	if (typeof value === 'object') return toJson(value);
	// Functions and symbols cannot come from JSON; print nothing rather than source code.
	return '';
}

function isScalar(value: unknown): boolean {
	return value === null || value === undefined || value instanceof Date || (typeof value !== 'object' && typeof value !== 'function');
}

function formatDate(date: Date): string {
	// toISOString throws on an invalid date; "Invalid Date" is what String() says and is honest.
	return Number.isNaN(date.getTime()) ? String(date) : date.toISOString();
}

function toJson(value: object): string {
	try {
		return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner)) ?? '';
	} catch {
		// Only a circular structure gets here, which n8n items (JSON) cannot hold.
		return '[unprintable value]';
	}
}
