/**
 * The one shape for "it worked, here is the value" or "it did not, here is why". Every check and
 * step that reports a failure instead of throwing returns it, so a caller tests `ok` and reads
 * `value` or `failure` the same way everywhere. Pure: no n8n imports.
 */
export type Result<T, F> = { ok: true; value: T } | { ok: false; failure: F };

export function ok<T>(value: T): { ok: true; value: T };
export function ok(): { ok: true; value: undefined };
export function ok<T>(value?: T): { ok: true; value: T | undefined } {
	return { ok: true, value };
}

export function fail<F>(failure: F): { ok: false; failure: F } {
	return { ok: false, failure };
}
