/**
 * Send and Wait for Response as its recipient sees it, in a real browser (Debian's chromium driven
 * by playwright-core): the email in the mail catcher's inbox, its buttons clicked, our pages
 * (answer recorded, confirmation, forms with their errors, thank-you, expired) and n8n's own page
 * for a link used again. The workflows run in the e2e suite's real n8n 2.x, started through the
 * editor's REST API; every step leaves a PNG (printed folder); assertions read DOM text, not pixels.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startMailDev, type CaughtEmail, type MailCatcher } from '../../scripts/lib/mailDev';
import { launchEditorBrowser, type EditorBrowser } from '../harness/browser';
import { installCommunityPackage, packedTarball } from '../harness/communityPackage';
import { customSmtpCredential } from '../harness/fixtures';
import { N8nCli } from '../harness/n8nCli';
import { N8nRestClient } from '../harness/n8nRest';
import { startN8nServer, type N8nServer } from '../harness/n8nServer';
import { waitUntil } from '../harness/processes';
import { BROWSER_UA, limitInSeconds, resumeLinks, WaitingRun, waitWorkflows, type WaitContext, type WaitWorkflowSpec } from '../harness/sendAndWait';
import { n8nInstall } from '../n8n-versions';
import { Screenshots } from './n8nEditor';

const OWNER = { email: 'wait@mailshit.test', firstName: 'Wait', lastName: 'Tester', password: 'Wait-mailshit-1' };
const SCANNER_UA = 'Mozilla/5.0 (compatible; Microsoft Office/16.0; SafeLinks)';

const FORM_FIELDS = [
	{ fieldLabel: 'Amount (EUR)', fieldName: 'amount', fieldType: 'number', requiredField: true, placeholder: '120.00' },
	{ fieldLabel: 'Your email', fieldName: 'email', fieldType: 'email' },
	{ fieldLabel: 'Cost centre', fieldName: 'costCentre', fieldType: 'dropdown', requiredField: true, fieldOptions: { values: [{ option: 'Sales' }, { option: 'R&D' }] } },
	{ fieldLabel: 'Travel class', fieldName: 'class', fieldType: 'radio', fieldOptions: { values: [{ option: 'Economy' }, { option: 'Business' }] } },
	{ fieldLabel: 'Receipts attached', fieldName: 'receipts', fieldType: 'checkbox', fieldOptions: { values: [{ option: 'Hotel' }, { option: 'Train' }] } },
	{ fieldLabel: 'Comment', fieldName: 'comment', fieldType: 'textarea' },
];

const SPECS = {
	approval: { id: 'mailshitUiApproval', subject: 'Approve expense {{expense.id}}', parameters: { approvalOptions: { values: { approvalType: 'double' } } } },
	german: {
		id: 'mailshitUiGerman',
		subject: 'Spesen {{expense.id}} freigeben',
		parameters: { approvalOptions: { values: { approvalType: 'double' } }, options: { pageLanguage: 'de' } },
		// no {{_answer}}: the buttons get a section of their own at the end, side by side
		template: '<mjml><mj-body><mj-section><mj-column><mj-text>Hallo {{name}}, die Spesen {{expense.id}} über {{expense.amount}} EUR warten auf Ihre Freigabe.</mj-text></mj-column></mj-section></mj-body></mjml>',
	},
	freeText: {
		id: 'mailshitUiFreeText',
		subject: 'Why {{expense.id}}?',
		parameters: { responseType: 'freeText', options: { responseFormTitle: '={{ "Expense " + $json.expense.id }}', responseFormDescription: 'Tell us what the 120 EUR were for.' } },
	},
	customForm: {
		id: 'mailshitUiCustomForm',
		subject: 'Details for {{expense.id}}',
		parameters: { responseType: 'customForm', defineForm: 'json', jsonOutput: JSON.stringify(FORM_FIELDS), options: { responseFormTitle: 'Expense details' } },
	},
	timeout: { id: 'mailshitUiTimeout', subject: 'Quick: {{expense.id}}', parameters: { options: limitInSeconds(3) } },
} satisfies Record<string, WaitWorkflowSpec>;

const install = n8nInstall(2)!;

describe(`Send and Wait for Response in a browser, on n8n ${install.version}`, () => {
	const started = Date.now();
	const shots = new Screenshots(mkdtempSync(path.join(tmpdir(), `mailshit-ui-wait-${new Date().toISOString().replace(/[:.]/g, '-')}-`)));
	let workDir: string;
	let server: N8nServer | undefined;
	let catcher: MailCatcher | undefined;
	let browser: EditorBrowser | undefined;
	let ctx: WaitContext;

	beforeAll(async () => {
		console.log(`screenshots: ${shots.dir}`);
		if (!install.installed) throw new Error(`n8n ${install.version} is not installed: run \`npx tsx e2e/install-n8n.ts 2\``);
		workDir = mkdtempSync(path.join(tmpdir(), 'mailshit-ui-wait-n8n-'));
		const userFolder = path.join(workDir, 'user');
		mkdirSync(userFolder);
		const cli = new N8nCli(install, userFolder);
		await installCommunityPackage(packedTarball('test:ui'), userFolder, cli.env());
		catcher = await startMailDev({ smtpPort: 0 });
		const credential = customSmtpCredential('mailshitUiWait', 'Mail catcher', catcher.smtpPort);
		await cli.importCredentials([credential]);
		await cli.importWorkflows(waitWorkflows(credential, Object.values(SPECS)));
		server = await startN8nServer({ install, userFolder, logFile: path.join(workDir, 'n8n-start.log') });
		const rest = new N8nRestClient(server.baseUrl);
		await rest.setupOwner(OWNER);
		await rest.login(OWNER.email, OWNER.password);
		ctx = { install, rest };
		// a person's browser: headless chromium names itself HeadlessChrome, which the node treats as a machine
		browser = await launchEditorBrowser({ allowedOrigins: [server.baseUrl, catcher.inboxUrl.replace(/\/$/, '')], userAgent: BROWSER_UA, viewport: { width: 1024, height: 800 } });
	});

	afterAll(async () => {
		for (const [what, stop] of [
			['chromium', browser?.close],
			['n8n', server?.stop],
			['mail catcher', catcher?.close],
		] as const) {
			await stop?.().catch((error: unknown) => console.log(`stopping ${what} failed: ${String(error)}`));
		}
		if (workDir) {
			if (process.env.MAILSHIT_E2E_KEEP) console.log(`kept ${workDir} (MAILSHIT_E2E_KEEP)`);
			else rmSync(workDir, { recursive: true, force: true });
		}
		console.log(`${shots.files.length} screenshots in ${shots.dir}:\n${shots.files.map((f) => `  ${path.basename(f)}`).join('\n')}`);
		console.log(`Send and Wait UI suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});

	/** Runs a workflow until it waits, and returns the email the catcher got for it. */
	async function runAndCatch(spec: WaitWorkflowSpec): Promise<{ run: WaitingRun; message: CaughtEmail; links: string[] }> {
		const before = (await catcher!.emails()).length;
		const run = await WaitingRun.start(ctx, spec.id);
		const message = await waitUntil(async () => (await catcher!.emails())[before], `the catcher to receive "${spec.subject}"`, 30_000);
		return { run, message, links: resumeLinks(message.html ?? '') };
	}

	/** The email as the catcher (MailDev) renders it: its HTML page, cid images inlined. */
	async function openEmail(message: CaughtEmail): Promise<Page> {
		const page = browser!.page;
		await page.goto(new URL(`/api/email/${message.id}/html`, catcher!.inboxUrl).toString());
		return page;
	}

	/** Clicks a link of the email (they open in a new tab, target="_blank") and returns that tab. */
	async function clickInEmail(email: Page, name: string): Promise<Page> {
		const [tab] = await Promise.all([browser!.context.waitForEvent('page'), email.getByRole('link', { name, exact: true }).click()]);
		await tab.waitForLoadState();
		return tab;
	}

	const heading = (page: Page) => page.locator('h1').innerText();

	test('Approval: the email with its buttons; Approve clicked; the answer page; the link again: n8n\u2019s own page', async () => {
		const { run, message } = await runAndCatch(SPECS.approval);
		const email = await openEmail(message);
		await email.getByRole('link', { name: 'Approve', exact: true }).waitFor();
		expect(await email.getByRole('link', { name: 'Decline', exact: true }).isVisible()).toBe(true);
		expect(await email.getByText('This message was sent automatically with n8n').isVisible()).toBe(true);
		await shots.take(email, 'email-approval', { fullPage: true });

		const answered = await clickInEmail(email, 'Approve');
		expect(await heading(answered)).toBe('Answer recorded');
		expect(await answered.locator('main').innerText()).toContain('You chose: Approve.');
		await shots.take(answered, 'approval-recorded');
		const { output } = await run.finished();
		expect(output.map((item) => item.json)).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);

		await answered.reload();
		expect(await answered.locator('body').innerText()).toContain('No action required');
		await shots.take(answered, 'approval-link-used-again-n8n-page');
		await answered.close();
	});

	test('German: a link scanner (or a careful recipient) gets a button page; pressing it records the answer', async () => {
		const { run, message, links } = await runAndCatch(SPECS.german);
		const email = await openEmail(message);
		await email.getByRole('link', { name: 'Ablehnen', exact: true }).waitFor();
		await shots.take(email, 'email-approval-de', { fullPage: true });

		// a tab that presents itself as Outlook's Safe Links scanner (an extra header cannot replace chromium's User-Agent)
		const scanner = await browser!.context.newPage();
		const devtools = await browser!.context.newCDPSession(scanner);
		await devtools.send('Network.setUserAgentOverride', { userAgent: SCANNER_UA });
		await scanner.goto(links[1]);
		expect(await heading(scanner)).toBe('Antwort bestätigen');
		expect(await scanner.locator('html').getAttribute('lang')).toBe('de');
		await shots.take(scanner, 'approval-confirm-de');
		expect((await run.record()).status).toBe('waiting');

		await scanner.getByRole('button', { name: 'Ablehnen' }).click();
		await scanner.getByRole('heading', { name: 'Antwort gespeichert' }).waitFor();
		expect(await scanner.locator('main').innerText()).toContain('Ihre Wahl: Ablehnen.');
		await shots.take(scanner, 'approval-recorded-de');
		const { output } = await run.finished();
		expect(output.map((item) => item.json)).toEqual([{ data: { approved: false, respondedAt: expect.any(String) } }]);
		await scanner.close();
	});

	test('Free Text: the Respond link opens the form; an empty answer is refused on the page; an answer says thank you', async () => {
		const { run, message } = await runAndCatch(SPECS.freeText);
		const email = await openEmail(message);
		const form = await clickInEmail(email, 'Respond');
		expect(await heading(form)).toBe('Expense EX-42');
		const response = form.getByLabel('Response');
		expect(await response.getAttribute('required')).not.toBeNull();
		await shots.take(form, 'form-free-text');

		await form.getByRole('button', { name: 'Submit' }).click();
		await form.getByRole('alert').waitFor();
		expect(await form.getByRole('alert').innerText()).toContain('Response: Please fill in this field.');
		expect(await response.getAttribute('aria-invalid')).toBe('true');
		await shots.take(form, 'form-free-text-refused');

		await form.getByLabel('Response').fill('Train tickets to the Berlin conference.');
		await form.getByRole('button', { name: 'Submit' }).click();
		await form.getByRole('heading', { name: 'Thank you' }).waitFor();
		await shots.take(form, 'thank-you');
		const { output } = await run.finished();
		expect(output.map((item) => item.json)).toEqual([{ data: { text: 'Train tickets to the Berlin conference.', respondedAt: expect.any(String) } }]);
		await form.close();
	});

	test('Custom Form: every kind of field; wrong values marked field by field; the answer typed', async () => {
		const { run, message } = await runAndCatch(SPECS.customForm);
		const form = await clickInEmail(await openEmail(message), 'Respond');
		expect(await heading(form)).toBe('Expense details');
		await shots.take(form, 'form-custom', { fullPage: true });
		await form.setViewportSize({ width: 390, height: 844 });
		await shots.take(form, 'form-custom-phone', { fullPage: true });
		await form.setViewportSize({ width: 1024, height: 800 });

		// a browser keeps letters out of a number field, and posts what is typed elsewhere
		await form.getByLabel('Your email').fill('ada@');
		await form.getByRole('button', { name: 'Submit' }).click();
		await form.getByRole('alert').waitFor();
		const summary = await form.getByRole('alert').innerText();
		for (const line of ['Amount (EUR): Please fill in this field.', 'Your email: Enter a valid email address.', 'Cost centre: Please fill in this field.']) expect(summary).toContain(line);
		expect(await form.getByLabel('Your email').inputValue()).toBe('ada@');
		await shots.take(form, 'form-custom-refused', { fullPage: true });

		await form.getByLabel('Amount (EUR)').fill('120.5');
		await form.getByLabel('Your email').fill('ada@example.com');
		await form.getByLabel('Cost centre').selectOption('R&D');
		await form.getByLabel('Business').check();
		await form.getByLabel('Hotel').check();
		await form.getByLabel('Train').check();
		await form.getByLabel('Comment').fill('Two nights.');
		await form.getByRole('button', { name: 'Submit' }).click();
		await form.getByRole('heading', { name: 'Thank you' }).waitFor();
		const { output } = await run.finished();
		expect(output.map((item) => item.json)).toEqual([
			{ data: { amount: 120.5, email: 'ada@example.com', costCentre: 'R&D', class: 'Business', receipts: ['Hotel', 'Train'], comment: 'Two nights.', respondedAt: expect.any(String) } },
		]);
		await form.close();
	});

	test('a link followed after the wait limit: the expired page', async () => {
		// n8n's wait tracker looks every 60 s; when it looks within the 3 s limit it resumes the
		// execution exactly at the limit and n8n answers the link itself. A run it has not seen yet
		// stays waiting after its limit, and the link reaches our page: so try a fresh run (at most 3).
		const page = await browser!.context.newPage();
		let shown = false;
		for (let attempt = 1; attempt <= 3 && !shown; attempt++) {
			const { run, links } = await runAndCatch(SPECS.timeout);
			const deadline = Number(new URL(links[0]).searchParams.get('until'));
			await waitUntil(() => Date.now() > deadline + 500, 'the 3 s limit to pass', 10_000, 100);
			if ((await run.record()).status !== 'waiting') continue;
			await page.goto(links[0]);
			shown = (await heading(page)) === 'This request has expired';
		}
		expect(shown).toBe(true);
		expect(await page.locator('main').innerText()).toMatch(/The time to answer ended on .+\. Your answer was not recorded\./);
		await shots.take(page, 'expired');
		await page.close();
	});
});
