/**
 * Puts user data into an error sentence safely.
 *
 * JSON string quoting makes CR, LF, NUL and other invisible characters visible as `\r`, `\n`,
 * `\u0000`, so an error message (which n8n shows, logs and may put into an email) can never carry
 * the very line break it is complaining about. Long values are cut so that a 10,000-recipient
 * string does not become a 200 KB error.
 */
export const MAX_QUOTED_VALUE_LENGTH = 80;

export function quoteForMessage(value: string, maxLength = MAX_QUOTED_VALUE_LENGTH): string {
	const chars = Array.from(value);
	const shortened = chars.length > maxLength ? chars.slice(0, maxLength).join('') + '…' : value;
	return JSON.stringify(shortened);
}

/**
 * An error sentence with every run of more than `maxLength` characters without a space cut to
 * `maxLength` and "…": a 100,000-character variable name is named, not echoed whole.
 */
export function shortenLongWords(text: string, maxLength = MAX_QUOTED_VALUE_LENGTH): string {
	if (text.length <= maxLength) return text;
	return text.replace(new RegExp(`\\S{${maxLength + 1},}`, 'g'), (word) => `${Array.from(word).slice(0, maxLength).join('')}…`);
}
