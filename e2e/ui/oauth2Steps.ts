/**
 * Section 4 of the editor suite: OAuth2 as a user meets it. Authentication *OAuth2* in the node, a
 * new mailshit SMTP OAuth2 API credential created from the node's credential picker, *Connect my
 * account* opening the tests' authorization server in a popup, sign-in and *Allow*, n8n's
 * "Account connected"; then Send executed over XOAUTH2. Runs on the workflow sections 1–3 left open.
 */
import type { AuthorizationServer } from '../../test/helpers/authorizationServer';
import type { SmtpSink } from '../../test/helpers/smtpSink';
import type { N8nEditor, Screenshots } from './n8nEditor';

/** The account signed in at the authorization server, and the mailbox the token sends as. */
const MAILBOX = 'editor-oauth@mailshit.test';

export interface EditorOAuth2Context {
	editor: N8nEditor;
	shots: Screenshots;
	/** The suite's step wrapper: a screenshot named -FAILED when the step fails. */
	step(name: string, run: () => Promise<void>): Promise<void>;
	n8nBaseUrl: string;
	authorization: AuthorizationServer;
	/** The SMTP server that signs in with XOAUTH2 only, checking tokens with `authorization`. */
	xoauth2Server: SmtpSink;
	/** The recipient of the email Send sends. */
	to: string;
}

export function describeOAuth2InEditor(context: () => EditorOAuth2Context): void {
	describe('4. OAuth2: "Connect my account" from the node, then Send signed in with the token', () => {
		test('Authentication OAuth2, a new credential from the node, Connect my account: the authorization server\'s page, Allow, connected', async () => {
			const { editor, shots, step, n8nBaseUrl, authorization, xoauth2Server } = context();
			await step('oauth2-connect', async () => {
				const callbackUrl = `${n8nBaseUrl}/rest/oauth2-credential/callback`;
				await editor.selectOption(editor.nodeParameter('operation'), 'Send');
				await editor.selectOption(editor.nodeParameter('authentication'), 'OAuth2 (Microsoft 365, Google)');
				await shots.take(editor.page, 'ndv-authentication-oauth2');
				await editor.createCredentialFromNode();
				await editor.credentialParameter('provider').waitFor();

				// Microsoft 365 comes first: what to register in Entra, n8n's callback URL, and where the test is
				const microsoft = await editor.credentialModal.innerText();
				expect(microsoft).toContain('OAuth Redirect URL');
				expect(microsoft).toContain('SMTP.Send');
				expect(microsoft).toContain('"Authenticated SMTP"');
				expect(microsoft).toContain('"Check Connection"');
				expect(await editor.visibleCredentialFields()).toEqual(expect.arrayContaining(['clientId', 'clientSecret', 'provider', 'tenant', 'user']));
				await shots.take(editor.page, 'oauth2-credential-microsoft');

				await editor.selectOption(editor.credentialParameter('provider'), 'Custom OAuth2 Provider');
				await editor.credentialParameter('customAuthUrl').waitFor();
				await editor.fillCredential({
					clientId: authorization.client.id,
					clientSecret: authorization.client.secret,
					customAuthUrl: authorization.authUrl,
					customAccessTokenUrl: authorization.tokenUrl,
					customScope: 'smtp.send offline_access',
					host: '127.0.0.1',
					port: xoauth2Server.port,
					user: MAILBOX,
					fromEmail: MAILBOX,
				});
				await shots.take(editor.page, 'oauth2-credential-custom');

				const popupOpened = editor.page.waitForEvent('popup');
				await editor.credentialModal.getByRole('button', { name: 'Connect my account' }).click();
				const popup = await popupOpened;
				await popup.waitForURL((url) => url.href.startsWith(`${authorization.url}/interaction/`));
				const account = popup.locator('input[name=login]');
				await account.fill(MAILBOX);
				expect(await popup.locator('[data-test=scopes]').innerText()).toContain('smtp.send');
				await shots.take(popup, 'oauth2-consent');
				await popup.getByRole('button', { name: 'Allow' }).click();
				await popup.getByText('Connection successful').waitFor();
				await shots.take(popup, 'oauth2-callback');

				const banner = editor.credentialModal.getByTestId('oauth-connect-success-banner');
				await banner.waitFor();
				expect(await banner.innerText()).toMatch(/Account connected|Connected as/);
				await shots.take(editor.page, 'oauth2-credential-connected');
				const authorize = (await authorization.log()).filter((entry) => entry.type === 'authorize');
				expect(authorize.map((entry) => entry.params)).toEqual([
					expect.objectContaining({ client_id: authorization.client.id, redirect_uri: callbackUrl, scope: 'smtp.send offline_access' }),
				]);
				await editor.closeCredentialModal();
			});
		});

		test('Send executes signed in with the token: the server got the email from the mailbox', async () => {
			const { editor, shots, step, xoauth2Server, to } = context();
			await step('oauth2-send', async () => {
				await editor.typeNodeParameter('toEmail', to);
				const output = await editor.executeStep(/"type":\s*"sent"/);
				expect(output).toMatch(/"success":\s*true/);
				await shots.take(editor.page, 'ndv-oauth2-send-output');
				const [message] = await xoauth2Server.waitForMessages(1, 15_000);
				expect(message.session.user).toBe(MAILBOX);
				expect(message.envelope).toEqual({ from: MAILBOX, to: [to] });
				expect(xoauth2Server.tokenSignIns.map((signIn) => signIn.accepted)).toEqual([true]);
			});
		});
	});
}
