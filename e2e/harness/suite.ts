/**
 * The end-to-end suite, run once per pinned n8n major (e2e/n8n1.e2e.test.ts, e2e/n8n2.e2e.test.ts):
 * the packed package installed the way Settings > Community Nodes installs it, a workflow and a
 * credential imported with n8n's CLI and run with `n8n execute`, real SMTP sinks reading back what
 * arrived, and the credential test through the editor's own REST call.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { escapeHtml } from '../../nodes/MailshitSmtp/template/escape';
import { closedPort, startSmtpSink, type ReceivedMessage, type SmtpSink } from '../../test/helpers/smtpSink';
import { n8nInstall, outputItems, type ExecuteRun, type N8nMajor } from '../n8n-versions';
import { installCommunityPackage, npmComplaints, PACKAGE_NAME, packedTarball } from './communityPackage';
import { codeNode, CREDENTIAL_TYPE, customSmtpCredential, mailshitNode, NODE_TYPE, noOpNode, OAUTH2_CREDENTIAL_TYPE, sendWorkflow } from './fixtures';
import { DKIM_DOMAIN, DKIM_NODES, DKIM_WORKFLOW_ID, startDkimScenario, type DkimScenario } from './dkimScenario';
import { newsletterParameters, subscriber } from '../../examples/newsletter';
import { otherWarnings, packageProblems } from './logScan';
import { N8nCli } from './n8nCli';
import { N8nRestClient } from './n8nRest';
import { startN8nServer, type N8nServer } from './n8nServer';
import { describeOAuth2OnN8n, startOAuth2Fixtures, type OAuth2Fixtures } from './oauth2Suite';
import { freePort } from './processes';
import { describeSendAndWait, sendAndWaitFixtures } from './sendAndWait';
import { batchSafetyFixtures, describeRetryOnFail, describeStop } from './batchSafety';

const SEND_NODE = 'mailshit SMTP';
const SENT_KEYS = ['accepted', 'messageId', 'rejected', 'response', 'success', 'type'];
const VALIDATION_FAILED_KEYS = ['error', 'field', 'success', 'type'];
const OWNER = { email: 'e2e@mailshit.test', password: 'E2e-mailshit-1', firstName: 'End', lastName: 'ToEnd' };
/** The login the AUTH sink accepts, and a wrong one (test values, nothing secret). */
const SINK_LOGIN = { user: 'mailer@mailshit.test', right: 'Right-pa55word', wrong: 'Wr0ng-pa55word-e2e' };

function byRecipient(messages: ReceivedMessage[]): Map<string, ReceivedMessage> {
	return new Map(messages.map((message) => [message.envelope.to[0], message]));
}

export function describeMailshitOnN8n(major: N8nMajor): void {
	const install = n8nInstall(major)!;

	describe(`mailshit SMTP in a real n8n ${install.version}`, () => {
		let workDir: string;
		let userFolder: string;
		let cli: N8nCli;
		let server: N8nServer | undefined;
		let npmOutput = '';
		const sinks: SmtpSink[] = [];
		let newsletterSink: SmtpSink;
		let continueSink: SmtpSink;
		let errorOutputSink: SmtpSink;
		let authSink: SmtpSink;
		let oauth2: OAuth2Fixtures | undefined;
		let n8nPort: number;
		let waitSink: SmtpSink;
		let batch: Awaited<ReturnType<typeof batchSafetyFixtures>>;
		let dkim: DkimScenario | undefined;
		const started = Date.now();

		// 20 subscribers: one without a first name (the template's default), one whose company
		// needs HTML escaping, one whose name carries a mailshit placeholder that must stay text
		const recipients = Array.from({ length: 20 }, (_, i) => subscriber(i + 1));
		delete recipients[4].first_name;
		recipients[7].company = 'Kernel <Hackers> & Sons';
		recipients[11].first_name = 'Tom {{plan}}';
		// a bad address among good ones, for Continue On Fail and the error output
		const withBadAddress = [subscriber(101), subscriber(102, { email: 'not-an-address' }), subscriber(103), subscriber(104)];

		beforeAll(async () => {
			if (!install.installed) throw new Error(`n8n ${install.version} is not installed: run \`npx tsx e2e/install-n8n.ts\``);
			workDir = mkdtempSync(path.join(tmpdir(), `mailshit-e2e-n8n${major}-`));
			userFolder = path.join(workDir, 'user');
			mkdirSync(userFolder);
			cli = new N8nCli(install, userFolder);

			newsletterSink = await startSmtpSink();
			continueSink = await startSmtpSink();
			errorOutputSink = await startSmtpSink();
			authSink = await startSmtpSink({ auth: { user: SINK_LOGIN.user, pass: SINK_LOGIN.right }, authRequired: true });
			waitSink = await startSmtpSink();
			batch = await batchSafetyFixtures();
			sinks.push(newsletterSink, continueSink, errorOutputSink, authSink, waitSink, ...batch.sinks);
			dkim = await startDkimScenario();
			const sendAndWait = sendAndWaitFixtures(waitSink.port);

			const installed = await installCommunityPackage(packedTarball('test:e2e'), userFolder, cli.env());
			npmOutput = installed.npmOutput;

			const credentials = {
				newsletter: customSmtpCredential('mailshitE2eNewsletter', 'Sink (newsletter)', newsletterSink.port),
				continueOnFail: customSmtpCredential('mailshitE2eContinue', 'Sink (continue on fail)', continueSink.port),
				errorOutput: customSmtpCredential('mailshitE2eErrorOutput', 'Sink (error output)', errorOutputSink.port),
			};
			// n8n's port is chosen now: the OAuth2 authorization server must know n8n's callback URL
			n8nPort = await freePort();
			oauth2 = await startOAuth2Fixtures(`http://127.0.0.1:${n8nPort}`, recipients, credentials.newsletter);
			await cli.importCredentials([...Object.values(credentials), oauth2.credential, ...sendAndWait.credentials, ...batch.credentials, dkim.credentials.rsa, dkim.credentials.ed25519]);
			await cli.importWorkflows([
				sendWorkflow('mailshitE2eNewsletter', 'mailshit e2e: 20 newsletters', codeNode('Subscribers', recipients), mailshitNode(SEND_NODE, credentials.newsletter, newsletterParameters())),
				sendWorkflow(
					'mailshitE2eContinue',
					'mailshit e2e: continue on fail',
					codeNode('Subscribers', withBadAddress),
					mailshitNode(SEND_NODE, credentials.continueOnFail, newsletterParameters(), 'continueRegularOutput'),
				),
				sendWorkflow(
					'mailshitE2eErrorOutput',
					'mailshit e2e: error output',
					codeNode('Subscribers', withBadAddress),
					mailshitNode(SEND_NODE, credentials.errorOutput, newsletterParameters(), 'continueErrorOutput'),
					[noOpNode('Sent', -120), noOpNode('Refused', 120)],
				),
				...oauth2.workflows,
				...sendAndWait.workflows,
				...batch.workflows,
				dkim.workflow,
			]);
		});

		afterAll(async () => {
			await server?.stop();
			await Promise.all([...sinks.map((sink) => sink.close()), dkim?.close()]);
			await oauth2?.close();
			if (!workDir) return;
			if (process.env.MAILSHIT_E2E_KEEP) {
				if (cli) writeFileSync(path.join(workDir, 'cli-transcript.log'), cli.transcriptText());
				console.log(`n8n ${install.version}: kept ${workDir} (MAILSHIT_E2E_KEEP)`);
			} else {
				rmSync(workDir, { recursive: true, force: true });
			}
			console.log(`n8n ${install.version}: suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
		});

		describe('a workflow imported with `n8n import:workflow`, run by `n8n execute --id`', () => {
			let run: ExecuteRun;
			let messages: ReceivedMessage[];

			beforeAll(async () => {
				({ run } = await cli.execute('mailshitE2eNewsletter'));
				messages = await newsletterSink.waitForMessages(recipients.length, 30_000);
			});

			test('the execution succeeds', () => {
				expect(run.data.resultData.error).toBeUndefined();
				expect(run.status).toBe('success');
			});

			test('delivers 20 personalised MJML emails to the SMTP server', () => {
				expect(messages).toHaveLength(20);
				const received = byRecipient(messages);
				expect([...received.keys()].sort()).toEqual(recipients.map((r) => String(r.email)).sort());
				for (const recipient of recipients) {
					const message = received.get(String(recipient.email))!;
					const firstName = (recipient.first_name as string | undefined) ?? 'friend';
					const company = String(recipient.company);
					expect(message.parsed.subject).toBe(`What's new for ${company}, ${firstName}`);
					expect(message.parsed.from?.value[0]).toEqual({ address: 'news@mailshit.example', name: 'mailshit news' });
					expect(message.envelope.from).toBe('news@mailshit.example');

					const html = String(message.parsed.html);
					expect(html).toMatch(/^<!doctype html>/i); // compiled by MJML …
					expect(html).not.toMatch(/<mj-/); // … with no MJML tag left
					expect(html).toContain(`Hi ${escapeHtml(firstName)}, here is what changed for ${escapeHtml(company)}`);
					expect(html).toContain(`<strong>${recipient.plan}</strong>`);
					expect(html).toContain(`href="${recipient.account_url}"`);
					expect(html).not.toMatch(/\{\{(?!plan\}\})/); // every variable filled (Tom's literal {{plan}} aside)

					expect(message.parsed.text).toContain(`Hi ${firstName}, here is what changed for ${company}`);
					expect(message.parsed.headers.get('list')).toMatchObject({ unsubscribe: { url: String(recipient.unsubscribe_url) } });
				}
			});

			test('escapes values for HTML and never expands a value as a template', () => {
				const received = byRecipient(messages);
				expect(String(received.get('reader8@example.com')!.parsed.html)).toContain('Kernel &lt;Hackers&gt; &amp; Sons');
				expect(received.get('reader12@example.com')!.parsed.subject).toBe("What's new for Company 12, Tom {{plan}}");
				expect(received.get('reader5@example.com')!.parsed.subject).toBe("What's new for Company 5, friend");
			});

			test('outputs one "sent" result per item, paired with its input', () => {
				const items = outputItems(run, SEND_NODE);
				expect(items).toHaveLength(20);
				const received = byRecipient(messages);
				items.forEach((item, index) => {
					const email = String(recipients[index].email);
					expect(Object.keys(item.json).sort()).toEqual(SENT_KEYS);
					expect(item.json).toMatchObject({ success: true, type: 'sent', accepted: [email], rejected: [] });
					expect(item.json.response).toMatch(/^250 /);
					expect(item.json.messageId).toBe(received.get(email)!.parsed.messageId);
					expect(item.pairedItem).toEqual({ item: index });
				});
			});
		});

		test('Continue On Fail: the bad address yields a validation_failed item, the others are sent', async () => {
			const { run } = await cli.execute('mailshitE2eContinue');
			expect(run.status).toBe('success');
			const items = outputItems(run, SEND_NODE);
			expect(items).toHaveLength(4);
			expect(Object.keys(items[1].json).sort()).toEqual(VALIDATION_FAILED_KEYS);
			expect(items[1].json).toMatchObject({ success: false, type: 'validation_failed', field: '_to' });
			expect(items[1].json.error).toMatch(/not-an-address/);
			for (const index of [0, 2, 3]) expect(items[index].json).toMatchObject({ success: true, type: 'sent' });
			const messages = await continueSink.waitForMessages(3, 15_000);
			expect(messages.map((m) => m.envelope.to[0]).sort()).toEqual(['reader101@example.com', 'reader103@example.com', 'reader104@example.com']);
		});

		test('continue using error output: the bad address lands on the error branch, the others are sent', async () => {
			const { run } = await cli.execute('mailshitE2eErrorOutput');
			expect(run.status).toBe('success');
			const sent = outputItems(run, SEND_NODE, 0);
			const refused = outputItems(run, SEND_NODE, 1);
			expect(sent.map((item) => item.json.accepted)).toEqual([['reader101@example.com'], ['reader103@example.com'], ['reader104@example.com']]);
			expect(refused).toHaveLength(1);
			// n8n keeps `error` and `message` of an error-branch item, merged into the input item
			const failure = refused[0].json;
			expect(failure.email).toBe('not-an-address');
			expect(failure.error).toMatchObject({ success: false, type: 'validation_failed', field: '_to' });
			expect(failure.message).toBe((failure.error as { error: string }).error);
			expect(refused[0].pairedItem).toEqual({ item: 1 });
			// and the workflow went on down both branches
			expect(outputItems(run, 'Sent')).toHaveLength(3);
			expect(outputItems(run, 'Refused').map((item) => (item.json.error as { type: string }).type)).toEqual(['validation_failed']);
			const messages = await errorOutputSink.waitForMessages(3, 15_000);
			expect(messages).toHaveLength(3);
		});

		test('DKIM: newsletters signed through the installed package verify as pass, RSA and Ed25519', async () => {
			const { run } = await cli.execute(DKIM_WORKFLOW_ID);
			expect(run.status).toBe('success');
			const sent = await dkim!.messagesByNode();
			for (const [algorithm, signatureAlgorithm] of [['rsa', 'rsa-sha256'], ['ed25519', 'ed25519-sha256']] as const) {
				expect(outputItems(run, DKIM_NODES[algorithm]).map((item) => item.json.type)).toEqual(['sent', 'sent']);
				expect(sent[algorithm]).toHaveLength(2);
				for (const message of sent[algorithm]) {
					expect(await dkim!.verify(message)).toEqual([expect.objectContaining({ result: 'pass', signingDomain: DKIM_DOMAIN, algorithm: signatureAlgorithm, aligned: DKIM_DOMAIN })]);
				}
			}
		});

		describeRetryOnFail(() => ({ cli, fixtures: batch }));

		describe('`n8n start`, with the editor\u2019s REST API', () => {
			let rest: N8nRestClient;

			beforeAll(async () => {
				server = await startN8nServer({ install, userFolder, port: n8nPort, logFile: path.join(workDir, 'n8n-start.log') });
				rest = new N8nRestClient(server.baseUrl);
				expect(await rest.setupOwner(OWNER)).toBe(true);
				await rest.login(OWNER.email, OWNER.password);
			});

			test('registers the node (with its codex) and both credential types, the OAuth2 one as n8n OAuth2', async () => {
				const nodes = await rest.types<{ name: string; displayName: string; credentials?: Array<{ name: string }>; codex?: { categories?: string[]; alias?: string[] } }>('nodes');
				const node = nodes.find((n) => n.name === NODE_TYPE);
				expect(node).toMatchObject({
					displayName: 'mailshit SMTP',
					credentials: [expect.objectContaining({ name: CREDENTIAL_TYPE }), expect.objectContaining({ name: OAUTH2_CREDENTIAL_TYPE })],
				});
				// the codex gives the node panel its categories (Send and Wait: Human in the Loop) and search aliases
				expect(node?.codex).toMatchObject({
					categories: ['Communication', 'HITL'],
					subcategories: { HITL: ['Human in the Loop'] },
					alias: expect.arrayContaining(['SMTP', 'email', 'MJML', 'OAuth2']),
				});
				const credentials = await rest.types<{ name: string; displayName: string; extends?: string[] }>('credentials');
				expect(credentials.map((c) => c.name)).toContain(CREDENTIAL_TYPE);
				expect(credentials.find((c) => c.name === OAUTH2_CREDENTIAL_TYPE)).toMatchObject({ displayName: 'mailshit SMTP OAuth2 API', extends: ['oAuth2Api'] });
			});

			/** Save in the credential modal: create, then test with the form's data. */
			async function saveAndTest(name: string, port: number, overrides: Record<string, unknown> = {}) {
				const form = customSmtpCredential('', name, port, overrides);
				const stored = await rest.createCredential({ name: form.name, type: form.type, data: form.data });
				return rest.testCredential({ ...stored, data: form.data });
			}

			test('credential test: OK against the SMTP server, saying what it reached', async () => {
				const result = await saveAndTest('Sink', newsletterSink.port);
				expect(result.status).toBe('OK');
				expect(result.message.startsWith(`Connected to 127.0.0.1:${newsletterSink.port}`)).toBe(true);
			});

			test('credential test: OK with the right login on a server that requires AUTH', async () => {
				const result = await saveAndTest('Sink with login', authSink.port, { user: SINK_LOGIN.user, password: SINK_LOGIN.right });
				expect(result).toMatchObject({ status: 'OK', message: expect.stringContaining(`Connected to 127.0.0.1:${authSink.port}`) });
				expect(result.message).toContain(SINK_LOGIN.user);
				expect(result.message).not.toContain(SINK_LOGIN.right);
			});

			test('credential test: DKIM and the sender domain\u2019s records, looked up at the DNS server the credential names', async () => {
				const form = dkim!.credentials.ed25519;
				const stored = await rest.createCredential({ name: 'Sink (DKIM, saved)', type: form.type, data: form.data });
				const result = await rest.testCredential({ ...stored, data: form.data });
				expect(result.status).toBe('OK');
				expect(result.message).toContain(
					`DKIM: every message is signed for ${DKIM_DOMAIN} with selector ed (Ed25519). DKIM record at ed._domainkey.${DKIM_DOMAIN} matches the private key. SPF record found for ${DKIM_DOMAIN}. DMARC record found at _dmarc.${DKIM_DOMAIN} (p=reject).`,
				);
			});

			test('credential test: a closed port gets the "connection refused" hint', async () => {
				const port = await closedPort();
				const result = await saveAndTest('Closed port', port);
				expect(result.status).toBe('Error');
				expect(result.message).toContain(`Connection refused by 127.0.0.1:${port}`);
			});

			test('credential test: a wrong password gets the "authentication failed" hint, without the password', async () => {
				const result = await saveAndTest('Wrong password', authSink.port, { user: SINK_LOGIN.user, password: SINK_LOGIN.wrong });
				expect(result.status).toBe('Error');
				expect(result.message).toContain('Authentication failed for user');
				expect(result.message).not.toContain(SINK_LOGIN.wrong);
			});

			describeOAuth2OnN8n(major, () => ({ rest, fixtures: oauth2!, passwordSinkPort: newsletterSink.port }));
			describeSendAndWait(() => ({ install, rest, sink: waitSink }));
			describeStop(major, () => ({ rest, fixtures: batch }));

			test('n8n logged no error or warning about the package', () => {
				const problems = [
					...packageProblems('n8n CLI', cli.transcriptText()),
					...packageProblems('n8n start', server!.logText()),
				];
				const others = otherWarnings(server!.logText()).map((line) => line.slice(0, 240));
				if (others.length) console.log(`n8n ${install.version} warnings not about ${PACKAGE_NAME} (not judged):\n${others.join('\n')}`);
				expect(problems).toEqual([]);
				// installed as Community Nodes installs it: not one npm warning (npm run check:pack checks a plain install too)
				expect(npmComplaints(npmOutput)).toEqual([]);
			});
		});
	});
}
