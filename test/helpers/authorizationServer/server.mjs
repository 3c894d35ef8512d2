/**
 * A real OAuth 2.0 authorization server on 127.0.0.1 for the tests: oidc-provider (the certified
 * Node implementation) with one confidential client, the authorization code and refresh token
 * grants, token introspection for the SMTP server, and a one-page sign-in + consent screen.
 *
 * Run as its own process (oidc-provider is an ES module; jest's CommonJS runtime cannot load it):
 *   MAILSHIT_AS_CONFIG='{"clients":[…],"resourceServer":{…},"accessTokenTtl":3600}' node server.mjs
 * It prints one line, `{"port":N}`, once it listens. Everything the tests need to steer or read
 * is under /__test/: the request log, the clock, and revoking every refresh token.
 *
 * The clock: the server's idea of "now" is Date.now() plus an offset the test advances, so a test
 * expires an access token by moving time, never by waiting for it.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.MAILSHIT_AS_CONFIG ?? '{}');
const realNow = Date.now.bind(Date);
let clockOffsetMs = 0;
Date.now = () => realNow() + clockOffsetMs;

/** What happened, in order; tokens appear only as a short fingerprint. */
const log = [];
/** Refresh tokens issued so far, so /__test/revoke can revoke them all. */
const refreshTokens = new Map();

const fingerprint = (token) => (token ? createHash('sha256').update(String(token)).digest('hex').slice(0, 12) : undefined);

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
	clients: [
		...config.clients.map((client) => ({
			grant_types: ['authorization_code', 'refresh_token'],
			response_types: ['code'],
			token_endpoint_auth_method: 'client_secret_basic',
			...client,
		})),
		// the SMTP server: it only asks whether a token is active, and for whom
		{ ...config.resourceServer, grant_types: [], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' },
	],
	scopes: ['openid', 'offline_access', ...(config.scopes ?? [])],
	jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test' }] },
	cookies: { keys: ['mailshit-test-authorization-server'] },
	features: {
		devInteractions: { enabled: false },
		introspection: { enabled: true },
		revocation: { enabled: true },
	},
	// a refresh token for every code, as Microsoft and Google give one with offline access
	issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
	ttl: {
		AccessToken: config.accessTokenTtl ?? 3600,
		AuthorizationCode: 300,
		RefreshToken: 14 * 24 * 3600,
		Grant: 14 * 24 * 3600,
		Session: 14 * 24 * 3600,
		Interaction: 3600,
	},
	interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
	findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id }) }),
});

provider.on('grant.success', (ctx) => {
	const body = ctx.body ?? {};
	log.push({
		type: 'token',
		grantType: ctx.oidc.params.grant_type,
		ok: true,
		accessToken: fingerprint(body.access_token),
		refreshToken: fingerprint(body.refresh_token),
		expiresIn: body.expires_in,
		scope: body.scope,
	});
});
provider.on('grant.error', (ctx, error) => {
	log.push({ type: 'token', grantType: ctx.oidc?.params?.grant_type, ok: false, error: error.error, description: error.error_description });
});
provider.on('refresh_token.saved', (token) => refreshTokens.set(token.jti, token));
provider.on('authorization.error', (_ctx, error) => log.push({ type: 'authorize-error', error: error.error, description: error.error_description }));

async function readForm(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	return req.headers['content-type']?.includes('json') ? JSON.parse(text || '{}') : Object.fromEntries(new URLSearchParams(text));
}

function escapeHtml(text) {
	return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Sign-in and consent on one page: the account (the mailbox) and an Allow button. */
function consentPage(uid, params) {
	const scopes = String(params.scope ?? '').split(/\s+/).filter(Boolean);
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>Test authorization server: allow access</title>
<style>body{font-family:sans-serif;max-width:420px;margin:40px auto}li{font-family:monospace}button{font-size:16px;padding:8px 20px}</style></head>
<body>
<h1>Allow access</h1>
<p><strong data-test="client">${escapeHtml(params.client_id)}</strong> asks to:</p>
<ul data-test="scopes">${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label>Account <input name="login" type="email" value="${escapeHtml(params.login_hint ?? '')}" required autofocus></label>
<p><button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Deny</button></p>
</form></body></html>`;
}

async function interaction(req, res, uid) {
	const details = await provider.interactionDetails(req, res);
	if (details.uid !== uid) throw new Error('interaction mismatch');
	const { params } = details;
	if (req.method === 'GET') {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		return res.end(consentPage(uid, params));
	}
	const form = await readForm(req);
	if (form.decision === 'deny') {
		return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The account owner denied access' }, { mergeWithLastSubmission: false });
	}
	const accountId = String(form.login ?? '').trim();
	const grant = new provider.Grant({ accountId, clientId: params.client_id });
	grant.addOIDCScope(String(params.scope ?? ''));
	const grantId = await grant.save();
	log.push({ type: 'consent', accountId, scope: params.scope });
	return provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

async function testControl(req, res, path) {
	const json = (status, body) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	};
	if (path === '/__test/log') return json(200, log);
	const body = await readForm(req);
	if (path === '/__test/clock') {
		clockOffsetMs += Number(body.advanceSeconds ?? 0) * 1000;
		return json(200, { offsetSeconds: clockOffsetMs / 1000 });
	}
	if (path === '/__test/revoke') {
		for (const token of refreshTokens.values()) await token.destroy();
		const revoked = refreshTokens.size;
		refreshTokens.clear();
		log.push({ type: 'revoke', refreshTokens: revoked });
		return json(200, { revoked });
	}
	return json(404, { error: 'unknown test control' });
}

const handle = provider.callback();
server.on('request', (req, res) => {
	const path = new URL(req.url, issuer).pathname;
	const interactionMatch = /^\/interaction\/([^/]+)$/.exec(path);
	const done = (error) => {
		log.push({ type: 'server-error', path, error: String(error?.message ?? error) });
		if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
		res.end(`error: ${String(error?.message ?? error)}`);
	};
	if (path.startsWith('/__test/')) return void testControl(req, res, path).catch(done);
	// exactly what the client (n8n) put in the authorization URL, before the provider filters it
	if (path === '/auth') log.push({ type: 'authorize', params: Object.fromEntries(new URL(req.url, issuer).searchParams) });
	if (interactionMatch) return void interaction(req, res, interactionMatch[1]).catch(done);
	if (path === '/token/introspection') {
		// the answer is logged as the SMTP server got it: active or not, for whom
		const originalEnd = res.end.bind(res);
		res.end = (chunk, ...rest) => {
			try {
				const answer = JSON.parse(String(chunk ?? '{}'));
				log.push({ type: 'introspect', active: answer.active === true, sub: answer.sub });
			} catch {
				// not JSON: an error page, logged by the provider's own events
			}
			return originalEnd(chunk, ...rest);
		};
	}
	return handle(req, res);
});

provider.on('introspection.error', (_ctx, error) => log.push({ type: 'introspect-error', error: error.error }));

process.stdout.write(`${JSON.stringify({ port })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
