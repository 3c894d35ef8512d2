/**
 * A second, independent look at the raw text of an address list, used to catch the cases where
 * nodemailer's addressparser "repairs" malformed input into a different recipient than the one
 * the user typed (see recipientParsing). It tokenizes only as far as RFC 5322 §3.2.2–3.2.4
 * needs to tell quoted strings and (nested) comments from everything else.
 */
export interface AddressListScan {
	/**
	 * `@` outside quoted strings, comments and angle brackets: the ones bare addresses (`a@x.com`)
	 * must account for. In RFC 5322 `@` is a special, not atext (§3.2.3), so each belongs to an address.
	 */
	looseAtCount: number;
	/** What stood between `<` and `>` (a missing `>` runs to the end), compared by `sameAddressText`. */
	angleBracketContents: Set<string>;
	/** Comment texts, trimmed. */
	comments: Set<string>;
}

export function scanAddressList(list: string): AddressListScan {
	const scan: AddressListScan = { looseAtCount: 0, angleBracketContents: new Set(), comments: new Set() };
	let inQuotes = false;
	let commentDepth = 0;
	let commentStart = -1;
	let angleStart = -1;
	for (let i = 0; i < list.length; i++) {
		const char = list[i];
		if ((inQuotes || commentDepth > 0) && char === '\\') {
			i++;
		} else if (inQuotes) {
			inQuotes = char !== '"';
		} else if (char === '(') {
			if (commentDepth++ === 0) commentStart = i + 1;
		} else if (commentDepth > 0) {
			if (char === ')' && --commentDepth === 0) scan.comments.add(list.slice(commentStart, i).trim());
		} else if (char === '"') {
			inQuotes = true;
		} else if (char === '<') {
			angleStart = i + 1;
		} else if (char === '>' && angleStart >= 0) {
			scan.angleBracketContents.add(normalizeAddressText(list.slice(angleStart, i)));
			angleStart = -1;
		} else if (char === '@' && angleStart < 0) {
			scan.looseAtCount++;
		}
	}
	if (angleStart >= 0) scan.angleBracketContents.add(normalizeAddressText(list.slice(angleStart)));
	return scan;
}

/** `@` outside quoted strings and comments in one bare address. */
export function countUnquotedAt(address: string): number {
	return scanAddressList(address).looseAtCount;
}

/**
 * addressparser removes quotes it finds unnecessary (`"a"@x.com` → `a@x.com`) and whitespace
 * around the @, so raw and parsed forms are compared without either.
 */
export function normalizeAddressText(text: string): string {
	return text.replace(/[\s"]+/g, '').toLowerCase();
}
