/**
 * The two ways a check in this folder can say no.
 *
 * They are kept apart because the node treats them differently (SPEC §3, §4): bad *data* in one
 * item becomes a `validation_failed` result for that item and never sends, while a bad *setting*
 * (a regex that does not compile) is wrong for every item and must stop the node with a
 * NodeOperationError. This module imports nothing from n8n so the node layer does that mapping.
 */

/** A failed check on one item's data, in the shape of the `validation_failed` result. */
export interface ValidationFailure {
	/** The field the user has to fix, as the caller named it (`_to`, `Subject`, `order.id`, …). */
	field: string;
	/** One user-facing sentence. */
	error: string;
	/** The offending value, already made printable and shortened (see quoteForMessage). */
	value?: string;
}

export type ValidationResult = { ok: true } | ({ ok: false } & ValidationFailure);

/**
 * Thrown where a signature returns plain data (parseRecipients) and so has no room for a failure
 * result. validateRecipients catches it and turns it back into a ValidationFailure.
 */
export class ValidationError extends Error {
	readonly field: string;
	readonly value?: string;

	constructor(failure: ValidationFailure) {
		super(failure.error);
		this.name = 'ValidationError';
		this.field = failure.field;
		if (failure.value !== undefined) this.value = failure.value;
	}

	toFailure(): ValidationFailure {
		return this.value === undefined
			? { field: this.field, error: this.message }
			: { field: this.field, error: this.message, value: this.value };
	}
}

/** A node setting that can never work, whatever the item holds (e.g. a regex that does not compile). */
export class ConfigurationError extends Error {
	/** Where the setting lives, e.g. `rules[2].pattern`. */
	readonly field: string;

	constructor(field: string, message: string) {
		super(message);
		this.name = 'ConfigurationError';
		this.field = field;
	}
}
