/**
 * Turns whatever a recipient field holds into a flat list of `{ name?, address }`.
 *
 * Accepted input, for To, CC, BCC, Reply-To and the item fields _to, _cc, _bcc, _replyTo:
 *  - a string with one or more addresses separated by `,` or `;`: `a@x.com, "Doe, John" <j@x.com>`;
 *  - an array of such strings and/or of `{ name, address }` / `{ name, email }` objects;
 *  - a single such object;
 *  - nothing: undefined, null, '' or whitespace give [] (whether the field is required is the
 *    caller's decision).
 * Empty entries in a list (`a@x.com, , b@y.com`, a trailing comma, `''` or null in an array) are
 * skipped: they hold no address, so nothing the user meant is lost, and lists pasted from
 * spreadsheets are full of them.
 *
 * Strings are read by nodemailer's own addressparser, the same code nodemailer later runs on the
 * field, so a quoted display name with a comma stays one recipient exactly as it will when sent.
 * Around it we refuse the inputs the parser would otherwise "repair" silently into different
 * recipients (see the three guards below). Addresses are *not* validated here; that is
 * validateRecipients' job.
 */
import addressparser from 'nodemailer/lib/addressparser';
import { countUnquotedAt, normalizeAddressText, scanAddressList } from './addressListScan';
import { describeControlCharacter, findControlCharacter } from './controlCharacters';
import { fail, ok } from '../shared/result';
import type { ValidationFailure, ValidationResult } from './errors';
import { quoteForMessage } from './messageText';

export interface Recipient {
	name?: string;
	address: string;
}

export type RecipientsResult = ValidationResult<Recipient[]>;

/** Arrays of arrays are flattened, as nodemailer does; deeper than this is not recipient data. */
const MAX_ARRAY_NESTING = 8;

/** The recipients in `input`, or a failure naming `field` when it is not a recipient list. */
export function readRecipients(input: unknown, field: string): RecipientsResult {
	const recipients: Recipient[] = [];
	const failure = collectRecipients(input, field, recipients, 0);
	return failure ? fail(failure) : ok(recipients);
}

function collectRecipients(input: unknown, field: string, into: Recipient[], depth: number): ValidationFailure | undefined {
	if (input === undefined || input === null) return undefined;
	if (typeof input === 'string') return parseAddressList(input, field, into);
	if (Array.isArray(input)) {
		if (depth >= MAX_ARRAY_NESTING) return failure(field, `${field} is nested more than ${MAX_ARRAY_NESTING} lists deep`);
		for (const item of input) {
			const itemFailure = collectRecipients(item, field, into, depth + 1);
			if (itemFailure) return itemFailure;
		}
		return undefined;
	}
	if (typeof input === 'object') return recipientFromObject(input as Record<string, unknown>, field, into);
	return failure(field, `${field} must be an email address, a list of addresses, or an object with an address`, String(input));
}

function parseAddressList(list: string, field: string, into: Recipient[]): ValidationFailure | undefined {
	// Guard 1: addressparser turns LF into a space and drops CR and other controls, so
	// "a@x.com\r\nBcc: evil@y.com" would come back as a *group* named "a@x.com Bcc" holding
	// evil@y.com. Refuse before parsing rather than guess what was meant.
	const control = findControlCharacter(list, { allowTab: true });
	if (control) return failure(field, `${field} contains ${describeControlCharacter(control)}`, list);

	const recipients: Recipient[] = [];
	for (const entry of addressparser(list)) {
		if (entry.group) {
			// Guard 2: group syntax (RFC 5322 §3.4). An empty group such as
			// `undisclosed-recipients:;` is the standard way to say "no visible recipients" and
			// adds nothing. A group with members is refused: a stray colon (`Bcc: evil@y.com`,
			// `To: a@x.com`) would otherwise quietly turn into a group, and the node sends
			// recipients as a plain list, so the group would not survive anyway.
			if (entry.group.length > 0) {
				return failure(
					field,
					`${field} uses group syntax ("name: address, …;"), which is not supported: list the addresses separated by commas, and put display names that contain a colon in double quotes`,
					list,
				);
			}
			continue;
		}
		const name = entry.name.trim();
		const address = entry.address.trim();
		// A name-only entry ("foo", "Name <>") is text typed where an address belongs. Keep that
		// text as the address so that validation reports what is wrong with it.
		recipients.push(address ? withName(address, name) : { address: name });
	}
	const misread = misreadRecipient(list, recipients, field);
	if (misread) return misread;
	for (const recipient of recipients) into.push(recipient);
	return undefined;
}

/**
 * Guard 3: addressparser is lenient where RFC 5322 is not, and its repairs can pick a different
 * mailbox than the one typed:
 *  - `john smith@x.com` (meant john.smith@…) becomes smith@x.com named "john", and
 *    `a@x.com b@y.com` (a forgotten comma) becomes a@x.com named "b@y.com" — b@y.com is dropped.
 *    RFC 5322 §3.4 only allows a display name in front of an address in angle brackets
 *    (`john <smith@x.com>`), or as a comment (`smith@x.com (john)`), so a name that came from
 *    neither is refused;
 *  - `<a@x.com> b@y.com` becomes a@x.com named "b@y.com", and `Name <a@x.com> b@y.com` one named
 *    "Name b@y.com". An `@` outside quotes, comments and angle brackets can only belong to a bare
 *    address (it is a special, not atext, §3.2.3), so if the input holds more of them than the
 *    bare addresses account for, one was swallowed. A bracketed address may be preceded by a copy
 *    of itself (`a@x.com <a@x.com>`, as some mail clients write it; addressparser then drops the
 *    name), which accounts for that copy's @.
 */
function misreadRecipient(list: string, recipients: Recipient[], field: string): ValidationFailure | undefined {
	const scan = scanAddressList(list);
	let accountedFor = 0;
	for (const recipient of recipients) {
		const isBracketed = scan.angleBracketContents.has(normalizeAddressText(recipient.address));
		const repeatsItself = !recipient.name || namesItsOwnAddress(recipient);
		if (!isBracketed || repeatsItself) accountedFor += countUnquotedAt(recipient.address);
		if (recipient.name && !isBracketed && !scan.comments.has(recipient.name)) {
			return failure(
				field,
				`${field}: ${quoteForMessage(recipient.name)} is not part of an email address: write a display name as Name <address>, and separate addresses with commas`,
				`${recipient.name} ${recipient.address}`,
			);
		}
	}
	if (scan.looseAtCount <= accountedFor) return undefined;
	const swallowed = recipients.find((r) => r.name?.includes('@') && !namesItsOwnAddress(r));
	return failure(
		field,
		`${field} has an @ that is not part of any address: separate addresses with commas, and put display names that contain @ in double quotes`,
		swallowed?.name ?? list,
	);
}

function namesItsOwnAddress(recipient: Recipient): boolean {
	const name = (recipient.name ?? '').replace(/^(["'])(.*)\1$/, '$2');
	return name.toLowerCase() === recipient.address.toLowerCase();
}

function recipientFromObject(object: Record<string, unknown>, field: string, into: Recipient[]): ValidationFailure | undefined {
	const rawAddress = ownProperty(object, 'address') ?? ownProperty(object, 'email');
	if (typeof rawAddress !== 'string') {
		return failure(field, `${field}: each recipient object needs an "address" or "email" property holding text`);
	}
	const rawName = ownProperty(object, 'name') ?? '';
	if (typeof rawName !== 'string') return failure(field, `${field}: a recipient's "name" must be text`, rawAddress);
	// Checked before trimming: trim() would quietly remove a trailing CR/LF, and a value that
	// carries one is broken data we would rather report than send.
	const addressControl = findControlCharacter(rawAddress);
	if (addressControl) {
		return failure(field, `${field}: an address contains ${describeControlCharacter(addressControl)}`, rawAddress);
	}
	const nameControl = findControlCharacter(rawName, { allowTab: true });
	if (nameControl) return failure(field, `${field}: a display name contains ${describeControlCharacter(nameControl)}`, rawName);

	const address = rawAddress.trim();
	// Unlike an empty list entry, an object is an explicit recipient row: one without an
	// address is missing data, not an empty slot.
	if (address === '') return failure(field, `${field}: a recipient object has an empty address`, rawName);
	into.push(withName(address, rawName.trim()));
	return undefined;
}

function ownProperty(object: Record<string, unknown>, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function withName(address: string, name: string): Recipient {
	return name ? { name, address } : { address };
}

function failure(field: string, error: string, value?: string): ValidationFailure {
	return value === undefined ? { field, error } : { field, error, value: quoteForMessage(value) };
}
