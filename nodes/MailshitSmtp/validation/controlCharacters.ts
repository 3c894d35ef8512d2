/**
 * Finds characters that must never reach a header line.
 *
 * SMTP ends a header line at CRLF (RFC 5321 §2.3.8, RFC 5322 §2.2), so a CR or LF inside a value
 * starts a new header of the sender's choosing ("Bcc: …") — header injection. The other C0
 * controls, DEL and the C1 block have no meaning in a header either (RFC 5322 §2.2 allows only
 * printable characters and WSP; RFC 6532 adds UTF-8, not controls). TAB is WSP and is allowed
 * where the caller says so.
 *
 * Nodemailer and its addressparser silently *remove* or *replace* these characters, which is why
 * we look at the raw value before anything parses it: silently sending to a different address is
 * worse than refusing.
 */

export interface FoundCharacter {
	/** Offset in UTF-16 code units. */
	index: number;
	/** The character as `U+XXXX`. */
	codePoint: string;
	isLineBreak: boolean;
}

// \p{Cc} = C0 controls, DEL and C1 controls.
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_TAB = /[^\P{Cc}\t]/u;

export function findControlCharacter(text: string, options: { allowTab?: boolean } = {}): FoundCharacter | undefined {
	const match = (options.allowTab ? CONTROL_EXCEPT_TAB : CONTROL).exec(text);
	if (!match) return undefined;
	const code = match[0].codePointAt(0) ?? 0;
	return {
		index: match.index,
		codePoint: formatCodePoint(code),
		isLineBreak: code === 0x0d || code === 0x0a,
	};
}

/** "a line break (CR or LF)" or "a control character (U+0000)", to finish a sentence. */
export function describeControlCharacter(found: FoundCharacter): string {
	return found.isLineBreak ? 'a line break (CR or LF)' : `a control character (${found.codePoint})`;
}

export function formatCodePoint(code: number): string {
	return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}
