/**
 * Recipient fields (To, CC, BCC, Reply-To, From) from raw input to what nodemailer is given.
 *
 *   validateRecipients(input, '_to')  →  { ok: true, value: recipients }  →  recipients.map(formatRecipient)
 *
 * This file is the address API the node uses; the pieces live next to it by concern:
 * recipientParsing (input shapes, addressparser), addressSyntax (one address),
 * localPart / domain (the two halves, with their RFC rules).
 */
import { addressProblem, type AddressValidationOptions } from './addressSyntax';
import { fail } from '../shared/result';
import { quoteForMessage } from './messageText';
import { readRecipients, type Recipient, type RecipientsResult } from './recipientParsing';

export { readRecipients, type Recipient, type RecipientsResult } from './recipientParsing';
export { domainOf, validateAddress, MAX_ADDRESS_OCTETS, type AddressCheck, type AddressValidationOptions } from './addressSyntax';

/** The `{ name, address }` object form nodemailer accepts for every address field. */
export interface NodemailerAddress {
	name: string;
	address: string;
}

/**
 * Parses and checks every recipient; the first problem wins and names the field. An empty field
 * is `{ ok: true, value: [] }` — whether the field is required is the caller's decision.
 */
export function validateRecipients(
	input: unknown,
	field: string,
	options: AddressValidationOptions = {},
): RecipientsResult {
	const read = readRecipients(input, field);
	if (!read.ok) return read;
	for (const recipient of read.value) {
		const problem = addressProblem(recipient.address, options);
		if (problem !== undefined) {
			const value = quoteForMessage(recipient.address);
			return fail({ field, error: `Invalid email address ${value} in ${field}: ${problem}`, value });
		}
	}
	return read;
}

/**
 * The object form, not a `"Name" <addr>` string: nodemailer takes an object's address as is and
 * encodes its name itself (quoted-string for ASCII with specials, RFC 2047 encoded-word for
 * non-ASCII, RFC 5322 §3.2.4 / RFC 2047 §5). A string would be quoted by us and parsed again by
 * nodemailer's addressparser — two places that have to agree on every comma, quote and
 * backslash in a name, instead of none.
 */
export function formatRecipient(recipient: Recipient): NodemailerAddress {
	return { name: recipient.name ?? '', address: recipient.address };
}
