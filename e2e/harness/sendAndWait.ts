/**
 * Send and Wait for Response in a real n8n (`n8n start`, driven through the editor's REST API):
 * workflows Manual Trigger → Request (Code) → mailshit SMTP (Send and Wait) → After (No Op), run
 * from the editor's "Execute workflow", the email read back from a real SMTP server, its links
 * followed over HTTP exactly as they arrived, and the execution read back from n8n.
 *
 *   sendAndWaitFixtures(port)   credentials and workflows, imported with the suite's CLI import
 *   describeSendAndWait(ctx)    the tests, inside the suite's `n8n start` block
 */
import { parse as parseFlatted } from 'flatted';
import type { ReceivedMessage, SmtpSink } from '../../test/helpers/smtpSink';
import type { N8nInstall } from '../n8n-versions';
import { codeNode, customSmtpCredential, mailshitNode, noOpNode, sendWorkflow, TRIGGER_NAME, type WorkflowFixture } from './fixtures';
import type { CredentialImport } from './n8nCli';
import type { N8nRestClient } from './n8nRest';
import { waitUntil } from './processes';

export const WAIT_NODE = 'Ask';
const AFTER_NODE = 'After';
/** An ordinary browser: the one kind of client that answers with a single click. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
/** How long the timeout workflow waits, from the moment its email is sent. */
const TIMEOUT_SECONDS = 15;
/** n8n's wait tracker looks for due executions every 60 s: the limit plus one look, plus margin. */
const TIMEOUT_RESUME_MS = (TIMEOUT_SECONDS + 60 + 45) * 1000;

export const REQUEST = { email: 'approver@example.com', name: 'Ada', expense: { id: 'EX-42', amount: 120 } };

const MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hi {{name}}, expense {{expense.id}} over {{expense.amount}} EUR waits for you.</mj-text>
        {{_answer}}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const FORM_FIELDS = JSON.stringify([
	{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
	{ fieldLabel: 'Cost centre', fieldName: 'costCentre', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'Sales' }, { option: 'R&D' }] } },
]);

/** A Send and Wait workflow: Manual Trigger → Request → Ask (mailshit SMTP) → After. */
export interface WaitWorkflowSpec {
	id: string;
	subject: string;
	/** Node parameters beyond To, Subject and the MJML template. */
	parameters: Record<string, unknown>;
	request?: Record<string, unknown>;
	template?: string;
}

/** Fixed node ids: the resume links end in the node's id. */
export const waitNodeId = (index: number) => `5e4d0000-0000-4000-8000-${String(index).padStart(12, '0')}`;

export function waitWorkflows(credential: CredentialImport, specs: readonly WaitWorkflowSpec[]): WorkflowFixture[] {
	return specs.map(({ id, subject, parameters, request = REQUEST, template = MJML }, index) =>
		sendWorkflow(
			id,
			`mailshit e2e: send and wait (${id})`,
			codeNode('Request', [request]),
			{ ...mailshitNode(WAIT_NODE, credential, { operation: 'sendAndWait', toEmail: '={{ $json.email }}', subject, template, ...parameters }), id: waitNodeId(index) },
			[noOpNode(AFTER_NODE)],
		),
	);
}

/** The limit of a workflow that is meant to run out: an expression, evaluated when the email is sent. */
export const limitInSeconds = (seconds: number) => ({
	limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: `={{ $now.plus({ seconds: ${seconds} }).toISO() }}` } },
});

const SPECS = {
	approval: { id: 'mailshitE2eApproval', subject: 'Approve {{expense.id}}', parameters: { approvalOptions: { values: { approvalType: 'double' } } } },
	freeText: { id: 'mailshitE2eFreeText', subject: 'Tell us about {{expense.id}}', parameters: { responseType: 'freeText', options: { responseFormTitle: '={{ "Expense " + $json.expense.id }}' } } },
	customForm: { id: 'mailshitE2eCustomForm', subject: 'Fill in {{expense.id}}', parameters: { responseType: 'customForm', defineForm: 'json', jsonOutput: FORM_FIELDS } },
	timeout: { id: 'mailshitE2eWaitLimit', subject: 'Quick {{expense.id}}', parameters: { options: limitInSeconds(TIMEOUT_SECONDS) } },
} satisfies Record<string, WaitWorkflowSpec>;

type Kind = keyof typeof SPECS;

export function sendAndWaitFixtures(sinkPort: number): { credentials: CredentialImport[]; workflows: WorkflowFixture[] } {
	const credential = customSmtpCredential('mailshitE2eWait', 'Sink (send and wait)', sinkPort);
	return { credentials: [credential], workflows: waitWorkflows(credential, Object.values(SPECS)) };
}

type Item = { json: Record<string, unknown>; pairedItem?: unknown };

interface ExecutionRecord {
	id: string;
	status: string;
	finished: boolean;
	waitTill?: string | null;
	data: string;
}

export interface WaitContext {
	install: N8nInstall;
	rest: N8nRestClient;
}

/** The run data n8n stores with an execution (as `flatted` text, both majors). */
interface StoredRun {
	resultData: { runData: Record<string, Array<{ data?: { main: Item[][] } }>>; lastNodeExecuted?: string; error?: { message?: string; description?: string } };
}

/** The error an ended execution stored, for a failure message that says why it did not wait. */
function runError(record: ExecutionRecord): string {
	return JSON.stringify((parseFlatted(record.data) as StoredRun).resultData.error ?? 'no error stored');
}

/** The hrefs of an email's resume links, exactly as sent (HTML entities undone). */
export function resumeLinks(html: string): string[] {
	return [...html.matchAll(/href="([^"]*\/webhook-waiting\/[^"]*)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

export async function follow(link: string, init: RequestInit & { userAgent?: string } = {}) {
	const { userAgent = BROWSER_UA, ...rest } = init;
	const headers: Record<string, string> = userAgent ? { 'user-agent': userAgent } : {};
	const response = await fetch(link, { ...rest, headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
	return { status: response.status, body: await response.text() };
}

function multipart(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
}

/** One execution of a Send and Wait workflow, started as "Execute workflow" does it, read back through REST. */
export class WaitingRun {
	constructor(
		private readonly ctx: WaitContext,
		readonly executionId: string,
	) {}

	/** Starts the workflow and returns once n8n reports the execution waiting. */
	static async start(ctx: WaitContext, workflowId: string): Promise<WaitingRun> {
		const run = new WaitingRun(ctx, await ctx.rest.runWorkflow(ctx.install.major, workflowId, TRIGGER_NAME));
		const record = await run.until((r) => r.status !== 'running' && r.status !== 'new', 'to wait');
		if (record.status !== 'waiting') throw new Error(`execution ${run.executionId} ended ${record.status} instead of waiting: ${runError(record)}`);
		return run;
	}

	async record(): Promise<ExecutionRecord> {
		return this.ctx.rest.request<ExecutionRecord>('GET', `/executions/${this.executionId}`);
	}

	async until(done: (record: ExecutionRecord) => boolean, what: string, timeoutMs = 60_000): Promise<ExecutionRecord> {
		return waitUntil(async () => {
			const record = await this.record();
			return done(record) ? record : false;
		}, `execution ${this.executionId} ${what}`, timeoutMs, 500);
	}

	async finished(timeoutMs?: number): Promise<{ record: ExecutionRecord; output: Item[]; after: Item[] }> {
		const record = await this.until((r) => r.status !== 'waiting' && r.status !== 'running' && r.status !== 'new', 'to finish', timeoutMs);
		const data = parseFlatted(record.data) as StoredRun;
		const outputOf = (node: string) => data.resultData.runData[node]?.[0]?.data?.main[0] ?? [];
		return { record, output: outputOf(WAIT_NODE), after: outputOf(AFTER_NODE) };
	}
}

/** A run and the email it sent (read from the sink, in the order the runs were started). */
async function startWithEmail(context: WaitContext & { sink: SmtpSink }, kind: Kind): Promise<{ run: WaitingRun; message: ReceivedMessage; links: string[] }> {
	const before = context.sink.messages.length;
	const run = await WaitingRun.start(context, SPECS[kind].id);
	const message = (await context.sink.waitForMessages(before + 1, 60_000))[before];
	return { run, message, links: resumeLinks(String(message.parsed.html)) };
}

export function describeSendAndWait(context: () => WaitContext & { sink: SmtpSink }): void {
	describe('Send and Wait for Response', () => {
		let timeoutRun: Awaited<ReturnType<typeof startWithEmail>>;

		beforeAll(async () => {
			// started first: n8n's wait tracker takes up to a minute to notice the limit has passed
			timeoutRun = await startWithEmail(context(), 'timeout');
		});

		test('Approve in a browser: the execution was waiting, resumes with approved: true and goes on', async () => {
			const { run, message, links } = await startWithEmail(context(), 'approval');
			expect(message.parsed.subject).toBe('Approve EX-42');
			const [approve, decline] = links;
			expect(approve).toMatch(new RegExp(`/webhook-waiting/${run.executionId}/${waitNodeId(0)}\\?approved=true&signature=[0-9a-f]{64}$`));
			expect(decline).toContain('approved=false');

			// a link scanner's fetch is shown a button, not counted as an answer
			for (const userAgent of ['curl/8.5.0', 'Mozilla/5.0 (compatible; Microsoft Office/16.0; SafeLinks)', '']) {
				const scanned = await follow(approve, { userAgent });
				expect(scanned.status).toBe(200);
				expect(scanned.body).toContain('Confirm your answer');
			}
			// a tampered link (the answer changed) and an unsigned one are refused by n8n
			const tampered = await follow(approve.replace('approved=true', 'approved=false'));
			const unsigned = await follow(approve.replace(/&signature=[0-9a-f]+$/, ''));
			for (const refused of [tampered, unsigned]) {
				expect(refused.status).toBe(401);
				expect(refused.body).toMatch(context().install.major === 1 ? /Invalid token/ : /Invalid Form Link/);
			}
			expect((await run.record()).status).toBe('waiting');

			const approved = await follow(approve);
			expect(approved.status).toBe(200);
			expect(approved.body).toContain('You chose: <strong>Approve</strong>.');
			const { record, output, after } = await run.finished();
			expect(record.status).toBe('success');
			expect(output).toEqual([{ json: { data: { approved: true, respondedAt: expect.any(String) } }, pairedItem: { item: 0 } }]);
			expect(after.map((item) => item.json)).toEqual(output.map((item) => item.json));

			// the link used again, and the other button, after the execution finished: n8n's own page
			for (const again of [approve, decline]) {
				const reused = await follow(again);
				expect(reused.status).toBe(200);
				expect(reused.body).toContain('No action required');
			}
		});

		test('Decline: the execution resumes with approved: false', async () => {
			const { run, links } = await startWithEmail(context(), 'approval');
			const declined = await follow(links[1]);
			expect(declined.body).toContain('You chose: <strong>Decline</strong>.');
			const { output } = await run.finished();
			expect(output.map((item) => item.json)).toEqual([{ data: { approved: false, respondedAt: expect.any(String) } }]);
		});

		test('Free Text: the link opens our form (the execution keeps waiting); posting it resumes with the text', async () => {
			const { run, links } = await startWithEmail(context(), 'freeText');
			const [respond] = links;
			const page = await follow(respond);
			expect(page.status).toBe(200);
			expect(page.body).toContain('<h1>Expense EX-42</h1>');
			expect(page.body).toContain('enctype="multipart/form-data"');
			expect((await run.record()).status).toBe('waiting');

			const refused = await follow(respond, { method: 'POST', body: multipart({ 'field-0': '' }) });
			expect(refused.status).toBe(422);
			expect(refused.body).toContain('Please fill in this field.');
			expect((await run.record()).status).toBe('waiting');

			const sent = await follow(respond, { method: 'POST', body: multipart({ 'field-0': 'Train to the conference' }) });
			expect(sent.status).toBe(200);
			expect(sent.body).toContain('<h1>Thank you</h1>');
			const { output } = await run.finished();
			expect(output.map((item) => item.json)).toEqual([{ data: { text: 'Train to the conference', respondedAt: expect.any(String) } }]);
		});

		test('Custom Form: posting the form resumes with its values, typed', async () => {
			const { run, links } = await startWithEmail(context(), 'customForm');
			const sent = await follow(links[0], { method: 'POST', body: multipart({ 'field-0': '99.5', 'field-1': 'R&D' }) });
			expect(sent.status).toBe(200);
			const { output } = await run.finished();
			expect(output.map((item) => item.json)).toEqual([{ data: { Amount: 99.5, costCentre: 'R&D', respondedAt: expect.any(String) } }]);
		});

		test(
			'Limit Wait Time: without an answer the execution resumes after the limit with the timeout marker',
			async () => {
				const [approve] = timeoutRun.links;
				const deadline = Number(new URL(approve).searchParams.get('until'));
				expect(deadline).toBeGreaterThan(Date.now() - TIMEOUT_SECONDS * 1000);
				// between the limit and the wait tracker's next look the link says so; after it, n8n does
				await waitUntil(() => Date.now() > deadline + 1000, 'the limit to pass', TIMEOUT_SECONDS * 1000 + 5000, 200);
				const late = await follow(approve);
				if (late.status === 410) expect(late.body).toContain('This request has expired');
				else expect(late.body).toContain('No action required');
				const { record, output } = await timeoutRun.run.finished(TIMEOUT_RESUME_MS);
				expect(record.status).toBe('success');
				expect(output).toEqual([
					{
						json: { ...REQUEST, data: { timedOut: true, waitedUntil: new Date(deadline).toISOString() } },
						pairedItem: { item: 0 },
					},
				]);
				console.log(`n8n ${context().install.version}: a link followed after the limit got ${late.status === 410 ? 'our expired page' : "n8n's No action required"}`);
			},
			TIMEOUT_RESUME_MS + 30_000,
		);
	});
}
