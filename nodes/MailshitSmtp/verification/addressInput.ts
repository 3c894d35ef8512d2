/**
 * What the Verify operation's Email parameter holds, before any check: one address as text.
 *
 * An empty or missing value is not an invalid address — there is nothing to judge — so it is a
 * per-item error naming the field, like every other missing input of the node. Surrounding
 * whitespace (spreadsheets, copy and paste) is trimmed: no MTA would see it.
 */
import { fail, ok } from '../shared/result';
import type { ValidationResult } from '../validation/errors';

export type AddressInput = ValidationResult<string>;

export function readAddressInput(value: unknown): AddressInput {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return fail({ field: 'email', error: 'No email address to verify: Email is empty for this item (e.g. map it to {{ $json.email }})' });
	}
	if (typeof value === 'string') return ok(value.trim());
	if (Array.isArray(value)) {
		return fail({ field: 'email', error: 'Email holds a list: Verify Address checks one address per item, so split the list into items first (e.g. with Split Out)' });
	}
	return fail({ field: 'email', error: `Email must be one address as text, not ${typeof value === 'object' ? 'an object' : `a ${typeof value}`}` });
}
