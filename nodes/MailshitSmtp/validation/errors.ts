/**
 * The two ways a check in this folder can say no: a failure result, or a thrown ConfigurationError.
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

/** A node setting that can never work, whatever the item holds (e.g. a regex that does not compile). */
export class ConfigurationError extends Error {
	/** Where the setting lives, e.g. `rules[2].pattern`. */
	readonly field: string;

	/** Same argument order as SmtpConfigurationError: the sentence, then where. */
	constructor(message: string, field: string) {
		super(message);
		this.name = 'ConfigurationError';
		this.field = field;
	}
}
