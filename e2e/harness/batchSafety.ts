/**
 * The safety of a batch in a real n8n: the editor's Stop through the REST API, the workflow
 * timeout, and Retry On Fail, each counted at a real SMTP server. Called by suite.ts inside its
 * `n8n start` block (Stop and the timeout need a running server; Retry On Fail runs by the CLI).
 */
import type { ReceivedMessage, SmtpSink } from '../../test/helpers/smtpSink';
import { faultTable } from '../../test/helpers/sinkFaults';
import { startSmtpSink } from '../../test/helpers/smtpSink';
import type { N8nMajor } from '../n8n-versions';
import { customSmtpCredential, mailshitNode, numberedItemsNode, sendWorkflow, TRIGGER_NAME, type WorkflowFixture } from './fixtures';
import type { CredentialImport, N8nCli } from './n8nCli';
import type { N8nRestClient } from './n8nRest';

const SEND_NODE = 'mailshit SMTP';
const MAX_CONNECTIONS = 3;
const BATCH = 2000;
/**
 * The workflow timeout: long enough that the Code node (task runner start-up included) is done
 * on a loaded machine — at 4 s it once fired before the first email — and far below the 40 s
 * the batch takes at 50/s.
 */
const TIMEOUT_SECONDS = 10;

const numbered = (options: Record<string, unknown>) => ({
	operation: 'send',
	toEmail: '={{ $json.email }}',
	subject: 'Message {{n}}',
	templateFormat: 'text',
	template: 'Number {{n}}',
	options,
});

interface BatchSafetyFixtures {
	credentials: CredentialImport[];
	workflows: WorkflowFixture[];
	sinks: SmtpSink[];
}

/** Sinks, credentials and workflows, for the suite's import before n8n starts. */
export async function batchSafetyFixtures(): Promise<BatchSafetyFixtures & { stopSink: SmtpSink; timeoutSink: SmtpSink; retrySink: SmtpSink }> {
	const stopSink = await startSmtpSink();
	const timeoutSink = await startSmtpSink();
	// item 20 is refused on the node's first try and accepted on its second
	const retrySink = await startSmtpSink({ faults: faultTable({ 'r20@example.com': ['reject550'] }) });
	const credentials = {
		stop: customSmtpCredential('mailshitE2eStop', 'Sink (stop)', stopSink.port),
		timeout: customSmtpCredential('mailshitE2eTimeout', 'Sink (timeout)', timeoutSink.port),
		retry: customSmtpCredential('mailshitE2eRetry', 'Sink (retry on fail)', retrySink.port),
	};
	const paced = numbered({ messagesPerSecond: 50, maxConnections: MAX_CONNECTIONS });
	const timeoutWorkflow = sendWorkflow('mailshitE2eTimeout', `mailshit e2e: 2,000 with a ${TIMEOUT_SECONDS} s timeout`, numberedItemsNode('Items', BATCH), mailshitNode(SEND_NODE, credentials.timeout, paced));
	timeoutWorkflow.settings.executionTimeout = TIMEOUT_SECONDS;
	const retryNode = { ...mailshitNode(SEND_NODE, credentials.retry, numbered({})), retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };
	return {
		stopSink,
		timeoutSink,
		retrySink,
		sinks: [stopSink, timeoutSink, retrySink],
		credentials: Object.values(credentials),
		workflows: [
			sendWorkflow('mailshitE2eStop', 'mailshit e2e: 2,000 at 50 per second', numberedItemsNode('Items', BATCH), mailshitNode(SEND_NODE, credentials.stop, paced)),
			timeoutWorkflow,
			sendWorkflow('mailshitE2eRetryOnFail', 'mailshit e2e: retry on fail', numberedItemsNode('Items', 50), retryNode),
		],
	};
}

function arrivedAfter(messages: ReceivedMessage[], time: number): number {
	return messages.filter((message) => message.receivedAt > time).length;
}

type Fixtures = Awaited<ReturnType<typeof batchSafetyFixtures>>;

/** Stop and the workflow timeout: inside the suite's `n8n start` block. */
export function describeStop(major: N8nMajor, context: () => { rest: N8nRestClient; fixtures: Fixtures }): void {
	describe('a stopped batch', () => {
		test(`Stop (REST) after ~100 of ${BATCH} at 50/s: at most Max Connections more arrive, the pool closes`, async () => {
			const { rest, fixtures } = context();
			const sink = fixtures.stopSink;
			const executionId = await rest.runWorkflow(major, 'mailshitE2eStop', TRIGGER_NAME);
			await sink.waitForMessages(100, 60_000);
			await rest.stopExecution(executionId);
			const atReturn = sink.messages.length;
			// the pool is closed once the node has let its messages in flight finish
			await sink.waitForIdle(30_000);
			console.log(`n8n ${major}: Stop returned with ${atReturn} of ${BATCH} arrived; ${sink.messages.length} in all once the pool closed`);
			expect(sink.messages.length - atReturn).toBeLessThanOrEqual(MAX_CONNECTIONS);
			expect(sink.messages.length).toBeLessThan(200);
			expect((await rest.waitForExecution(executionId, 60_000)).status).toBe('canceled');
			expect([...sink.arrivalsByMessageId().values()].every((count) => count === 1)).toBe(true);
		});

		test(`the workflow timeout (${TIMEOUT_SECONDS} s) stops ${BATCH} at 50/s the same way`, async () => {
			const { rest, fixtures } = context();
			const sink = fixtures.timeoutSink;
			const executionId = await rest.runWorkflow(major, 'mailshitE2eTimeout', TRIGGER_NAME);
			await sink.waitForMessages(1, 60_000);
			await sink.waitForIdle(60_000);
			const execution = await rest.waitForExecution(executionId, 60_000);
			expect(execution.status).toBe('canceled');
			const stoppedAt = Date.parse(String(execution.stoppedAt));
			console.log(`n8n ${major}: the ${TIMEOUT_SECONDS} s timeout stopped ${BATCH} at ${sink.messages.length} arrived, ${arrivedAfter(sink.messages, stoppedAt)} after n8n's stoppedAt`);
			expect(arrivedAfter(sink.messages, stoppedAt)).toBeLessThanOrEqual(MAX_CONNECTIONS);
			expect(sink.messages.length).toBeGreaterThan(0);
			expect(sink.messages.length).toBeLessThan(TIMEOUT_SECONDS * 50 + MAX_CONNECTIONS);
		});

	});
}

/** Retry On Fail, run by `n8n execute` (before `n8n start` holds the database). */
export function describeRetryOnFail(context: () => { cli: N8nCli; fixtures: Fixtures }): void {
	describe('Retry On Fail', () => {
		test('Retry On Fail (2 tries): item 20 refused once, every recipient gets exactly one message, 50 results', async () => {
			const { cli, fixtures } = context();
			const sink = fixtures.retrySink;
			const { run } = await cli.execute('mailshitE2eRetryOnFail');
			expect(run.status).toBe('success');
			const items = run.data.resultData.runData[SEND_NODE][0].data!.main[0]!;
			expect(items).toHaveLength(50);
			expect(items.every((item) => item.json.type === 'sent')).toBe(true);
			await sink.waitForIdle(30_000);
			const perRecipient = new Map<string, number>();
			for (const message of sink.messages) perRecipient.set(message.envelope.to[0], (perRecipient.get(message.envelope.to[0]) ?? 0) + 1);
			expect(perRecipient.size).toBe(50);
			expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
			expect(sink.rcptAttempts.get('r20@example.com')).toBe(2);
		});
	});
}
