/**
 * Is this string one deliverable-looking email address (an RFC 5321 Mailbox, `local@domain`)?
 *
 * "Deliverable-looking" means: what real MTAs accept in `RCPT TO` and nodemailer sends without
 * rewriting. This is a format check only; whether the domain exists is the Verify operation's job.
 * The input is a bare address — display names and `<…>` belong to readRecipients.
 */
import { findControlCharacter, describeControlCharacter, formatCodePoint } from './controlCharacters';
import { domainProblem, type DomainRules } from './domain';
import { localPartProblem } from './localPart';
import { utf8Length } from './octetLength';
import { domainToASCII } from 'node:url';
import { fail, ok, type Result } from '../shared/result';

export type AddressValidationOptions = DomainRules;

/** Passes, or fails with the sentence "Invalid email address: …". */
export type AddressCheck = Result<undefined, string>;

/**
 * RFC 5321 §4.5.3.1.3 limits a path to 256 octets including its angle brackets, so the address
 * itself to 254 (RFC 3696 erratum 1690).
 */
export const MAX_ADDRESS_OCTETS = 254;

// Invisible characters that let two addresses look identical, or reorder what is shown (bidi
// overrides such as U+202E): \p{Cf} format characters and the Unicode line/paragraph separators.
// ZWNJ and ZWJ (U+200C, U+200D) stay: IDNA2008 permits them in context (RFC 5892 Appendix A.1–A.2).
// They are left out of the pattern itself (the lookahead), not filtered after the match: exec
// returns only the first match, so an allowed ZWNJ there would hide a U+202E after it.
// Lone surrogates (\p{Cs}) cannot be encoded as UTF-8 at all.
const INVISIBLE_OR_BROKEN = /(?![\u200c\u200d])[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

export function validateAddress(address: unknown, options: AddressValidationOptions = {}): AddressCheck {
	const problem = addressProblem(address, options);
	return problem === undefined ? ok() : fail(`Invalid email address: ${problem}`);
}

/** The end of the sentence "Invalid email address: …", or undefined when the address is fine. */
export function addressProblem(address: unknown, options: AddressValidationOptions = {}): string | undefined {
	if (typeof address !== 'string') return 'it is not text';
	if (address.trim() === '') return 'it is empty';
	const unsafe = unsafeCharacterProblem(address);
	if (unsafe) return unsafe;

	const parts = splitAddress(address);
	if (typeof parts === 'string') return parts;
	const problem = localPartProblem(parts.localPart) ?? domainProblem(parts.domain, options);
	if (problem) return problem;

	const octets = addressOctetsAsSent(parts.localPart, parts.domain);
	return octets > MAX_ADDRESS_OCTETS ? `the address is longer than ${MAX_ADDRESS_OCTETS} characters` : undefined;
}

/**
 * The domain of an address that passed the format check: after the last @, since a quoted local
 * part may hold an @ of its own but a domain never does.
 */
export function domainOf(address: string): string {
	return address.slice(address.lastIndexOf('@') + 1);
}

function unsafeCharacterProblem(address: string): string | undefined {
	const control = findControlCharacter(address);
	if (control) return `it contains ${describeControlCharacter(control)}`;
	const invisible = INVISIBLE_OR_BROKEN.exec(address);
	if (invisible) {
		return `it contains an invisible or invalid character (${formatCodePoint(invisible[0].codePointAt(0) ?? 0)})`;
	}
	return undefined;
}

/**
 * Splits at the @ that separates local part and domain. A quoted local part may itself contain
 * `@` (RFC 5321 §4.1.2), so the split is after its closing quote, not at the last @.
 */
function splitAddress(address: string): { localPart: string; domain: string } | string {
	let atIndex: number;
	if (address.startsWith('"')) {
		const closingQuote = closingQuoteIndex(address);
		if (closingQuote < 0) return 'the quotes before the @ are not closed';
		atIndex = closingQuote + 1;
		if (address[atIndex] !== '@') {
			return address.includes('@', atIndex) ? 'there is text between the closing quote and the @' : 'missing @';
		}
	} else {
		atIndex = address.indexOf('@');
		if (atIndex < 0) return 'missing @';
	}
	const domain = address.slice(atIndex + 1);
	if (domain.includes('@')) return 'more than one @ outside quotes';
	return { localPart: address.slice(0, atIndex), domain };
}

function closingQuoteIndex(text: string): number {
	for (let i = 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '"') return i;
	}
	return -1;
}

/**
 * The length the address has on the wire. Nodemailer sends the domain as an A-label when the
 * local part is ASCII and leaves it in UTF-8 when the local part already needs SMTPUTF8
 * (mime-node `_normalizeAddress`), so that is the form measured.
 */
function addressOctetsAsSent(localPart: string, domain: string): number {
	const localIsAscii = utf8Length(localPart) === localPart.length;
	const domainAsSent = localIsAscii && !domain.startsWith('[') ? domainToASCII(domain) : domain;
	return utf8Length(localPart) + 1 + utf8Length(domainAsSent);
}
