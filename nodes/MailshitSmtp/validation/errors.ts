/**
 * How a check in this folder says no to one item's data: a failure that becomes the item's
 * `validation_failed` result, and nothing is sent for it. A bad *setting* (a regex that does not
 * compile) is wrong for every item instead, and is thrown as a ConfigurationError
 * (shared/configurationError.ts). This module imports nothing from n8n.
 */
import type { Result } from '../shared/result';

/** A failed check on one item's data, in the shape of the `validation_failed` result. */
export interface ValidationFailure {
	/** The field the user has to fix, as the caller named it (`_to`, `Subject`, `order.id`, …). */
	field: string;
	/** One user-facing sentence. */
	error: string;
	/** The offending value, already made printable and shortened (see quoteForMessage). */
	value?: string;
}

/** A check of one item's data: its value when it passes, the failure naming the field when not. */
export type ValidationResult<T = undefined> = Result<T, ValidationFailure>;
