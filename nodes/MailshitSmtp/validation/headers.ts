/**
 * Header values and custom headers, checked before nodemailer sees them.
 *
 * Nodemailer would not let a CR/LF through as a new header line (it encodes or strips it), but it
 * would quietly send something other than what the user wrote; a CR/LF in a header is therefore a
 * clear error naming the field instead.
 */
import { describeControlCharacter, findControlCharacter } from './controlCharacters';
import type { ValidationResult } from './errors';
import { fail, ok } from '../shared/result';
import { quoteForMessage } from './messageText';

/**
 * Headers the node writes itself, compared case-insensitively (RFC 5322 §1.2.2: field names are
 * case-insensitive). Letting a custom header repeat one of them would not replace it but add a
 * second copy: two Subject or Content-Type lines make clients pick either, and a custom To, Cc or
 * Bcc would silently add recipients, because nodemailer builds the SMTP envelope from every
 * address header it carries. Beyond the headers every message has:
 *  - Reply-To: the node has its own field for it;
 *  - Return-Path: added by the receiving MTA from the envelope; a sender must not set it
 *    (RFC 5321 §4.4).
 * Not reserved, on purpose: Sender, In-Reply-To and References (threading), List-* and
 * X-Priority / Importance. The node layer must make sure its own List-Unsubscribe and priority
 * options do not also appear as custom headers.
 */
export const RESERVED_HEADER_NAMES: readonly string[] = [
	'From',
	'To',
	'Cc',
	'Bcc',
	'Reply-To',
	'Subject',
	'Date',
	'Message-ID',
	'MIME-Version',
	'Content-Type',
	'Content-Transfer-Encoding',
	'Return-Path',
];

const RESERVED_LOWER_CASE = new Set(RESERVED_HEADER_NAMES.map((name) => name.toLowerCase()));

/**
 * Content-* headers describe a MIME part (RFC 2045 §9, RFC 2183): nodemailer writes them for
 * every part it builds, so a custom Content-Disposition, Content-ID or Content-Language would
 * contradict the structure of the message it is added to.
 */
const CONTENT_HEADER = /^content-/i;

/**
 * RFC 5322 §2.1.1: a header line holds at most 998 characters. nodemailer folds a long value at
 * its spaces and encodes non-ASCII words in short pieces, but a run without spaces stays on one
 * line; with the header's name in front, a word of this length still fits.
 */
const MAX_HEADER_WORD_LENGTH = 900;

// RFC 5322 §3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126 (printable ASCII except ":").
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * A header value (Subject, a custom header's value, List-Unsubscribe, …) must be one line:
 * no CR or LF, which would start a new header (RFC 5322 §2.2), and no other control character.
 * TAB is allowed, it is folding whitespace. `field` names the setting in the error.
 */
export function checkHeaderValue(value: string, field: string): ValidationResult {
	const control = findControlCharacter(value, { allowTab: true });
	if (control) return fail({ field, error: `${field} contains ${describeControlCharacter(control)}`, value: quoteForMessage(value) });
	return checkHeaderWords(value, field);
}

/** A value that goes into a header (a subject, a display name) has no word over MAX_HEADER_WORD_LENGTH. */
export function checkHeaderWords(value: string, field: string): ValidationResult {
	if (value.length <= MAX_HEADER_WORD_LENGTH) return ok();
	const longest = value.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
	if (longest.length <= MAX_HEADER_WORD_LENGTH) return ok();
	return fail({
		field,
		error: `${field} has a word of ${longest.length} characters without a space, over the ${MAX_HEADER_WORD_LENGTH} a header line can carry (RFC 5322 allows 998 per line)`,
		value: quoteForMessage(longest),
	});
}

/** The name of a user-supplied header: RFC 5322 field-name syntax, and not one of RESERVED_HEADER_NAMES. */
export function checkCustomHeaderName(name: string, field = 'Custom Headers'): ValidationResult {
	const shown = quoteForMessage(name);
	if (name === '') return fail({ field, error: `${field}: a header name is empty` });
	if (!FIELD_NAME.test(name)) {
		return fail({
			field,
			error: `${field}: header name ${shown} may only contain printable ASCII characters other than ":" and spaces`,
			value: shown,
		});
	}
	if (name.length > 76) {
		return fail({ field, error: `${field}: header name ${shown} is longer than 76 characters`, value: shown });
	}
	if (CONTENT_HEADER.test(name) && !RESERVED_LOWER_CASE.has(name.toLowerCase())) {
		return fail({ field, error: `${field}: ${shown} is a MIME content header, which the node writes for each part itself`, value: shown });
	}
	if (RESERVED_LOWER_CASE.has(name.toLowerCase())) {
		return fail({
			field,
			error: `${field}: ${shown} is set by the node itself and cannot be a custom header`,
			value: shown,
		});
	}
	return ok();
}

/**
 * One custom header: its name (see checkCustomHeaderName) and its value, which must be text
 * (a number or boolean is accepted as its string form) on a single line.
 */
export function checkCustomHeader(name: string, value: unknown, field = 'Custom Headers'): ValidationResult {
	const nameCheck = checkCustomHeaderName(name, field);
	if (!nameCheck.ok) return nameCheck;
	const shown = quoteForMessage(name);
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
		return fail({ field, error: `${field}: the value of header ${shown} must be text`, value: shown });
	}
	const valueCheck = checkHeaderValue(String(value), `${field}: header ${shown}`);
	return valueCheck.ok ? valueCheck : fail({ ...valueCheck.failure, field });
}
