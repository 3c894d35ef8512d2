/**
 * The tests' OAuth 2.0 authorization server (server.mjs: oidc-provider in its own process) and
 * what a test does with it: sign in as a person would, exchange the code, introspect a token the
 * way an SMTP server checks it, expire tokens by moving the server's clock, revoke refresh tokens,
 * and read the log of what clients sent.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';

const SERVER_SCRIPT = path.join(__dirname, 'server.mjs');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** The scope the tests' SMTP server requires, as Microsoft's requires SMTP.Send. */
export const SMTP_SCOPE = 'smtp.send';

/**
 * One line of the server's log: `authorize` (the query the client sent, `params`), `consent`,
 * `token` (`grantType`, `ok`, token fingerprints or the `error`), `introspect` (`active`, `sub`),
 * `revoke`.
 */
export interface AuthorizationLogEntry {
	type: string;
	params?: Record<string, string>;
	grantType?: string;
	ok?: boolean;
	error?: string;
	[key: string]: unknown;
}

export interface TokenResponse {
	access_token: string;
	refresh_token?: string;
	expires_in: number;
	token_type: string;
	scope?: string;
}

export interface AuthorizationServerOptions {
	/** Where the client may be sent back to (n8n's OAuth callback URL). */
	redirectUris: string[];
	accessTokenTtlSeconds?: number;
	/** How the client authenticates at the token endpoint: n8n's "header" (Basic) or "body". */
	clientAuthentication?: 'header' | 'body';
}

export interface AuthorizationServer {
	url: string;
	authUrl: string;
	tokenUrl: string;
	client: { id: string; secret: string };
	/** Everything the server saw, in order; tokens only as fingerprints. */
	log(): Promise<AuthorizationLogEntry[]>;
	/** Successful refresh_token grants so far. */
	refreshCount(): Promise<number>;
	/** What the SMTP server asks: is this token active, and for whom. */
	introspect(token: string): Promise<{ active: boolean; sub?: string; scope?: string }>;
	/** The SMTP server's decision: active, for this mailbox, with the SMTP scope. */
	verifyToken(user: string, token: string): Promise<boolean>;
	/** Moves the server's clock: access tokens older than their lifetime stop being active. */
	advanceClock(seconds: number): Promise<void>;
	/** Revokes every refresh token issued so far: the next refresh gets invalid_grant. */
	revokeRefreshTokens(): Promise<number>;
	/** The authorization code grant, as a client does after the callback. */
	exchangeCode(callbackUrl: string, redirectUri: string): Promise<TokenResponse>;
	close(): Promise<void>;
}

const secret = () => randomBytes(18).toString('base64url');

export async function startAuthorizationServer(options: AuthorizationServerOptions): Promise<AuthorizationServer> {
	const client = { id: `n8n-test-client-${randomBytes(4).toString('hex')}`, secret: secret() };
	const resourceServer = { client_id: 'smtp-server', client_secret: secret() };
	const config = {
		clients: [
			{
				client_id: client.id,
				client_secret: client.secret,
				redirect_uris: options.redirectUris,
				token_endpoint_auth_method: options.clientAuthentication === 'body' ? 'client_secret_post' : 'client_secret_basic',
			},
		],
		resourceServer,
		scopes: [SMTP_SCOPE],
		accessTokenTtl: options.accessTokenTtlSeconds ?? 3600,
	};
	const child = spawn(process.execPath, [SERVER_SCRIPT], {
		env: { ...process.env, MAILSHIT_AS_CONFIG: JSON.stringify(config) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => fail(new Error(`the authorization server did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
		const lines = createInterface({ input: child.stdout });
		function fail(error: Error) {
			clearTimeout(timer);
			lines.close();
			child.kill('SIGKILL');
			reject(new Error(`${error.message}\n${stderr}`));
		}
		lines.once('line', (line) => {
			clearTimeout(timer);
			lines.close();
			resolve((JSON.parse(line) as { port: number }).port);
		});
		child.once('exit', (code) => fail(new Error(`the authorization server exited (${code})`)));
	});
	const url = `http://127.0.0.1:${port}`;

	async function call<T>(method: 'GET' | 'POST', pathname: string, body?: Record<string, unknown>): Promise<T> {
		const response = await fetch(`${url}${pathname}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}

	async function tokenEndpoint<T>(pathname: string, who: { id: string; secret: string }, form: Record<string, string>): Promise<T> {
		const response = await fetch(`${url}${pathname}`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${encodeURIComponent(who.id)}:${encodeURIComponent(who.secret)}`).toString('base64')}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams(form),
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		const json = (await response.json()) as T;
		if (!response.ok) throw new Error(`POST ${pathname}: HTTP ${response.status} ${JSON.stringify(json)}`);
		return json;
	}

	const server: AuthorizationServer = {
		url,
		authUrl: `${url}/auth`,
		tokenUrl: `${url}/token`,
		client,
		log: () => call<AuthorizationLogEntry[]>('GET', '/__test/log'),
		async refreshCount() {
			return (await server.log()).filter((entry) => entry.type === 'token' && entry.grantType === 'refresh_token' && entry.ok).length;
		},
		introspect: (token) =>
			tokenEndpoint('/token/introspection', { id: resourceServer.client_id, secret: resourceServer.client_secret }, { token }),
		async verifyToken(user, token) {
			const answer = await server.introspect(token);
			return answer.active && answer.sub === user && String(answer.scope ?? '').split(' ').includes(SMTP_SCOPE);
		},
		async advanceClock(seconds) {
			await call('POST', '/__test/clock', { advanceSeconds: seconds });
		},
		async revokeRefreshTokens() {
			return (await call<{ revoked: number }>('POST', '/__test/revoke')).revoked;
		},
		exchangeCode(callbackUrl, redirectUri) {
			const code = new URL(callbackUrl).searchParams.get('code');
			if (!code) throw new Error(`no code in ${callbackUrl}`);
			if (options.clientAuthentication === 'body') throw new Error('exchangeCode speaks client_secret_basic only');
			return tokenEndpoint('/token', client, { grant_type: 'authorization_code', code, redirect_uri: redirectUri });
		},
		async close() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
			await exited;
			clearTimeout(timer);
		},
	};
	return server;
}

/** A browser's cookie jar, for one origin, reduced to what the sign-in pages need. */
class CookieJar {
	private readonly cookies = new Map<string, string>();

	header(): string {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	take(response: Response): void {
		for (const setCookie of response.headers.getSetCookie()) {
			const [pair] = setCookie.split(';');
			const equals = pair.indexOf('=');
			this.cookies.set(pair.slice(0, equals), pair.slice(equals + 1));
		}
	}
}

const MAX_REDIRECTS = 10;

/**
 * What a person does after "Connect my account": open the authorization URL, type the account on
 * the sign-in and consent page, click Allow. Resolves with the URL the server sends the browser
 * back to (the client's callback, with `code` and `state`), without opening it.
 */
export async function signInAndConsent(authorizationUrl: string, account: string): Promise<string> {
	const origin = new URL(authorizationUrl).origin;
	const jar = new CookieJar();
	const open = async (target: string, init: RequestInit = {}) => {
		const response = await fetch(target, {
			...init,
			redirect: 'manual',
			headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		jar.take(response);
		return response;
	};
	let response = await open(authorizationUrl);
	let consented = false;
	for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
		const location = response.headers.get('location');
		if (location) {
			const next = new URL(location, origin).href;
			await response.arrayBuffer();
			if (!next.startsWith(`${origin}/`)) return next;
			response = await open(next);
			continue;
		}
		const page = await response.text();
		if (response.status !== 200 || consented || !/<form method="post"/.test(page)) {
			throw new Error(`the authorization server answered HTTP ${response.status}: ${page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
		}
		consented = true;
		response = await open(response.url || authorizationUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ login: account, decision: 'allow' }).toString(),
		});
	}
	throw new Error(`more than ${MAX_REDIRECTS} redirects from ${authorizationUrl}`);
}

/**
 * "Connect my account" without n8n: the authorization URL as n8n builds it, the sign-in and
 * consent, and the code exchanged for tokens. The token data is what n8n 2.x stores (with
 * `n8n_expires_at`); pass `n8nMajor: 1` for what 1.x stores (no absolute expiry).
 */
export async function connectAccount(
	server: AuthorizationServer,
	account: string,
	options: { redirectUri: string; scope?: string; n8nMajor?: 1 | 2 },
): Promise<Record<string, unknown>> {
	const query = new URLSearchParams({
		client_id: server.client.id,
		redirect_uri: options.redirectUri,
		response_type: 'code',
		state: randomBytes(8).toString('hex'),
		scope: options.scope ?? `${SMTP_SCOPE} offline_access`,
	});
	const callback = await signInAndConsent(`${server.authUrl}?${query.toString()}`, account);
	const token = await server.exchangeCode(callback, options.redirectUri);
	return options.n8nMajor === 1 ? { ...token } : { ...token, n8n_expires_at: String(Date.now() + token.expires_in * 1000) };
}
