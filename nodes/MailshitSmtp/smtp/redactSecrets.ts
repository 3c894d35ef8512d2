/**
 * Removes secrets from any text we show or log, in the forms an SMTP exchange can carry them. A
 * password: as typed, URL-encoded, and base64 (AUTH LOGIN sends it alone, AUTH PLAIN as
 * "\0user\0pass"). An OAuth2 token: as is, and inside the base64 of XOAUTH2's initial response
 * ("user=<mailbox>\x01auth=Bearer <token>\x01\x01", RFC 7628 style); a refresh token or a client
 * secret as is and URL-encoded (how a token request carries them).
 */
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function longestFirst(forms: string[]): string[] {
	return [...new Set(forms.filter(Boolean))].sort((a, b) => b.length - a.length);
}

export function secretForms(user: string, password: string): string[] {
	if (!password) return [];
	return longestFirst([
		password,
		encodeURIComponent(password),
		base64(password),
		base64(`\u0000${user}\u0000${password}`),
		base64(`${user}\u0000${user}\u0000${password}`),
	]);
}

/** XOAUTH2's initial client response, as nodemailer sends it after `AUTH XOAUTH2 `. */
export function xoauth2InitialResponse(user: string, accessToken: string): string {
	return base64(`user=${user}\u0001auth=Bearer ${accessToken}\u0001\u0001`);
}

/** Every form of the access tokens a run used and of the other OAuth2 secrets (refresh token, client secret). */
export function oauthSecretForms(user: string, accessTokens: readonly string[], otherSecrets: readonly string[] = []): string[] {
	return longestFirst([
		...accessTokens.flatMap((token) => [token, encodeURIComponent(token), xoauth2InitialResponse(user, token)]),
		...otherSecrets.flatMap((secret) => [secret, encodeURIComponent(secret)]),
	]);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret) continue;
		out = out.split(secret).join('***');
	}
	return out;
}
