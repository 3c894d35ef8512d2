/**
 * Section 4 of the editor suite: OAuth2 as a user meets it. A new mailshit SMTP OAuth2 API
 * credential (in a second tab), *Connect* opening the tests' authorization server in a
 * popup, sign-in and *Allow*, n8n's "Account connected"; then, in the workflow sections 1–3 left
 * open, that credential picked in the node (n8n sets Authentication to OAuth2) and Send executed
 * over XOAUTH2.
 */
import type { AuthorizationServer } from '../../test/helpers/authorizationServer';
import type { SmtpSink } from '../../test/helpers/smtpSink';
import type { N8nEditor, Screenshots } from './n8nEditor';

/** The account signed in at the authorization server, and the mailbox the token sends as. */
const MAILBOX = 'editor-oauth@mailshit.test';
const OAUTH2_CREDENTIAL_TYPE = 'mailshit SMTP OAuth2 API';
const OAUTH2_CREDENTIAL = 'OAuth2 (test authorization server)';

export interface EditorOAuth2Context {
	editor: N8nEditor;
	/** The same editor in a new tab of the browser (same session). */
	openTab(): Promise<N8nEditor>;
	/** The mailshit node of the workflow sections 1–3 built. */
	nodeName: string;
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
	describe('4. OAuth2: the credential connected through n8n\'s OAuth flow, then Send signed in with its token', () => {
		test('a new mailshit SMTP OAuth2 API credential: the Microsoft form, then Custom, Connect, the authorization server\'s page, Allow, connected', async () => {
			const { shots, step, openTab, n8nBaseUrl, authorization, xoauth2Server } = context();
			await step('oauth2-connect', async () => {
				// in a second tab, as a user keeps the workflow open: the workflow page stays as it is
				const tab = await openTab();
				try {
					await tab.openNewCredential(OAUTH2_CREDENTIAL_TYPE, 'mailshit');
					await tab.renameCredential(OAUTH2_CREDENTIAL);

					// Microsoft 365 comes first: what to register in Entra, and where the test is
					const microsoft = await tab.credentialModal.innerText();
					expect(microsoft).toContain('OAuth Redirect URL');
					expect(microsoft).toContain('SMTP.Send');
					expect(microsoft).toContain('"Authenticated SMTP"');
					expect(microsoft).toContain('"Check Connection"');
					expect(await tab.visibleCredentialFields()).toEqual(expect.arrayContaining(['clientId', 'clientSecret', 'provider', 'tenant', 'user']));
					await shots.take(tab.page, 'oauth2-credential-microsoft');

					await tab.selectOption(tab.credentialParameter('provider'), 'Custom OAuth2 Provider');
					await tab.credentialParameter('customAuthUrl').waitFor();
					await tab.fillCredential({
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
					await shots.take(tab.page, 'oauth2-credential-custom');

					// n8n 2.x: a banner "Connect your account to use this credential" with a Connect button
					// (1.x called it "Connect my account"), shown once the required fields are filled
					const notConnected = tab.credentialModal.getByTestId('oauth-not-connected-banner');
					expect(await notConnected.innerText()).toContain('Connect your account to use this credential');
					const popupOpened = tab.page.waitForEvent('popup');
					await notConnected.getByRole('button').first().click();
					const popup = await popupOpened;
					await popup.waitForURL((url) => url.href.startsWith(`${authorization.url}/interaction/`));
					await popup.locator('input[name=login]').fill(MAILBOX);
					expect(await popup.locator('[data-test=scopes]').innerText()).toContain('smtp.send');
					await shots.take(popup, 'oauth2-consent');
					// the authorization server sends the popup to n8n's callback, whose page says so; the
					// editor may close the popup as soon as that page reports success
					const callbackUrl = `${n8nBaseUrl}/rest/oauth2-credential/callback`;
					const callback = tab.page.context().waitForEvent('response', (response) => response.url().startsWith(`${callbackUrl}?`));
					await popup.getByRole('button', { name: 'Allow' }).click();
					expect((await callback).status()).toBe(200);
					if (!popup.isClosed()) await shots.take(popup, 'oauth2-callback').catch(() => undefined);

					const banner = tab.credentialModal.getByTestId('oauth-connect-success-banner');
					await banner.waitFor();
					expect(await banner.innerText()).toMatch(/Account connected|Connected as/);
					await shots.take(tab.page, 'oauth2-credential-connected');
					const log = await authorization.log();
					expect(log.filter((entry) => entry.type === 'token')).toEqual([expect.objectContaining({ grantType: 'authorization_code', ok: true })]);
					const authorize = log.filter((entry) => entry.type === 'authorize');
					expect(authorize.map((entry) => entry.params)).toEqual([
						expect.objectContaining({
							client_id: authorization.client.id,
							redirect_uri: callbackUrl,
							scope: 'smtp.send offline_access',
						}),
					]);
					await tab.closeCredentialModal();
				} finally {
					await tab.page.close();
				}
			});
		});

		test('Send with the OAuth2 credential picked in the node: Authentication follows, the server got the email from the mailbox', async () => {
			const { editor, shots, step, xoauth2Server, to, nodeName } = context();
			await step('oauth2-send', async () => {
				// reopened, so the node's credential list is fetched again and holds the new credential
				await editor.closeNdv();
				await editor.openNode(nodeName);
				await editor.selectOption(editor.nodeParameter('operation'), 'Send');
				// one list for both kinds: picking the OAuth2 one sets Authentication to OAuth2
				await editor.selectOption(editor.ndv.getByTestId('node-credentials-select'), OAUTH2_CREDENTIAL);
				// one input event: n8n takes a typed field's first keystroke at once and the rest later
				await editor.replaceNodeParameter('toEmail', to);
				expect(await editor.nodeParameter('toEmail').locator('input').first().inputValue()).toBe(to);
				await shots.take(editor.page, 'ndv-oauth2-send-filled');
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
