/**
 * `npm run test:ui`: the path a user takes in the n8n 2.x editor, in a real browser (Debian's
 * chromium, driven by playwright-core), against the real n8n of the e2e suite with this package
 * installed the way Settings > Community Nodes installs it, and the mail catcher of `npm start`
 * (MailDev): owner setup, the credential form and its test, the node found in the node panel,
 * dropped after a Manual Trigger, filled in and executed; Render's email.html opened in n8n's
 * binary viewer; the OAuth2 credential created from the node and connected through the tests'
 * authorization server, and Send over XOAUTH2; the icon in light and dark themes.
 *
 * Assertions read DOM text and what the catcher received, never pixels. Every step leaves a PNG in
 * the folder printed at the start (kept after the run); MAILSHIT_E2E_KEEP=1 also keeps n8n's folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMailDev, type MailCatcher } from '../../scripts/lib/mailDev';
import { startAuthorizationServer, type AuthorizationServer } from '../../test/helpers/authorizationServer';
import { closedPort, startSmtpSink, type SmtpSink } from '../../test/helpers/smtpSink';
import { launchEditorBrowser, type EditorBrowser } from '../harness/browser';
import { installCommunityPackage, PACKAGE_NAME, packedTarball } from '../harness/communityPackage';
import { TRIGGER_NAME } from '../harness/fixtures';
import { packageProblems } from '../harness/logScan';
import { N8nCli } from '../harness/n8nCli';
import { startN8nServer, type N8nServer } from '../harness/n8nServer';
import { waitUntil } from '../harness/processes';
import { n8nInstall } from '../n8n-versions';
import type { Locator } from 'playwright-core';
import { N8nEditor, Screenshots, TEST_OK_BANNER } from './n8nEditor';
import { describeOAuth2InEditor } from './oauth2Steps';

const OWNER = { email: 'ui@mailshit.test', firstName: 'Ui', lastName: 'Tester', password: 'Ui-mailshit-1' };
/** The login the AUTH server accepts, and a wrong one (test values, nothing secret). */
const AUTH_LOGIN = { user: 'mailer@mailshit.test', right: 'Right-pa55word', wrong: 'Wr0ng-pa55word-ui' };
const CREDENTIAL = { type: 'mailshit SMTP', catcher: 'Local mail catcher', auth: 'AUTH server (wrong password)' };
const NODE_NAME = 'mailshit SMTP';
const FROM = 'editor@mailshit.test';
const TO = 'ada@example.com';
const SUBJECT = 'Hello {{name|friend}} from the n8n editor';
const MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hi {{name|friend}}, this email was sent from the n8n editor.</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
const CATCHER_PROVIDER = 'Local Mail Catcher (MailDev, Mailpit, Mailhog)';
const PREVIEW_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text font-size="18px">Hi {{name|friend}}, this preview was rendered by mailshit.</mj-text>
        {{#unless name}}<mj-text>No name in the item: the default was used.</mj-text>{{/unless}}
        <mj-button href="https://shop.example.com/orders/A-17?ref={{ref|preview editor}}">Your order</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const install = n8nInstall(2)!;

describe(`mailshit SMTP in the n8n ${install.version} editor, in a real browser`, () => {
	const started = Date.now();
	const shots = new Screenshots(mkdtempSync(path.join(tmpdir(), `mailshit-ui-${new Date().toISOString().replace(/[:.]/g, '-')}-`)));
	let workDir: string;
	let server: N8nServer | undefined;
	let catcher: MailCatcher | undefined;
	let authServer: SmtpSink | undefined;
	let authorization: AuthorizationServer | undefined;
	let xoauth2Server: SmtpSink | undefined;
	let browser: EditorBrowser | undefined;
	let editor: N8nEditor;

	/** A user step: its screenshot is taken also when it fails, named -FAILED. */
	async function step(name: string, run: () => Promise<void>): Promise<void> {
		try {
			await run();
		} catch (error) {
			if (browser) await shots.take(browser.page, `${name}-FAILED`).catch(() => undefined);
			throw error;
		}
	}

	beforeAll(async () => {
		console.log(`screenshots: ${shots.dir}`);
		if (!install.installed) throw new Error(`n8n ${install.version} is not installed: run \`npx tsx e2e/install-n8n.ts 2\``);
		workDir = mkdtempSync(path.join(tmpdir(), 'mailshit-ui-n8n-'));
		const userFolder = path.join(workDir, 'user');
		mkdirSync(userFolder);
		await installCommunityPackage(packedTarball('test:ui'), userFolder, new N8nCli(install, userFolder).env());
		catcher = await startMailDev({ smtpPort: 0 });
		authServer = await startSmtpSink({ auth: { user: AUTH_LOGIN.user, pass: AUTH_LOGIN.right }, authRequired: true });
		server = await startN8nServer({ install, userFolder, logFile: path.join(workDir, 'n8n-start.log') });
		// the identity provider of "Connect my account", registered with this n8n's callback URL
		authorization = await startAuthorizationServer({ redirectUris: [`${server.baseUrl}/rest/oauth2-credential/callback`] });
		xoauth2Server = await startSmtpSink({ xoauth2: { verify: (user, token) => authorization!.verifyToken(user, token), refusal: 'reply' } });
		browser = await launchEditorBrowser({ allowedOrigins: [server.baseUrl, catcher.inboxUrl, authorization.url] });
		editor = new N8nEditor(browser.page, server.baseUrl);
	});

	afterAll(async () => {
		// each one stopped even when another fails to
		const stops: Array<[string, (() => Promise<unknown>) | undefined]> = [
			['chromium', browser?.close],
			['n8n', server?.stop],
			['mail catcher', catcher?.close],
			['AUTH server', authServer?.close],
			['XOAUTH2 server', xoauth2Server?.close],
			['authorization server', authorization?.close],
		];
		for (const [what, stop] of stops) await stop?.().catch((error: unknown) => console.log(`stopping ${what} failed: ${String(error)}`));
		if (workDir) {
			if (process.env.MAILSHIT_E2E_KEEP) console.log(`kept ${workDir} (MAILSHIT_E2E_KEEP)`);
			else rmSync(workDir, { recursive: true, force: true });
		}
		console.log(`${shots.files.length} screenshots in ${shots.dir}:\n${shots.files.map((f) => `  ${path.basename(f)}`).join('\n')}`);
		console.log(`UI suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});

	describe('1. a fresh n8n', () => {
		test('owner setup through the UI form', async () => {
			await step('owner-setup', async () => {
				await editor.setupOwner(OWNER);
				await shots.take(editor.page, 'owner-setup-form');
				await editor.submitOwnerSetup();
				await editor.page.getByTestId('main-sidebar-settings').waitFor();
				await shots.take(editor.page, 'owner-logged-in');
			});
		});
	});

	describe('2. the credential form and its connection test', () => {
		test('the provider picker shows host and port for the custom server and the catcher, and hides them for fixed providers', async () => {
			await step('credential-providers', async () => {
				await editor.openNewCredential(CREDENTIAL.type, 'mailshit');
				await shots.take(editor.page, 'credential-custom-form');
				await editor.credentialParameter('connectionTimeout').scrollIntoViewIfNeeded();
				await shots.take(editor.page, 'credential-custom-form-end');
				const custom = await editor.visibleCredentialFields();
				expect(custom).toEqual(['provider', 'host', 'port', 'secure', 'startTls', 'user', 'password', 'fromEmail', 'fromName', 'allowSelfSigned', 'caBundle', 'clientHostName', 'connectionTimeout', 'dkimSign', 'checkSenderDns', 'senderDnsServers']);

				// DKIM Signing shows its three fields, the private key masked like a password
				await editor.toggleCredentialSwitch('dkimSign');
				await editor.credentialParameter('dkimPrivateKey').waitFor();
				expect(await editor.visibleCredentialFields()).toEqual([...custom.slice(0, -2), 'dkimDomain', 'dkimSelector', 'dkimPrivateKey', 'checkSenderDns', 'senderDnsServers']);
				// a multi-line field (a pasted PEM keeps its line breaks), masked as n8n masks its SSH keys
				await editor.fillCredential({ dkimPrivateKey: '-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----' });
				expect(await editor.credentialParameter('dkimPrivateKey').locator('textarea').count()).toBe(1);
				expect(await editor.isCredentialFieldMasked('dkimPrivateKey')).toBe(true);
				expect(await editor.isCredentialFieldMasked('dkimSelector')).toBe(false);
				await editor.credentialParameter('dkimPrivateKey').scrollIntoViewIfNeeded();
				await shots.take(editor.page, 'credential-dkim-fields');
				await editor.toggleCredentialSwitch('dkimSign');
				await editor.credentialParameter('dkimPrivateKey').waitFor({ state: 'hidden' });

				await editor.selectOption(editor.credentialParameter('provider'), CATCHER_PROVIDER);
				await editor.credentialParameter('secure').waitFor({ state: 'hidden' });
				await editor.credentialParameter('provider').scrollIntoViewIfNeeded();
				await shots.take(editor.page, 'credential-catcher-form');
				expect(await editor.visibleCredentialFields()).toEqual(['provider', 'catcherHost', 'catcherPort', 'startTls', 'user', 'password', 'fromEmail', 'fromName', 'allowSelfSigned', 'caBundle', 'clientHostName', 'connectionTimeout', 'dkimSign', 'checkSenderDns', 'senderDnsServers']);
				// the catcher's own fields come prefilled with its usual endpoint
				expect(await editor.credentialParameter('catcherHost').locator('input').inputValue()).toBe('localhost');
				expect(await editor.credentialParameter('catcherPort').locator('input').inputValue()).toBe('1025');
				expect(await editor.credentialModal.innerText()).toContain('localhost:1025 without a username or password');

				await editor.selectOption(editor.credentialParameter('provider'), 'Gmail / Google Workspace');
				await editor.credentialParameter('catcherHost').waitFor({ state: 'hidden' });
				await shots.take(editor.page, 'credential-gmail-form');
				expect(await editor.visibleCredentialFields()).toEqual(['provider', 'user', 'password', 'fromEmail', 'fromName', 'allowSelfSigned', 'clientHostName', 'connectionTimeout', 'dkimSign', 'checkSenderDns', 'senderDnsServers']);
				expect(await editor.credentialModal.innerText()).toContain('App Password');
				await editor.closeCredentialModal();
			});
		});

		test('the catcher: n8n shows its own success banner, and our message reached the editor', async () => {
			await step('credential-ok', async () => {
				await editor.openNewCredential(CREDENTIAL.type, 'mailshit');
				await editor.renameCredential(CREDENTIAL.catcher);
				await editor.selectOption(editor.credentialParameter('provider'), CATCHER_PROVIDER);
				await editor.fillCredential({ catcherHost: '127.0.0.1', catcherPort: catcher!.smtpPort, fromEmail: FROM, fromName: 'mailshit editor test' });
				const { result } = await editor.saveCredential();
				expect(result.status).toBe('OK');
				expect(result.message).toBe(`Connected to 127.0.0.1:${catcher!.smtpPort} without encryption, without login (the server asked for none); the server accepts mail from ${FROM}.`);
				await editor.testOkBanner.waitFor();
				expect(await editor.testOkBanner.innerText()).toContain(TEST_OK_BANNER);
				await shots.take(editor.page, 'credential-test-ok');
			});
		});

		test('a closed port: the refused-connection hint is shown', async () => {
			await step('credential-refused', async () => {
				const port = await closedPort();
				await editor.fillCredential({ catcherPort: port });
				const { result } = await editor.saveCredential();
				expect(result.status).toBe('Error');
				const details = await editor.openTestErrorDetails();
				const hint = details.getByText(`Connection refused by 127.0.0.1:${port}`, { exact: false });
				await hint.waitFor();
				expect(await hint.innerText()).toBe(result.message);
				expect(result.message.startsWith(`Connection refused by 127.0.0.1:${port}`)).toBe(true);
				await shots.take(editor.page, 'credential-test-refused');

				// back to the catcher's port: the credential the workflow below uses
				await editor.fillCredential({ catcherPort: catcher!.smtpPort });
				expect((await editor.saveCredential()).result.status).toBe('OK');
				await editor.testOkBanner.waitFor();
				await editor.closeCredentialModal();
			});
		});

		test('a wrong password on a server that requires AUTH: the App Password hint is shown, without the password', async () => {
			await step('credential-auth-failed', async () => {
				await editor.openNewCredential(CREDENTIAL.type, 'mailshit');
				await editor.renameCredential(CREDENTIAL.auth);
				await editor.fillCredential({ host: '127.0.0.1', port: authServer!.port, user: AUTH_LOGIN.user, password: AUTH_LOGIN.wrong, fromEmail: FROM });
				const { result } = await editor.saveCredential();
				expect(result.status).toBe('Error');
				expect(result.message).toContain('Authentication failed for user');
				expect(result.message).toContain('App Password');
				const details = await editor.openTestErrorDetails();
				const hint = details.getByText('Authentication failed for user', { exact: false });
				await hint.waitFor();
				expect(await hint.innerText()).toContain('App Password');
				expect(await editor.credentialModal.innerText()).not.toContain(AUTH_LOGIN.wrong);
				await shots.take(editor.page, 'credential-test-auth-failed');
				await editor.closeCredentialModal();
			});
		});
	});

	describe('3. the node in a workflow', () => {
		test('found as "mailshit" in the node panel, added after a Manual Trigger, Send executed: the catcher gets the email', async () => {
			await step('workflow-send', async () => {
				await editor.newWorkflow();
				await editor.page.getByTestId('canvas-plus-button').click();
				await editor.searchNodes('manual');
				await editor.nodeCreatorItem('Manual Trigger').click();
				await editor.canvasNode(TRIGGER_NAME).waitFor();

				await editor.openNodeCreatorAfter(TRIGGER_NAME);
				await editor.searchNodes('mailshit');
				const item = editor.nodeCreatorItem(NODE_NAME);
				await item.waitFor();
				expect(await item.innerText()).toContain('Render MJML email templates');
				await shots.take(editor.page, 'node-panel-search');
				await item.click();
				await editor.nodeCreator.getByTestId('node-creator-item-name').getByText('Send an email', { exact: true }).waitFor();
				await shots.take(editor.page, 'node-panel-actions');
				await editor.nodeCreator.getByTestId('node-creator-item-name').getByText('Send an email', { exact: true }).click();

				await editor.ndv.waitFor();
				expect(await editor.nodeParameter('operation').locator('input').inputValue()).toBe('Send');
				await editor.selectOption(editor.ndv.getByTestId('node-credentials-select'), CREDENTIAL.catcher);
				await editor.typeNodeParameter('toEmail', TO);
				await editor.typeNodeParameter('subject', SUBJECT);
				await editor.replaceNodeParameter('template', MJML);
				// typed, not pasted: the fields stay Fixed, so {{name|friend}} is mailshit's variable
				expect(await editor.isExpression('subject')).toBe(false);
				expect(await editor.isExpression('template')).toBe(false);
				await shots.take(editor.page, 'ndv-send-filled');
				const addOption = editor.ndv.getByTestId('collection-parameter-add').last();
				await addOption.scrollIntoViewIfNeeded();
				await addOption.click();
				const verifyDomain = editor.page.getByRole('option', { name: 'Verify Recipient Domain' });
				await verifyDomain.waitFor();
				expect(await editor.page.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['Attachments', 'Messages per Second', 'Retries']));
				await shots.take(editor.page, 'ndv-send-options');
				await addOption.click();
				await verifyDomain.waitFor({ state: 'hidden' });

				const output = await editor.executeStep(/"type":\s*"sent"/);
				expect(output).toMatch(/"type":\s*"sent"/);
				expect(output).toMatch(/"success":\s*true/);
				await shots.take(editor.page, 'ndv-send-output');

				const emails = await waitUntil(async () => {
					const caught = await catcher!.emails();
					return caught.length > 0 && caught;
				}, 'the catcher to receive the email', 15_000);
				expect(emails).toHaveLength(1);
				const [message] = emails;
				expect(message.envelope).toEqual({ from: FROM, to: [TO] });
				expect(message.subject).toBe('Hello friend from the n8n editor');
				expect(message.html).toContain('Hi friend, this email was sent from the n8n editor.');
				expect(message.text).toContain('Hi friend, this email was sent from the n8n editor.');
				expect(output).toContain(JSON.stringify(message.envelope.to[0]));

				const inbox = await browser!.context.newPage();
				try {
					await inbox.goto(catcher!.inboxUrl);
					await inbox.getByText('Hello friend from the n8n editor').click();
					// MailDev renders the message's HTML in a frame of its own
					await inbox.frameLocator('iframe').getByText('Hi friend, this email was sent from the n8n editor.').waitFor();
					await shots.take(inbox, 'catcher-inbox');
				} finally {
					await inbox.close();
				}
			});
		});

		test('Render shows html, text and subject in the output panel', async () => {
			await step('workflow-render', async () => {
				await editor.selectOption(editor.nodeParameter('operation'), 'Render');
				await editor.ndv.getByTestId('node-credentials-select').waitFor({ state: 'hidden' });
				const output = await editor.executeStep(/"type":\s*"callback"/);
				expect(output).toMatch(/"type":\s*"callback"/);
				expect(output).toMatch(/"subject":\s*"Hello friend from the n8n editor"/);
				expect(output).toMatch(/"text":\s*"Hi friend, this email was sent from the n8n editor\./);
				expect(output).toMatch(/"html":\s*"<!doctype html>/i);
				await shots.take(editor.page, 'ndv-render-output');
				expect(await catcher!.emails()).toHaveLength(1); // Render sends nothing
			});
		});

		test("Render's email.html opens in n8n's binary viewer, showing the email as a page", async () => {
			await step('workflow-render-preview', async () => {
				// a template with a section: the item of the Manual Trigger has no name
				await editor.replaceNodeParameter('template', PREVIEW_MJML);
				expect(await editor.isExpression('template')).toBe(false);
				await editor.executeStep(/"type":\s*"callback"/);
				const viewer = await editor.openBinaryViewer('email.html');
				const card = editor.outputPanel.getByTestId('ndv-binary-data_0').first();
				expect(await card.innerText()).toMatch(/html[\s\S]*email\.html/);
				const frame = viewer.locator('iframe');
				await frame.waitFor();
				// n8n's viewer: the email sanitized into a frame that runs no script
				expect(await frame.getAttribute('sandbox')).toBe('');
				const page = editor.page.frameLocator('.binary-data-window iframe');
				const greeting = page.getByText('Hi friend, this preview was rendered by mailshit.');
				await greeting.waitFor();
				expect(await page.locator('body').innerText()).toContain('No name in the item: the default was used.');
				expect(await page.locator('a[href="https://shop.example.com/orders/A-17?ref=preview%20editor"]').innerText()).toBe('Your order');
				await shots.take(editor.page, 'ndv-render-binary-viewer');
				await editor.page.locator('.binary-data-window-back').click();
				await viewer.waitFor({ state: 'hidden' });
			});
		});
	});

	describeOAuth2InEditor(() => ({
		editor,
		openTab: async () => new N8nEditor(await browser!.context.newPage(), server!.baseUrl),
		nodeName: NODE_NAME,
		shots,
		step,
		n8nBaseUrl: server!.baseUrl,
		authorization: authorization!,
		xoauth2Server: xoauth2Server!,
		to: TO,
	}));

	describe('5. the icon, in light and dark themes', () => {
		const iconFile = (theme: 'light' | 'dark') => (theme === 'dark' ? 'mailshit.dark.svg' : 'mailshit.svg');

		/** The <img> n8n renders for the node's icon: its file, and whether the browser could draw it. */
		async function iconState(img: Locator): Promise<{ src: string; drawn: boolean }> {
			await img.waitFor();
			return img.evaluate((el) => {
				const image = el as unknown as { currentSrc: string; complete: boolean; naturalWidth: number };
				return { src: image.currentSrc, drawn: image.complete && image.naturalWidth > 0 };
			});
		}

		async function checkIcons(theme: 'light' | 'dark'): Promise<void> {
			expect(await editor.page.locator('body').getAttribute('data-theme')).toBe(theme === 'dark' ? 'dark' : null);
			const onCanvas = await iconState(editor.canvasNode(NODE_NAME).locator('img').first());
			expect(onCanvas).toEqual({ src: expect.stringContaining(`/icons/${PACKAGE_NAME}/dist/icons/${iconFile(theme)}`), drawn: true });
			await shots.take(editor.page, `canvas-${theme}`);

			await editor.page.getByTestId('node-creator-plus-button').click();
			await editor.searchNodes('mailshit');
			const inPanel = await iconState(editor.nodeCreatorItem(NODE_NAME).locator('img').first());
			expect(inPanel).toEqual({ src: expect.stringContaining(iconFile(theme)), drawn: true });
			await shots.take(editor.page, `node-panel-${theme}`);
			await editor.page.keyboard.press('Escape');
			await editor.nodeCreator.waitFor({ state: 'hidden' });
		}

		test('light', async () => {
			await step('icons-light', async () => {
				await editor.closeNdv();
				await checkIcons('light');
			});
		});

		test('dark, picked in Settings > Personal', async () => {
			await step('icons-dark', async () => {
				const workflowUrl = editor.page.url();
				await editor.chooseTheme('Dark');
				await shots.take(editor.page, 'settings-theme-dark');
				await editor.page.goto(workflowUrl);
				await editor.canvasNode(NODE_NAME).waitFor();
				await checkIcons('dark');
			});
		});
	});

	describe('6. logs', () => {
		test('n8n logged no error or warning about the package, and the browser none about its files', () => {
			expect(packageProblems('n8n start', server!.logText())).toEqual([]);
			const browserProblems = browser!.problems.filter((line) => /mailshit/i.test(line));
			if (browser!.problems.length) console.log(`browser problems (those naming the package fail the test):\n${browser!.problems.join('\n')}`);
			expect(browserProblems).toEqual([]);
		});
	});
});
