/**
 * The part of an address before the @.
 *
 * Two forms are accepted, exactly the two RFC 5321 §4.1.2 allows in an SMTP envelope and the two
 * nodemailer emits unchanged (its DOT_ATOM / QUOTED_STRING in mime-node):
 *  - dot-atom: atext runs joined by single dots (RFC 5322 §3.2.3), where atext also includes any
 *    non-ASCII character (RFC 6531 §3.3 / RFC 6532 §3.2, SMTPUTF8) — `用户@例子.广告`;
 *  - quoted-string: `"john doe"@example.com`, printable ASCII or non-ASCII between the quotes,
 *    `\` escaping one printable ASCII character (RFC 5321 qtextSMTP / quoted-pairSMTP).
 * RFC 5322's obsolete mixed form (`john."doe"`) is not accepted: RFC 5321 has no place for it.
 * Functions return the end of the sentence "Invalid email address: …", or undefined when fine.
 */
import { lengthProblem } from './octetLength';

/** RFC 5321 §4.5.3.1.1: the local part is at most 64 octets. */
export const MAX_LOCAL_PART_OCTETS = 64;

// RFC 5322 §3.2.3 atext, ASCII part.
const ASCII_ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]$/;
const SPACE = /^\p{Z}$/u;

export function localPartProblem(localPart: string): string | undefined {
	if (localPart === '') return 'nothing before the @';
	const syntax = localPart.startsWith('"') ? quotedLocalPartProblem(localPart) : dotAtomProblem(localPart);
	return syntax ?? lengthProblem(localPart, MAX_LOCAL_PART_OCTETS, 'the part before the @');
}

function dotAtomProblem(localPart: string): string | undefined {
	if (localPart.startsWith('.')) return 'the part before the @ starts with a dot';
	if (localPart.endsWith('.')) return 'the part before the @ ends with a dot';
	if (localPart.includes('..')) return 'the part before the @ has two dots in a row';
	for (const char of localPart) {
		if (char === '.' || ASCII_ATEXT.test(char)) continue;
		const problem = forbiddenCharacterProblem(char);
		if (problem) return problem;
	}
	return undefined;
}

function forbiddenCharacterProblem(char: string): string | undefined {
	if (SPACE.test(char) || char === '\t') return 'it contains a space (spaces are only allowed inside quotes)';
	if (char === '<' || char === '>') return 'it contains < or >';
	if (char === '"') return 'it contains a quote (") that does not enclose the whole part before the @';
	// Non-ASCII is atext under SMTPUTF8 (RFC 6531); controls and invisible characters were
	// already refused for the whole address by addressSyntax.
	if (char.charCodeAt(0) >= 0x80) return undefined;
	// The remaining ASCII characters are RFC 5322 specials: ( ) , : ; @ [ \ ]
	return `it contains ${JSON.stringify(char)}, which is only allowed inside quotes`;
}

/** `localPart` starts with `"` and, as split by addressSyntax, ends at the matching closing quote. */
function quotedLocalPartProblem(localPart: string): string | undefined {
	const inner = localPart.slice(1, -1);
	if (inner === '') return 'the quotes before the @ are empty';
	for (let i = 0; i < inner.length; i++) {
		const char = inner[i];
		// Angle brackets are legal inside quotes, but no real mailbox uses them and they are what
		// turns an address into markup (`"<script>"@x.com`) when it is shown in HTML.
		if (char === '<' || char === '>') return 'it contains < or >';
		if (char !== '\\') continue;
		const escaped = inner.charCodeAt(i + 1);
		if (!(escaped >= 0x20 && escaped <= 0x7e)) {
			return 'a backslash inside the quotes must be followed by a printable ASCII character';
		}
		i++;
	}
	return undefined;
}
