/**
 * Removes a password from any text we show or log, in the forms an SMTP exchange can carry it:
 * as typed, URL-encoded, and base64 (AUTH LOGIN sends it alone, AUTH PLAIN as "\0user\0pass").
 */
export function secretForms(user: string, password: string): string[] {
	if (!password) return [];
	const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
	const forms = [
		password,
		encodeURIComponent(password),
		base64(password),
		base64(`\u0000${user}\u0000${password}`),
		base64(`${user}\u0000${user}\u0000${password}`),
	];
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret) continue;
		out = out.split(secret).join('***');
	}
	return out;
}
