import { oauthSecretForms } from '../smtp/redactSecrets';

/** An access token and, when known, when it stops working (epoch ms). */
export interface OAuthToken {
	accessToken: string;
	/** Unknown when the store keeps only a relative lifetime (n8n 1.x keeps `expires_in` alone). */
	expiresAt?: number;
}

/**
 * Getting a token failed in a way the user must act on. `reconnect`: the refresh token is no
 * longer accepted (revoked, expired, password changed) or there never was one; `refreshFailed`:
 * anything else on the way to the token endpoint. The message never carries a secret.
 */
export class OAuthTokenError extends Error {
	readonly code = 'EOAUTH2';

	constructor(
		message: string,
		readonly oauthFailure: 'reconnect' | 'refreshFailed',
	) {
		super(message);
		this.name = 'OAuthTokenError';
	}
}

export interface OAuthTokenSourceOptions {
	/** The mailbox the token signs in as (XOAUTH2's `user=`). */
	user: string;
	/** The token the credential holds now. */
	stored: OAuthToken;
	/** Asks the token endpoint for a new token and stores it (n8n does both); throws OAuthTokenError. */
	refresh: () => Promise<OAuthToken>;
	/** Other values never to show: the refresh token, the client secret. */
	secrets?: readonly string[];
	now?: () => number;
}

type ProvisionCallback = (user: string, renew: boolean, callback: (error: Error | null, accessToken?: string) => void) => void;

/**
 * The access token of one node run, shared by every pooled SMTP connection and the connection
 * test. It is refreshed at most once per run, whoever asks first and however many ask at once
 * (one request to the token endpoint, the others wait for it): when the stored token is known to
 * have expired, or when a server rejected it. A token rejected even after that is not the
 * token's age, so asking again would only repeat the same refusal.
 */
export interface OAuthTokenSource {
	readonly user: string;
	/** 0 while the stored token is in use, 1 once refreshed: tells whether a rejection is news. */
	readonly generation: number;
	/** Requests made to the token endpoint in this run (0 or 1). */
	readonly refreshes: number;
	/** The token to sign in with now; refreshed first if the stored one has expired. */
	token(): Promise<string>;
	/**
	 * After a server refused the token of `generation`: true when a newer token is now there to try
	 * (refreshing first if nobody has yet), false when the refreshed token itself was refused.
	 * Throws OAuthTokenError when the refresh fails.
	 */
	renewAfterRejection(generation: number): Promise<boolean>;
	/** nodemailer's hook for XOAUTH2 (`auth.provisionCallback`); `renew` after a 334 challenge. */
	readonly provisionCallback: ProvisionCallback;
	/** Every form in which this run's tokens and secrets could appear, for redaction. */
	secretForms(): string[];
}

/** Refresh a little before the stated end, as n8n does: a token must survive the SMTP handshake. */
export const EXPIRY_MARGIN_MS = 60_000;

export function createOAuthTokenSource(options: OAuthTokenSourceOptions): OAuthTokenSource {
	const now = options.now ?? Date.now;
	const seenTokens = [options.stored.accessToken];
	let current = options.stored;
	let refreshing: Promise<void> | undefined;
	let refreshes = 0;

	function refreshOnce(): Promise<void> {
		refreshing ??= (async () => {
			refreshes++;
			current = await options.refresh();
			seenTokens.push(current.accessToken);
		})();
		return refreshing;
	}

	const expired = (token: OAuthToken) => token.expiresAt !== undefined && token.expiresAt - EXPIRY_MARGIN_MS <= now();

	const source: OAuthTokenSource = {
		user: options.user,
		get generation() {
			return refreshes;
		},
		get refreshes() {
			return refreshes;
		},
		async token() {
			if (refreshing) await refreshing;
			else if (expired(current)) await refreshOnce();
			return current.accessToken;
		},
		async renewAfterRejection(generation) {
			if (generation < refreshes) {
				await refreshing;
				return true;
			}
			if (refreshing) return false;
			await refreshOnce();
			return true;
		},
		provisionCallback(_user, renew, callback) {
			// nodemailer asks with renew after the server's 334 challenge; which token that
			// connection used it does not say, so a renew after the refresh gets the refreshed token
			const pending = renew ? refreshOnce().then(() => current.accessToken) : source.token();
			pending.then(
				(accessToken) => callback(null, accessToken),
				(error: Error) => callback(error),
			);
		},
		secretForms: () => oauthSecretForms(options.user, seenTokens, options.secrets),
	};
	return source;
}

/** nodemailer's error for a server that refused the XOAUTH2 token itself (535 after AUTH XOAUTH2). */
export function isTokenRejection(error: unknown): boolean {
	if (error instanceof OAuthTokenError || !error || typeof error !== 'object') return false;
	const e = error as { code?: string; command?: string; responseCode?: number };
	return e.code === 'EAUTH' && /XOAUTH2/i.test(e.command ?? '') && e.responseCode === 535;
}
