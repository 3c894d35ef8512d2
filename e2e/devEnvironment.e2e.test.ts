/**
 * `npm start` as a person uses it: it comes up with n8n 2.x and the mail catcher (MailDev), the
 * example workflow (run as the editor's "Execute workflow" button does) lands its emails in the
 * inbox, Ctrl-C stops everything, and a second start picks up the same instance.
 *
 * Runs on its own dev home and ports (MAILSHIT_DEV_HOME, MAILSHIT_CATCHER_*_PORT), so it neither
 * touches a developer's instance nor clashes with an `npm start` already running.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './harness/communityPackage';
import { TRIGGER_NAME } from './harness/fixtures';
import { packageProblems } from './harness/logScan';
import { N8nRestClient } from './harness/n8nRest';
import { cleanEnv, freePort, killGroup, portInUse, spawnGroup, waitUntil, within, type GroupProcess } from './harness/processes';
import { CATCHER_CREDENTIAL, DEMO_OWNER as OWNER, EXAMPLE_WORKFLOW_ID } from '../scripts/lib/devDefaults';
import { ORDER_WORKFLOW_ID } from '../scripts/lib/orderConfirmationWorkflow';

interface DevEnvironment {
	process: GroupProcess;
	output(): string;
	editorUrl: string;
	inboxUrl: string;
}

/** A message as MailDev's GET /api/email lists it (the parts read here). */
interface InboxEntry {
	id: string;
	subject: string;
	envelope: { to: Array<{ address: string }> };
}

describe('npm start: n8n 2.x with the package, and a local mail catcher', () => {
	let home: string;
	let ports: { n8n: number; smtp: number; http: number };
	const running: GroupProcess[] = [];

	beforeAll(async () => {
		home = mkdtempSync(path.join(tmpdir(), 'mailshit-e2e-dev-'));
		ports = { n8n: await freePort(), smtp: await freePort(), http: await freePort() };
	});

	afterAll(async () => {
		await Promise.all(running.map((p) => p.stop()));
		if (home) rmSync(home, { recursive: true, force: true });
	});

	async function npmStart(): Promise<DevEnvironment> {
		const env = {
			...cleanEnv(),
			MAILSHIT_DEV_HOME: home,
			MAILSHIT_CATCHER_SMTP_PORT: String(ports.smtp),
			MAILSHIT_CATCHER_HTTP_PORT: String(ports.http),
		};
		const child = spawnGroup('npm', ['start', '--', '--n8n', '2', '--port', String(ports.n8n)], { cwd: REPO_ROOT, env });
		running.push(child);
		let output = '';
		child.child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		await waitUntil(
			() => {
				if (child.hasExited()) throw new Error(`npm start exited early:\n${output}`);
				return /Ctrl-C stops n8n and the mail catcher/.test(output);
			},
			'npm start to print its banner',
			4 * 60_000,
			500,
		).catch((error: Error) => {
			throw new Error(`${error.message}\n${output}`);
		});
		const editorUrl = /n8n editor\s+(http:\/\/\S+)/.exec(output)?.[1];
		const inboxUrl = /Mail inbox\s+(http:\/\/\S+)/.exec(output)?.[1];
		if (!editorUrl || !inboxUrl) throw new Error(`no editor or inbox URL in:\n${output}`);
		return { process: child, output: () => output, editorUrl, inboxUrl };
	}

	/** What Ctrl-C in the terminal does: SIGINT to the foreground process group (npm, tsx, node). */
	async function ctrlC(dev: DevEnvironment): Promise<void> {
		killGroup(dev.process.pid, 'SIGINT');
		// scripts/start.ts stops everything and exits 0; npm, which gets the same SIGINT, then exits
		// 130 as a shell does (seen here every time). Anything else, or no exit, is a failure.
		expect([0, 130]).toContain(await within(dev.process.exited, 45_000));
	}

	/** A GET with a bound: a hung page fails the test instead of stalling it until jest's own limit. */
	const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(10_000) });

	async function inbox(url: string): Promise<InboxEntry[]> {
		return (await (await get(`${url}/api/email`)).json()) as InboxEntry[];
	}

	let first: DevEnvironment;

	/** Runs a ready workflow as the editor's "Execute workflow" does; its final status. */
	async function runToTheEnd(workflowId: string): Promise<string> {
		const rest = new N8nRestClient(first.editorUrl);
		await rest.login(OWNER.email, OWNER.password);
		const executionId = await rest.runWorkflow(2, workflowId, TRIGGER_NAME);
		return (await rest.waitForExecution(executionId, 60_000)).status;
	}

	test('comes up, printing the editor and inbox URLs and the demo login', async () => {
		first = await npmStart();
		expect(first.editorUrl).toBe(`http://127.0.0.1:${ports.n8n}`);
		expect(first.inboxUrl).toBe(`http://127.0.0.1:${ports.http}`);
		expect(first.output()).toContain(`log in as ${OWNER.email} / ${OWNER.password}`);
		expect(first.output()).toContain(`SMTP catcher  127.0.0.1:${ports.smtp}`);
		expect(first.output()).toContain('first start: creating the credential "Local mail catcher" and the example workflow');
	});

	test('the example workflow, run as "Execute workflow" does, delivers to the inbox', async () => {
		expect(await runToTheEnd(EXAMPLE_WORKFLOW_ID)).toBe('success');

		const messages = await waitUntil(async () => {
			const list = await inbox(first.inboxUrl);
			return list.length >= 3 ? list : undefined;
		}, 'three messages in the inbox', 30_000);
		// the three go out over parallel pooled connections: any arrival order
		expect(messages.map((m) => m.subject).sort()).toEqual([
			"What's new for Analytical Engines Ltd, Ada",
			"What's new for Cobol & Sons, Grace",
			"What's new for Nameless Inc., friend",
		]);
		const ada = messages.find((m) => m.envelope.to[0].address === 'ada@example.com')!;
		// the inbox page is MailDev's web app (the editor suite looks at it in a browser)
		const page = await fetch(first.inboxUrl, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) });
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/<title>MailDev/i);
		const html = await (await get(`${first.inboxUrl}/api/email/${ada.id}/html`)).text();
		expect(html).toContain('Hi Ada, here is what changed for Analytical Engines Ltd');
		const eml = await get(`${first.inboxUrl}/api/email/${ada.id}/download`);
		expect(eml.headers.get('content-type')).toContain('message/rfc822');
		expect(await eml.text()).toMatch(/^To: ada@example\.com/m);
		expect(first.output()).toContain(`inbox: "What's new for Analytical Engines Ltd, Ada" for ada@example.com`);
	});

	test('the order-confirmation workflow sends one confirmation per order, with its lines', async () => {
		expect(await runToTheEnd(ORDER_WORKFLOW_ID)).toBe('success');
		const messages = await waitUntil(async () => {
			const confirmations = (await inbox(first.inboxUrl)).filter((m) => /Order A-\d+ confirmed$/.test(m.subject));
			return confirmations.length >= 3 ? confirmations : undefined;
		}, 'three confirmations in the inbox', 30_000);
		expect(messages.map((m) => m.subject).sort()).toEqual(['Order A-1001 confirmed', 'Order A-1002 confirmed', '[VIP] Order A-1000 confirmed']);
		const grace = messages.find((m) => m.envelope.to[0].address === 'grace@example.com')!;
		const html = await (await get(`${first.inboxUrl}/api/email/${grace.id}/html`)).text();
		// & and < must arrive escaped; a quote in element text is safe either way (the renderer may write it bare)
		for (const line of ['Fountain pen, blue', 'Notebook A5 &amp; dotted', 'Sticker set &lt;assorted&gt;']) expect(html).toContain(line);
		expect(html).toMatch(/>Mug (&quot;|")mailshit(&quot;|")</);
	});

	test('the credential "Local mail catcher" passes its test (Retry in the credential modal)', async () => {
		const rest = new N8nRestClient(first.editorUrl);
		await rest.login(OWNER.email, OWNER.password);
		const stored = await rest.request<{ id: string; name: string; type: string; data: Record<string, unknown> }>(
			'GET',
			`/credentials/${CATCHER_CREDENTIAL.id}?includeData=true`,
		);
		expect(stored).toMatchObject({ name: CATCHER_CREDENTIAL.name, data: { provider: 'localCatcher', catcherPort: ports.smtp } });
		const result = await rest.testCredential(stored);
		expect(result.status).toBe('OK');
		expect(result.message.startsWith(`Connected to 127.0.0.1:${ports.smtp}`)).toBe(true);
	});

	test('Ctrl-C stops n8n and the catcher', async () => {
		await ctrlC(first);
		expect(first.output()).toContain('stopped.');
		for (const port of Object.values(ports)) expect(await portInUse(port)).toBe(false);
	});

	test('a second start reuses the instance (owner, credential, workflow) with a freshly installed package', async () => {
		const second = await npmStart();
		expect(second.output()).not.toContain('first start: creating');
		expect(second.output()).toContain('(set on the first start)');
		expect(second.output()).toMatch(/installing n8n-nodes-mailshit-[\d.]+\.tgz/);
		const rest = new N8nRestClient(second.editorUrl);
		await rest.login(OWNER.email, OWNER.password);
		expect((await rest.listWorkflows()).map((w) => w.id).sort()).toEqual([EXAMPLE_WORKFLOW_ID, ORDER_WORKFLOW_ID].sort());
		expect(await inbox(second.inboxUrl)).toEqual([]);
		await ctrlC(second);
		for (const port of Object.values(ports)) expect(await portInUse(port)).toBe(false);
	});

	test('n8n logged no error or warning about the package in either start', () => {
		const log = readFileSync(path.join(home, 'n8n.log'), 'utf8');
		expect(log.match(/==== npm start /g)).toHaveLength(2);
		expect(packageProblems('npm start: n8n.log', log)).toEqual([]);
	});
});
