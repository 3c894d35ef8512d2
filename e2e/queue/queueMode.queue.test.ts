/**
 * mailshit SMTP on n8n's queue mode (`npm run test:queue`): a private Redis and PostgreSQL, one
 * `n8n start` (EXECUTIONS_MODE=queue) and two `n8n worker --concurrency=5`, each with its own
 * user folder and its own install of the packed package, all on 127.0.0.1. Then what users do:
 * a production webhook receiving recipient lists and a file, 10,000 emails, the editor's
 * credential test and "Execute workflow" (offloaded to the workers), and a worker killed
 * mid-run, recovered from the node's Sent Log File without sending anyone the email twice.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { IDataObject } from 'n8n-workflow';
import { n8nInstall } from '../n8n-versions';
import { PACKAGE_NAME, packedTarball } from '../harness/communityPackage';
import { NODE_TYPE, TRIGGER_NAME } from '../harness/fixtures';
import { otherWarnings, packageProblems } from '../harness/logScan';
import { N8nRestClient, type ExecutionSummary, type StoredCredential } from '../harness/n8nRest';
import { killGroup } from '../harness/processes';
import { startQueueCluster, type QueueCluster, type QueueWorker } from './cluster';
import { arrivalsByRecipient, executionsStartedBy, readSentLog, loggedSendsIn, settledExecutions, storedRun, traceOf } from './evidence';
import { startPostgres, type PrivatePostgres } from './postgres';
import { SUITE_ONLY_ENV, WORKER_CONCURRENCY, WORKER_COUNT } from './queueEnv';
import { startRedis, type PrivateRedis } from './redis';
import { startSinkProcess, type SinkClient } from './sinkClient';
import { ATTACHMENT, batchRecipients, createActiveWorkflow, customSmtpCredential, manualWorkflow, postBatch, waitForWebhook, webhookWorkflow } from './workload';

const install = n8nInstall(2)!;
const OWNER = { email: 'queue@mailshit.test', password: 'E2e-queue-1', firstName: 'Queue', lastName: 'Mode' };
const MAX_CONNECTIONS = 3;
const BATCHES = 20;
const BATCH_SIZE = 500;
const REPORT_WORKFLOW = path.resolve(__dirname, '..', '..', 'examples', 'queue-mode', 'sent-log-report.workflow.json');

const emailsOf = (rows: IDataObject[]) => rows.map((row) => String(row.email));

describe(`mailshit SMTP on n8n ${install.version} in queue mode: Redis, PostgreSQL, a main and ${WORKER_COUNT} workers`, () => {
	let workDir: string;
	let sentLogFile: string;
	let redis: PrivateRedis | undefined;
	let postgres: PrivatePostgres | undefined;
	let sink: SinkClient | undefined;
	let cluster: QueueCluster | undefined;
	let rest: N8nRestClient;
	let credential: StoredCredential;
	let webhookWorkflowId: string;
	const started = Date.now();
	const log = (line: string) => console.log(`[queue ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
	// a few recipients whose whole message the sink keeps, to read it as a mail client would
	const sampled = ['news0-0@example.com', 'news7-250@example.com', `news${BATCHES - 1}-${BATCH_SIZE - 1}@example.com`];

	beforeAll(async () => {
		if (!install.installed) throw new Error(`n8n ${install.version} is not installed: run \`npx tsx e2e/install-n8n.ts 2\``);
		const tarball = packedTarball('test:queue');
		workDir = mkdtempSync(path.join(tmpdir(), 'mailshit-queue-'));
		// the folder n8n may write to (N8N_RESTRICT_FILE_ACCESS_TO): one every instance shares,
		// as a volume mounted on every worker would be
		const files = path.join(workDir, 'files');
		mkdirSync(files);
		sentLogFile = path.join(files, 'mailshit-sent.jsonl');

		[redis, postgres, sink] = await Promise.all([startRedis(), startPostgres(), startSinkProcess({ keep: sampled })]);
		log(`Redis on ${redis.port}, PostgreSQL on ${postgres.port}, SMTP sink on ${sink.port}`);
		cluster = await startQueueCluster({
			install,
			tarball,
			workDir,
			redis,
			postgres,
			workers: WORKER_COUNT,
			concurrency: WORKER_CONCURRENCY,
			extraEnv: { N8N_RESTRICT_FILE_ACCESS_TO: files, ...SUITE_ONLY_ENV },
			log,
		});
		rest = new N8nRestClient(cluster.main.baseUrl);
		expect(await rest.setupOwner(OWNER)).toBe(true);
		await rest.login(OWNER.email, OWNER.password);
		const form = customSmtpCredential('', 'SMTP sink', sink.port);
		credential = await rest.createCredential({ name: form.name, type: form.type, data: form.data });
		webhookWorkflowId = await createActiveWorkflow(rest, webhookWorkflow(credential, { maxConnections: MAX_CONNECTIONS, sentLogFile }));
		await waitForWebhook(cluster.main.baseUrl);
		log('newsletter webhook is live');
	});

	afterAll(async () => {
		await cluster?.stop();
		await Promise.all([redis?.stop(), postgres?.stop(), sink?.stop()]);
		if (!workDir) return;
		if (process.env.MAILSHIT_E2E_KEEP) console.log(`queue suite: kept ${workDir} (MAILSHIT_E2E_KEEP)`);
		else rmSync(workDir, { recursive: true, force: true });
		log('done');
	});

	describe('the package on every instance', () => {
		test('main registered the node and the credential type (the editor sees them)', async () => {
			const nodes = await rest.types<{ name: string }>('nodes');
			expect(nodes.map((node) => node.name)).toContain(NODE_TYPE);
		});

		test('the credential test runs on main and reaches the SMTP server', async () => {
			const form = customSmtpCredential('', 'SMTP sink', sink!.port);
			const result = await rest.testCredential({ ...credential, data: form.data });
			expect(result.status).toBe('OK');
			expect(result.message.startsWith(`Connected to 127.0.0.1:${sink!.port}`)).toBe(true);
		});
	});

	describe('"Execute workflow" in the editor, offloaded to a worker', () => {
		const rows = batchRecipients('manual', 0, 5);
		let executionId: string;

		beforeAll(async () => {
			await sink!.reset();
			const created = await rest.createWorkflow({ ...manualWorkflow(credential, rows, { maxConnections: MAX_CONNECTIONS }), active: undefined });
			executionId = await rest.runWorkflow(2, created.id, TRIGGER_NAME);
			await settledExecutions(rest, created.id, 1, 120_000);
		});

		test('succeeds and delivers', async () => {
			expect((await rest.getExecution(executionId)).status).toBe('success');
			const arrived = arrivalsByRecipient(await sink!.records());
			expect([...arrived.keys()].sort()).toEqual(emailsOf(rows).sort());
		});

		test('main queued it and a worker ran it', () => {
			expect(cluster!.main.logText()).toContain(`Enqueued execution ${executionId} `);
			const ranBy = cluster!.workers.filter((worker) => executionsStartedBy(worker.logText()).has(executionId));
			expect(ranBy).toHaveLength(1);
		});
	});

	describe(`${(BATCHES * BATCH_SIZE).toLocaleString('en')} emails: ${BATCHES} concurrent webhook calls of ${BATCH_SIZE} recipients`, () => {
		const batches = Array.from({ length: BATCHES }, (_, batch) => batchRecipients('news', batch, BATCH_SIZE));
		const expected = batches.flatMap(emailsOf);
		let executions: ExecutionSummary[];
		let arrived: Map<string, number>;
		let seconds: number;

		beforeAll(async () => {
			await sink!.reset();
			const start = Date.now();
			await Promise.all(batches.map((rows) => postBatch(cluster!.main.baseUrl, rows)));
			await sink!.waitFor(expected.length, 10 * 60_000);
			executions = await settledExecutions(rest, webhookWorkflowId, BATCHES, 120_000);
			seconds = (Date.now() - start) / 1000;
			arrived = arrivalsByRecipient(await sink!.records());
			log(`${expected.length} emails in ${seconds.toFixed(1)} s (${Math.round(expected.length / seconds)} messages/s, peak ${(await sink!.stats()).maxOpen} SMTP sessions)`);
		}, 12 * 60_000);

		test(`all ${BATCHES} executions succeeded`, () => {
			expect(executions.map((execution) => execution.status)).toEqual(Array(BATCHES).fill('success'));
		});

		test('every recipient received exactly one message', () => {
			expect(arrived.size).toBe(expected.length);
			expect(expected.filter((email) => arrived.get(email) !== 1)).toEqual([]);
		});

		test("each is the MJML newsletter, personalised, with the request's PDF attached", async () => {
			const raw = await sink!.raw(sampled);
			for (const email of sampled) {
				const message = await simpleParser(raw[email]!);
				const [, batch, n] = /^news(\d+)-(\d+)@/.exec(email)!;
				const row = batches[Number(batch)][Number(n)];
				expect(message.subject).toBe(`What's new for ${row.company}, ${row.first_name}`);
				expect(String(message.html)).toMatch(/^<!doctype html>/i);
				expect(String(message.html)).toContain(`Hi ${row.first_name}, here is what changed for ${row.company}`);
				expect(message.attachments.map((a) => [a.filename, a.contentType])).toEqual([[ATTACHMENT.name, ATTACHMENT.type]]);
				expect(message.attachments[0].content.equals(ATTACHMENT.bytes)).toBe(true);
			}
		});

		test('the executions ran on both workers (each worker logs the executions it starts, and the messages it sent)', () => {
			const ids = executions.map((execution) => execution.id).sort();
			const byWorker = cluster!.workers.map((worker) => [...executionsStartedBy(worker.logText())].filter((id) => ids.includes(id)));
			log(`executions per worker: ${byWorker.map((list, i) => `${cluster!.workers[i].name} ${list.length}`).join(', ')}`);
			for (const list of byWorker) expect(list.length).toBeGreaterThan(0);
			expect(byWorker.flat().sort()).toEqual(ids);
			// and each worker's own log holds the node's "sent" lines of its executions, and only those
			cluster!.workers.forEach((worker, i) => {
				const logged = loggedSendsIn(worker.logText()).filter((line) => ids.includes(line.executionId));
				expect(new Set(logged.map((line) => line.executionId))).toEqual(new Set(byWorker[i]));
				expect(logged.length).toBe(byWorker[i].length * BATCH_SIZE);
			});
		});

		test(`peak concurrent SMTP sessions stay within workers × concurrency × Max Connections (${WORKER_COUNT * WORKER_CONCURRENCY * MAX_CONNECTIONS})`, async () => {
			const { maxOpen } = await sink!.stats();
			expect(maxOpen).toBeLessThanOrEqual(WORKER_COUNT * WORKER_CONCURRENCY * MAX_CONNECTIONS);
			// more than one worker's worth: both pools were open at once
			expect(maxOpen).toBeGreaterThan(WORKER_CONCURRENCY * MAX_CONNECTIONS);
		});
	});

	describe('a worker is killed (SIGKILL) in the middle of a run', () => {
		const batches = Array.from({ length: 10 }, (_, batch) => batchRecipients('kill', batch, 100));
		const everyone = batches.flat();
		let victim: QueueWorker;
		let victimExecutions: string[];
		let executions: ExecutionSummary[];
		let before: number;

		beforeAll(async () => {
			await sink!.reset();
			before = (await rest.listExecutions(webhookWorkflowId)).length;
			// from the 300th message on the server holds its replies: sessions of both workers wait
			// with a message delivered and unconfirmed, the moment a crash is most costly
			await sink!.holdFrom(300);
			await Promise.all(batches.map((rows) => postBatch(cluster!.main.baseUrl, rows)));
			await sink!.waitFor(300, 5 * 60_000);
			// the victim: the worker that sent the first held message (its execution, in the trace)
			const held = (await sink!.records())[299].messageId;
			const heldExecution = readSentLog(sentLogFile).find((record) => record.event === 'sending' && record.messageId === held)!.executionId;
			victim = cluster!.workers.find((worker) => executionsStartedBy(worker.logText()).has(heldExecution))!;
			killGroup(victim.process.pid, 'SIGKILL');
			await victim.process.exited;
			const killedAt = Date.now();
			await sink!.release();
			// newest first: this run's executions, and of those the ones the victim had started
			executions = (await settledExecutions(rest, webhookWorkflowId, before + batches.length, 3 * 60_000)).slice(0, batches.length);
			const startedByVictim = executionsStartedBy(victim.logText());
			victimExecutions = executions.map((execution) => execution.id).filter((id) => startedByVictim.has(id));
			log(`killed ${victim.name} running executions ${victimExecutions.join(', ')}; n8n marked them ${((Date.now() - killedAt) / 1000).toFixed(1)} s later`);
		}, 10 * 60_000);

		test("n8n ends the killed worker's executions as error, does not retry them, and sends nothing twice", async () => {
			expect(victimExecutions.length).toBeGreaterThan(0);
			for (const execution of executions) {
				expect([execution.id, execution.status]).toEqual([execution.id, victimExecutions.includes(execution.id) ? 'error' : 'success']);
			}
			for (const id of victimExecutions) expect((await storedRun(rest, id)).error).toMatch(/failed to be processed too many times and will no longer retry/);
			// no new execution appeared (no retry), and nobody got the email twice
			expect(await rest.listExecutions(webhookWorkflowId)).toHaveLength(before + batches.length);
			expect([...arrivalsByRecipient(await sink!.records()).values()].every((count) => count === 1)).toBe(true);
		});

		test("n8n's stored execution has no run data at all: it cannot tell who got the email", async () => {
			for (const id of victimExecutions) expect((await storedRun(rest, id)).nodesWithData).toEqual([]);
		});

		test('the Sent Log File can: every message that arrived is recorded as sent or in flight, every "sent" arrived', async () => {
			const arrived = arrivalsByRecipient(await sink!.records());
			const records = readSentLog(sentLogFile);
			let deliveredUnconfirmed = 0;
			for (const id of victimExecutions) {
				const { sent, inFlight } = traceOf(records, id);
				const batch = batches.find((rows) => emailsOf(rows).some((email) => sent.has(email) || inFlight.has(email)));
				const delivered = emailsOf(batch ?? []).filter((email) => arrived.has(email));
				expect([...sent].filter((email) => !arrived.has(email))).toEqual([]);
				expect(delivered.filter((email) => !sent.has(email) && !inFlight.has(email))).toEqual([]);
				// the node holds at most twice Max Connections messages at once: that is all a crash can leave unconfirmed
				expect(inFlight.size).toBeLessThanOrEqual(2 * MAX_CONNECTIONS);
				deliveredUnconfirmed += delivered.filter((email) => inFlight.has(email)).length;
			}
			// the held replies: delivered, never confirmed to the dead worker, and still in the trace
			expect(deliveredUnconfirmed).toBeGreaterThan(0);
		});

		test("the killed worker's n8n log has a line for every message the file records as sent", () => {
			const records = readSentLog(sentLogFile);
			for (const id of victimExecutions) {
				const inFile = records.filter((record) => record.executionId === id && record.event === 'sent').map((record) => record.messageId);
				const inLog = loggedSendsIn(victim.logText()).filter((line) => line.executionId === id).map((line) => line.messageId);
				expect(inLog.sort()).toEqual(inFile.sort());
			}
		});

		test('recovery: the report workflow lists who has it; re-sending the rest gives everyone exactly one message', async () => {
			const report = JSON.parse(readFileSync(REPORT_WORKFLOW, 'utf8')) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
			report.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile')!.parameters.fileSelector = sentLogFile;
			await createActiveWorkflow(rest, report);
			await waitForWebhook(cluster!.main.baseUrl, 'mailshit-sent-log');
			const response = await fetch(`${cluster!.main.baseUrl}/webhook/mailshit-sent-log`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ recipients: everyone }),
				signal: AbortSignal.timeout(60_000),
			});
			const answer = (await response.json()) as { sent: string[]; unconfirmed: Array<{ email: string; messageId: string; row: IDataObject }>; resend: IDataObject[] };
			expect(answer.sent.length + answer.unconfirmed.length + answer.resend.length).toBe(everyone.length);
			// an unconfirmed message is looked up by its Message-ID in the server's log: here, the sink's
			const arrivedIds = new Set((await sink!.records()).map((record) => record.messageId));
			const resend = [...answer.resend, ...answer.unconfirmed.filter((entry) => !arrivedIds.has(entry.messageId)).map((entry) => entry.row)];
			log(`report: ${answer.sent.length} sent, ${answer.unconfirmed.length} unconfirmed, ${answer.resend.length} to resend; resending ${resend.length}`);
			expect(resend.length).toBeGreaterThan(0);

			await postBatch(cluster!.main.baseUrl, resend);
			await sink!.waitFor(everyone.length, 5 * 60_000);
			const arrived = arrivalsByRecipient(await sink!.records());
			expect(emailsOf(everyone).filter((email) => arrived.get(email) !== 1)).toEqual([]);
			expect(arrived.size).toBe(everyone.length);
		});
	});

	test('no instance logged an error or warning about the package', () => {
		const sources = [{ name: 'main', text: cluster!.main.logText() }, ...cluster!.workers.map((worker) => ({ name: worker.name, text: worker.logText() }))];
		const problems = sources.flatMap((source) => packageProblems(source.name, source.text));
		const others = sources.flatMap((source) => otherWarnings(source.text).map((line) => `${source.name}: ${line.slice(0, 200)}`));
		if (others.length) console.log(`warnings not about ${PACKAGE_NAME} (not judged):\n${[...new Set(others)].join('\n')}`);
		expect(problems).toEqual([]);
		expect(cluster!.npmOutput).not.toMatch(/npm (error|ERR!)/);
	});
});
