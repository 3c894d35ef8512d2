/**
 * Length limits in email are counted in octets (RFC 5321 §4.5.3.1), and with SMTPUTF8 a non-ASCII
 * character is 2–4 octets of UTF-8 (RFC 6531 §3.3), so `string.length` is the wrong measure.
 */
export function utf8Length(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** "the part before the @ is longer than 64 characters", worded in bytes when non-ASCII is involved. */
export function lengthProblem(text: string, maxOctets: number, what: string): string | undefined {
	const octets = utf8Length(text);
	if (octets <= maxOctets) return undefined;
	const unit = octets === text.length ? 'characters' : 'bytes (UTF-8)';
	return `${what} is longer than ${maxOctets} ${unit}`;
}
