/**
 * OAuth2 sign-in (XOAUTH2) through n8n's engine, for real: a real authorization server on 127.0.0.1
 * (oidc-provider, its own process) issues the tokens after a sign-in and consent; a real smtp-server
 * accepts a token only when that server's introspection says it is active, for this mailbox, with
 * the SMTP scope; n8n-core's own refreshOAuth2Token calls the token endpoint and stores what it got.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { captureLogs } from '../helpers/captureLogs';
import { oauth2Credential } from '../helpers/credentials';
import { connectAccount, startAuthorizationServer, type AuthorizationServer } from '../helpers/authorizationServer';
import { CredentialStore, jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import { startScriptedServer, type SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';
import { mjmlDocument } from '../unit/template/fixtures';
import { xoauth2InitialResponse } from '../../nodes/MailshitSmtp/smtp/redactSecrets';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const ACCESS_TOKEN_TTL = 3600;
const MAILBOX = 'ada@contoso.test';

let authorization: AuthorizationServer;
beforeAll(async () => {
	authorization = await startAuthorizationServer({ redirectUris: [REDIRECT_URI], accessTokenTtlSeconds: ACCESS_TOKEN_TTL });
});
afterAll(async () => {
	await authorization?.close();
});

const startSink = useSmtpSinks();

/** An SMTP server that signs in with XOAUTH2 only, checking each token with the authorization server. */
function xoauth2Sink(refusal: 'challenge' | 'reply', verify = (user: string, token: string) => authorization.verifyToken(user, token)): Promise<SmtpSink> {
	return startSink({ xoauth2: { verify, refusal } });
}

async function connected(sink: { port: number }, n8nMajor: 1 | 2 = 2): Promise<CredentialStore> {
	const tokenData = await connectAccount(authorization, MAILBOX, { redirectUri: REDIRECT_URI, n8nMajor });
	return new CredentialStore(oauth2Credential(authorization, sink.port, MAILBOX, tokenData));
}

const storedAccessToken = (store: CredentialStore) => (store.data.oauthTokenData as { access_token: string }).access_token;

const send = (store: CredentialStore, count: number, extra: Record<string, unknown> = {}) =>
	runMailshitNode({
		items: jsonItems(Array.from({ length: count }, (_, i) => ({ name: `R${i}`, email: `r${i}@example.com` }))),
		parameters: {
			operation: 'send',
			authentication: 'oAuth2',
			toEmail: '={{ $json.email }}',
			subject: 'Hello {{name}}',
			template: mjmlDocument('<mj-text>Hi {{name}}</mj-text>'),
			...extra,
		},
		credential: store,
	});

const sentCount = (items: INodeExecutionData[]) => items.filter((item) => item.json.type === 'sent').length;

/** Expires every access token issued so far, as an hour passing would: the server's clock moves. */
const anHourPasses = () => authorization.advanceClock(ACCESS_TOKEN_TTL + 60);

describe('signing in with the stored token', () => {
	it('Send signs in as the mailbox and delivers; no refresh is needed', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink);
		const refreshesBefore = await authorization.refreshCount();
		const result = await send(store, 3);
		expect(result.error).toBeUndefined();
		expect(sentCount(result.main)).toBe(3);
		await sink.waitForMessages(3);
		expect(sink.messages.map((m) => m.session.user)).toEqual([MAILBOX, MAILBOX, MAILBOX]);
		expect(sink.tokenSignIns.every((signIn) => signIn.accepted && signIn.token === storedAccessToken(store))).toBe(true);
		expect(await authorization.refreshCount()).toBe(refreshesBefore);
		expect(store.tokenUpdates).toBe(0);
	});

	it('Check Connection says who signed in, sends nothing', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink);
		const result = await runMailshitNode({ items: jsonItems([{}]), parameters: { operation: 'checkConnection', authentication: 'oAuth2' }, credential: store });
		expect(result.main.map((item) => item.json)).toEqual([
			{
				ok: true,
				message: `Connected to 127.0.0.1:${sink.port} without encryption, signed in with OAuth2 as "${MAILBOX}"; the server accepts mail from ${MAILBOX}.`,
			},
		]);
		expect(sink.messages).toHaveLength(0);
	});

	it('a token for another mailbox is refused even after a refresh: the hint names the mailbox and the scope', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink);
		store.data = { ...store.data, user: 'someone-else@contoso.test', fromEmail: 'someone-else@contoso.test' };
		const result = await runMailshitNode({ items: jsonItems([{}]), parameters: { operation: 'checkConnection', authentication: 'oAuth2' }, credential: store });
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'The connection check failed: Invalid login: 535 5.7.3 Authentication unsuccessful',
			description: `127.0.0.1:${sink.port} refused the OAuth2 token for "someone-else@contoso.test" (535 5.7.3 Authentication unsuccessful), a freshly refreshed one too: the token does not allow SMTP for this mailbox, so check that Mailbox is the account you connected and that the app has the scope the SMTP server needs, then reconnect the credential.`,
		});
		// the stale-token theory was tried once: one refresh, then no more
		expect(store.tokenUpdates).toBe(1);
		expect(sink.tokenSignIns.map((signIn) => signIn.accepted)).toEqual([false, false]);
	});
});

describe('an expired token is refreshed once, and the send goes through', () => {
	it('n8n 2.x says the token has expired (n8n_expires_at): refreshed before signing in, no refusal', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink);
		const expired = storedAccessToken(store);
		store.data = { ...store.data, oauthTokenData: { ...(store.data.oauthTokenData as object), n8n_expires_at: String(Date.now() - 1000) } };
		await anHourPasses();
		const refreshesBefore = await authorization.refreshCount();

		const result = await send(store, 4);
		expect(result.error).toBeUndefined();
		expect(sentCount(result.main)).toBe(4);
		expect(await authorization.refreshCount()).toBe(refreshesBefore + 1);
		expect(store.tokenUpdates).toBe(1);
		const fresh = storedAccessToken(store);
		expect(fresh).not.toBe(expired);
		expect(sink.tokenSignIns.length).toBeGreaterThan(0);
		expect(sink.tokenSignIns.every((signIn) => signIn.accepted && signIn.token === fresh)).toBe(true);
	});

	it.each([
		['Microsoft answers a bare 535 (the node refreshes and resends)', 'reply' as const],
		["Gmail answers the 334 challenge (nodemailer asks for a renewed token on the same session)", 'challenge' as const],
	])('n8n 1.x keeps no expiry, the server refuses: %s', async (_label, refusal) => {
		const sink = await xoauth2Sink(refusal);
		const store = await connected(sink, 1);
		const expired = storedAccessToken(store);
		await anHourPasses();
		const refreshesBefore = await authorization.refreshCount();

		const result = await send(store, 3, { options: { maxConnections: 1 } });
		expect(result.error).toBeUndefined();
		expect(sentCount(result.main)).toBe(3);
		expect(await authorization.refreshCount()).toBe(refreshesBefore + 1);
		const fresh = storedAccessToken(store);
		expect(sink.tokenSignIns.map(({ token, accepted }) => [token === expired ? 'expired' : token === fresh ? 'fresh' : 'other', accepted])).toEqual([
			['expired', false],
			['fresh', true],
		]);
	});

	it('five pooled connections refused at once trigger one refresh, not five', async () => {
		// the server holds its answers until five sign-ins wait at once: the refusals come together
		const waiting: Array<() => void> = [];
		const sink = await xoauth2Sink('reply', async (user, token) => {
			const accepted = await authorization.verifyToken(user, token);
			if (accepted) return true;
			await new Promise<void>((release) => {
				waiting.push(release);
				if (waiting.length === 5) waiting.splice(0).forEach((go) => go());
			});
			return false;
		});
		const store = await connected(sink, 1);
		await anHourPasses();
		const refreshesBefore = await authorization.refreshCount();

		const result = await send(store, 10, { options: { maxConnections: 5 } });
		expect(result.error).toBeUndefined();
		expect(sentCount(result.main)).toBe(10);
		expect(sink.tokenSignIns.filter((signIn) => !signIn.accepted)).toHaveLength(5);
		expect(await authorization.refreshCount()).toBe(refreshesBefore + 1);
		expect(store.tokenUpdates).toBe(1);
	});

	it('the next run reads the token n8n stored: no second refresh', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink, 1);
		await anHourPasses();
		await send(store, 1);
		const refreshed = storedAccessToken(store);
		const refreshesAfterFirst = await authorization.refreshCount();

		const second = await send(store, 2);
		expect(sentCount(second.main)).toBe(2);
		expect(await authorization.refreshCount()).toBe(refreshesAfterFirst);
		expect(sink.tokenSignIns.slice(-1)[0]).toMatchObject({ token: refreshed, accepted: true });
	});
});

describe('Send and Wait signs in as Send does', () => {
	it('the stored token, refused after its hour (bare 535): refreshed once, the email sent, the execution waits', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink, 1);
		const expired = storedAccessToken(store);
		await anHourPasses();
		const refreshesBefore = await authorization.refreshCount();

		const result = await runMailshitNode({
			items: jsonItems([{ email: 'boss@example.com' }]),
			parameters: { operation: 'sendAndWait', authentication: 'oAuth2', toEmail: '={{ $json.email }}', subject: 'Approve?', template: mjmlDocument('<mj-text>Approve?</mj-text>') },
			credential: store,
		});
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('waiting');
		const [message] = await sink.waitForMessages(1);
		expect(message.session.user).toBe(MAILBOX);
		expect(await authorization.refreshCount()).toBe(refreshesBefore + 1);
		const fresh = storedAccessToken(store);
		expect(sink.tokenSignIns.map(({ token, accepted }) => [token === expired ? 'expired' : token === fresh ? 'fresh' : 'other', accepted])).toEqual([
			['expired', false],
			['fresh', true],
		]);
	});
});

describe('a sign-in that cannot be refreshed asks for a reconnect', () => {
	it('a revoked refresh token: the reconnect hint, one request to the token endpoint, nothing sent', async () => {
		const sink = await xoauth2Sink('reply');
		const store = await connected(sink, 1);
		await authorization.revokeRefreshTokens();
		await anHourPasses();
		const logBefore = (await authorization.log()).length;

		const result = await send(store, 5, { options: { maxConnections: 5 } });
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/^Item \d was not sent: Refreshing the OAuth2 token failed: The credential "test SMTP" needs to be reconnected\.$/),
			description:
				'The OAuth2 sign-in for "ada@contoso.test" is no longer valid (Refreshing the OAuth2 token failed: The credential "test SMTP" needs to be reconnected.): the refresh token was revoked or expired, or the account\'s password or permissions changed, so open the credential and connect it again (Reconnect; in n8n 1.x Connect my account). No item of 5 was sent before the node stopped, so a new run sends each of them once.',
		});
		const tokenRequests = (await authorization.log()).slice(logBefore).filter((entry) => entry.type === 'token');
		expect(tokenRequests).toEqual([{ type: 'token', grantType: 'refresh_token', ok: false, error: 'invalid_grant', description: 'grant request is invalid' }]);
		expect(sink.messages).toHaveLength(0);
	});

	it('with Continue On Fail every item says so, as send_failed with code EOAUTH2', async () => {
		const sink = await xoauth2Sink('challenge');
		const store = await connected(sink, 1);
		await authorization.revokeRefreshTokens();
		await anHourPasses();
		const result = await runMailshitNode({
			items: jsonItems([{ email: 'a@example.com' }, { email: 'b@example.com' }]),
			parameters: { operation: 'send', authentication: 'oAuth2', toEmail: '={{ $json.email }}', subject: 'Hi', template: mjmlDocument('<mj-text>Hi</mj-text>') },
			credential: store,
			onError: 'continueRegularOutput',
		});
		expect(result.main.map((item) => [item.json.type, item.json.code])).toEqual([
			['send_failed', 'EOAUTH2'],
			['send_failed', 'EOAUTH2'],
		]);
		expect(String(result.main[0].json.hint)).toContain('open the credential and connect it again (Reconnect; in n8n 1.x Connect my account)');
	});

	it('a credential that was never connected is named before connecting', async () => {
		const sink = await xoauth2Sink('reply');
		const result = await send(new CredentialStore(oauth2Credential(authorization, sink.port, MAILBOX, undefined)), 1);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'The OAuth2 credential is not connected to an account yet: open it and connect your account (Connect; in n8n 1.x Connect my account)',
			description: 'Field: credential: OAuth2 connection',
		});
		expect(sink.stats.connections).toBe(0);
	});
});

describe('no token or secret anywhere', () => {
	it('a server that echoes the token in its refusal, a revoked refresh token: neither output, error nor log carries a secret', async () => {
		// a hostile server: every refusal repeats what the client sent
		const server = await startScriptedServer('220 echo.test ESMTP', (command) => {
			if (/^EHLO/i.test(command)) return '250-echo.test\r\n250 AUTH XOAUTH2';
			if (/^AUTH XOAUTH2 /i.test(command)) {
				const blob = command.slice('AUTH XOAUTH2 '.length);
				return `535 5.7.3 rejected ${blob} = ${Buffer.from(blob, 'base64').toString('utf8').replace(/\p{Cc}/gu, ' ')}`;
			}
			return command === 'QUIT' ? '221 bye' : '502 5.5.2 Unknown command';
		});
		try {
			const tokenData = await connectAccount(authorization, MAILBOX, { redirectUri: REDIRECT_URI, n8nMajor: 1 });
			const store = new CredentialStore(oauth2Credential(authorization, server.port, MAILBOX, tokenData));
			const { value: results, lines } = await captureLogs(async () => [
				await send(store, 2, { options: { maxConnections: 2 } }),
				await runMailshitNode({ items: jsonItems([{}]), parameters: { operation: 'checkConnection', authentication: 'oAuth2' }, credential: store }),
				await send(store, 1, {}),
			]);
			await authorization.revokeRefreshTokens();
			const revoked = await captureLogs(() => send(new CredentialStore(oauth2Credential(authorization, server.port, MAILBOX, tokenData)), 1));

			const accessTokens = [String(tokenData.access_token), storedAccessToken(store)];
			const secrets = [
				...accessTokens,
				...accessTokens.map((token) => xoauth2InitialResponse(MAILBOX, token)),
				String(tokenData.refresh_token),
				authorization.client.secret,
			];
			const corpus = JSON.stringify([results.map((r) => ({ main: r.main, error: r.error })), lines, revoked.value.error, revoked.lines]);
			expect(results[0].error).toBeDefined();
			for (const secret of secrets) expect(corpus).not.toContain(secret);
			expect(corpus).toContain('535 5.7.3 rejected ***');
		} finally {
			await server.close();
		}
	});
});
