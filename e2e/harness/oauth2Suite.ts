/**
 * OAuth2 (XOAUTH2) in a real n8n, part of the e2e suite: the OAuth2 credential connected through
 * n8n's own flow (GET /rest/oauth2-credential/auth → the tests' authorization server, sign-in and
 * consent → n8n's callback with the session cookie), then workflows run from the editor's REST API
 * that send over XOAUTH2 to an smtp-server which asks the authorization server about every token.
 * n8n's port is fixed before it starts, so the authorization server can register its callback URL.
 */
import {
	signInAndConsent,
	startAuthorizationServer,
	type AuthorizationLogEntry,
	type AuthorizationServer,
} from '../../test/helpers/authorizationServer';
import { oauth2Credential } from '../../test/helpers/credentials';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtpSink';
import { outputItems, type ExecuteRun, type N8nMajor } from '../n8n-versions';
import { mailshitNode, sendWorkflow, TRIGGER_NAME, OAUTH2_CREDENTIAL_TYPE, codeNode, type WorkflowFixture } from './fixtures';
import type { CredentialImport } from './n8nCli';
import type { N8nRestClient } from './n8nRest';
import { newsletterParameters } from '../../examples/newsletter';

/** The mailbox the token signs in as, and the From of every newsletter. */
const MAILBOX = 'news@mailshit.example';
const ACCESS_TOKEN_TTL = 3600;
const SEND = 'mailshit SMTP (OAuth2)';
const CHECK_PASSWORD = 'Check Connection (password)';
const CHECK_OAUTH2 = 'Check Connection (OAuth2)';

export interface OAuth2Fixtures {
	redirectUri: string;
	authorization: AuthorizationServer;
	sink: SmtpSink;
	credential: CredentialImport;
	workflows: WorkflowFixture[];
	close(): Promise<void>;
}

/**
 * Before n8n starts: the authorization server (which knows n8n's callback URL), the XOAUTH2 SMTP
 * server, the credential (not connected yet) and the workflows, to import with n8n's CLI.
 */
export async function startOAuth2Fixtures(n8nBaseUrl: string, recipients: object[], passwordCredential: { id: string; name: string }): Promise<OAuth2Fixtures> {
	const redirectUri = `${n8nBaseUrl}/rest/oauth2-credential/callback`;
	const authorization = await startAuthorizationServer({ redirectUris: [redirectUri], accessTokenTtlSeconds: ACCESS_TOKEN_TTL });
	// Microsoft's way of refusing a token (a bare 535): the node's own refresh-and-resend path
	const sink = await startSmtpSink({ xoauth2: { verify: (user, token) => authorization.verifyToken(user, token), refusal: 'reply' } });
	const credential: CredentialImport = {
		id: 'mailshitE2eOAuth2',
		name: 'OAuth2 sign-in (test authorization server)',
		type: OAUTH2_CREDENTIAL_TYPE,
		data: oauth2Credential(authorization, sink.port, MAILBOX, undefined, { fromName: 'mailshit news', clientHostName: 'n8n-e2e.mailshit.test' }),
	};
	const oauth2 = { authentication: 'oAuth2' };
	const workflows = [
		sendWorkflow('mailshitE2eOAuth2Send', 'mailshit e2e: 20 newsletters over XOAUTH2', codeNode('Subscribers', recipients), mailshitNode(SEND, credential, newsletterParameters(oauth2))),
		sendWorkflow(
			'mailshitE2eCheckConnection',
			'mailshit e2e: Check Connection with both credentials',
			mailshitNode(CHECK_PASSWORD, passwordCredential, { operation: 'checkConnection' }),
			mailshitNode(CHECK_OAUTH2, credential, { operation: 'checkConnection', ...oauth2 }),
		),
	];
	return {
		redirectUri,
		authorization,
		sink,
		credential,
		workflows,
		close: async () => {
			await sink.close();
			await authorization.close();
		},
	};
}

async function runToEnd(rest: N8nRestClient, major: N8nMajor, workflowId: string): Promise<ExecuteRun> {
	const executionId = await rest.runWorkflow(major, workflowId, TRIGGER_NAME);
	await rest.waitForExecution(executionId, 120_000);
	return rest.getExecutionRun(executionId);
}

const refreshGrants = (log: AuthorizationLogEntry[]) => log.filter((entry) => entry.type === 'token' && entry.grantType === 'refresh_token');

export function describeOAuth2OnN8n(major: N8nMajor, context: () => { rest: N8nRestClient; fixtures: OAuth2Fixtures; passwordSinkPort: number }): void {
	describe('OAuth2 (XOAUTH2): the credential connected through n8n\u2019s own OAuth flow', () => {
		let rest: N8nRestClient;
		let fixtures: OAuth2Fixtures;
		let callbackPage: { status: number; text: string };
		let authorizationUrl: string;

		beforeAll(async () => {
			({ rest, fixtures } = context());
			authorizationUrl = await rest.oauth2AuthorizationUrl(fixtures.credential.id);
			const backToN8n = await signInAndConsent(authorizationUrl, MAILBOX);
			callbackPage = await rest.openInBrowser(backToN8n);
		});

		test('n8n sent its callback URL and the credential\u2019s scope; its callback page says connected; the credential holds a token', async () => {
			expect((await rest.settings()).oauthCallbackUrls?.oauth2).toBe(fixtures.redirectUri);
			const log = await fixtures.authorization.log();
			const authorize = log.filter((entry) => entry.type === 'authorize');
			expect(authorize).toHaveLength(1);
			expect(authorize[0]).toMatchObject({
				params: { client_id: fixtures.authorization.client.id, redirect_uri: fixtures.redirectUri, response_type: 'code', scope: 'smtp.send offline_access' },
			});
			expect(authorizationUrl.startsWith(`${fixtures.authorization.authUrl}?`)).toBe(true);
			expect(callbackPage.status).toBe(200);
			expect(callbackPage.text).toContain('Connection successful');
			expect(log.filter((entry) => entry.type === 'token')).toEqual([expect.objectContaining({ grantType: 'authorization_code', ok: true })]);
			// n8n never hands the tokens out over REST, only that there are some
			expect((await rest.getCredential(fixtures.credential.id)).data?.oauthTokenData).toBe(true);
		});

		describe('three executions of a 20-email MJML newsletter over XOAUTH2', () => {
			const runs: ExecuteRun[] = [];
			const signIns: Array<SmtpSink['tokenSignIns']> = [];
			const refreshes: number[] = [];

			/** Runs the newsletter, and keeps what the SMTP server and the authorization server saw in that run. */
			async function execution(): Promise<void> {
				const signInsBefore = fixtures.sink.tokenSignIns.length;
				const messagesBefore = fixtures.sink.messages.length;
				runs.push(await runToEnd(rest, major, 'mailshitE2eOAuth2Send'));
				await fixtures.sink.waitForMessages(messagesBefore + 20, 30_000);
				signIns.push(fixtures.sink.tokenSignIns.slice(signInsBefore));
				refreshes.push(refreshGrants(await fixtures.authorization.log()).length);
			}

			test('first: 20 sent, signed in as the mailbox with the token from "Connect my account", no refresh', async () => {
				await execution();
				expect(runs[0].status).toBe('success');
				const items = outputItems(runs[0], SEND);
				expect(items.map((item) => item.json.type)).toEqual(Array(20).fill('sent'));
				expect(fixtures.sink.messages.slice(0, 20).every((message) => message.session.user === MAILBOX)).toBe(true);
				expect(signIns[0].length).toBeGreaterThan(0);
				expect(signIns[0].every((signIn) => signIn.accepted)).toBe(true);
				expect(refreshes[0]).toBe(0);
			});

			test('second, after the access token expired: exactly one refresh, and 20 sent again', async () => {
				// an hour passes for the authorization server: the token n8n stored is no longer active
				await fixtures.authorization.advanceClock(ACCESS_TOKEN_TTL + 60);
				await execution();
				expect(runs[1].status).toBe('success');
				expect(outputItems(runs[1], SEND).map((item) => item.json.type)).toEqual(Array(20).fill('sent'));
				expect(refreshes[1] - refreshes[0]).toBe(1);
				expect(refreshGrants(await fixtures.authorization.log()).every((entry) => entry.ok)).toBe(true);
				const stale = signIns[0][0].token;
				const refused = signIns[1].filter((signIn) => !signIn.accepted);
				const accepted = signIns[1].filter((signIn) => signIn.accepted);
				expect(refused.length).toBeGreaterThan(0);
				expect(refused.every((signIn) => signIn.token === stale)).toBe(true);
				expect(new Set(accepted.map((signIn) => signIn.token)).size).toBe(1);
				expect(accepted[0].token).not.toBe(stale);
			});

			test('third: reads the token n8n stored after the refresh; no refresh, nothing refused', async () => {
				await execution();
				expect(runs[2].status).toBe('success');
				expect(refreshes[2]).toBe(refreshes[1]);
				const refreshed = signIns[1].find((signIn) => signIn.accepted)!.token;
				expect(signIns[2].length).toBeGreaterThan(0);
				expect(signIns[2].every((signIn) => signIn.accepted && signIn.token === refreshed)).toBe(true);
				expect(fixtures.sink.messages).toHaveLength(60);
			});
		});

		test('Check Connection, with the password credential and with the OAuth2 one', async () => {
			const { passwordSinkPort } = context();
			const run = await runToEnd(rest, major, 'mailshitE2eCheckConnection');
			expect(run.status).toBe('success');
			expect(outputItems(run, CHECK_PASSWORD).map((item) => item.json)).toEqual([
				{
					ok: true,
					message: `Connected to 127.0.0.1:${passwordSinkPort} without encryption, without login (the server asked for none); the server accepts mail from news@mailshit.example.`,
				},
			]);
			expect(outputItems(run, CHECK_OAUTH2).map((item) => item.json)).toEqual([
				{
					ok: true,
					message: `Connected to 127.0.0.1:${fixtures.sink.port} without encryption, signed in with OAuth2 as "${MAILBOX}"; the server accepts mail from ${MAILBOX}.`,
				},
			]);
		});
	});
}
