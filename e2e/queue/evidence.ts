/**
 * What the queue suite reads to know what happened, each from its own witness: the workers' logs
 * (which worker ran which execution; the node's "sent" lines), the node's Sent Log File, n8n's
 * stored executions (REST), and the sink's records.
 */
import { readFileSync } from 'node:fs';
import { parse as parseFlatted } from 'flatted';
import type { SentLogRecord } from '../../nodes/MailshitSmtp/helpers/sentLog';
import type { ExecutionSummary, N8nRestClient } from '../harness/n8nRest';
import { waitUntil } from '../harness/processes';
import type { SinkRecord } from './sinkClient';

interface LogLine {
	level: string;
	message: string;
	metadata: Record<string, unknown>;
}

/** n8n's JSON log lines (N8N_LOG_FORMAT=json); other lines (a runner's stderr) are skipped. */
function jsonLogLines(text: string): LogLine[] {
	const lines: LogLine[] = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			lines.push(JSON.parse(line) as LogLine);
		} catch {
			/* a line cut by a kill */
		}
	}
	return lines;
}

/** The executions a worker says it started: "Worker started execution 12 (job 12)". */
export function executionsStartedBy(logText: string): Set<string> {
	const ids = new Set<string>();
	for (const line of jsonLogLines(logText)) {
		const match = /^Worker started execution (\d+) /.exec(line.message);
		if (match) ids.add(match[1]);
	}
	return ids;
}

export interface LoggedSend {
	executionId: string;
	messageId: string;
	accepted: string[];
}

/** The messages in the node's "mailshit SMTP sent …" lines of an instance's log (a line names those accepted within 50 ms). */
export function loggedSendsIn(logText: string): LoggedSend[] {
	return jsonLogLines(logText)
		.filter((line) => line.message.startsWith('mailshit SMTP sent '))
		.flatMap((line) => (line.metadata.sent as Array<{ messageId: string; accepted: string[] }>).map((send) => ({ executionId: String(line.metadata.executionId), messageId: send.messageId, accepted: send.accepted })));
}

export function readSentLog(file: string): SentLogRecord[] {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as SentLogRecord);
}

/** Per recipient, what the Sent Log File says about one execution: accepted, or handed over without an answer. */
export function traceOf(records: SentLogRecord[], executionId: string): { sent: Set<string>; inFlight: Map<string, string> } {
	const mine = records.filter((record) => record.executionId === executionId);
	const answered = new Set(mine.filter((record) => record.event !== 'sending' && record.event !== 'start').map((record) => record.messageId));
	const sent = new Set(mine.filter((record) => record.event === 'sent').flatMap((record) => record.recipients ?? []));
	const inFlight = new Map<string, string>();
	for (const record of mine) {
		if (record.event === 'sending' && !answered.has(record.messageId)) for (const recipient of record.recipients ?? []) inFlight.set(recipient, record.messageId!);
	}
	return { sent, inFlight };
}

/** How many messages each recipient received. */
export function arrivalsByRecipient(records: SinkRecord[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const record of records) for (const recipient of record.to) counts.set(recipient, (counts.get(recipient) ?? 0) + 1);
	return counts;
}

const RUNNING = new Set(['new', 'running', 'waiting']);

/** Waits until the workflow has `count` executions and none is still running; bounded. */
export async function settledExecutions(rest: N8nRestClient, workflowId: string, count: number, timeoutMs: number): Promise<ExecutionSummary[]> {
	return waitUntil(
		async () => {
			const executions = await rest.listExecutions(workflowId);
			return executions.length >= count && executions.every((execution) => !RUNNING.has(execution.status)) ? executions : undefined;
		},
		`${count} executions of ${workflowId} to finish`,
		timeoutMs,
		500,
	);
}

/** The stored run of an execution (n8n keeps it "flatted"): its error and the nodes that have run data. */
export async function storedRun(rest: N8nRestClient, id: string): Promise<{ status: string; error?: string; nodesWithData: string[] }> {
	const execution = await rest.getExecution(id);
	const data = execution.data ? (parseFlatted(execution.data) as { resultData?: { error?: { message?: string }; runData?: Record<string, unknown> } }) : {};
	return { status: execution.status, error: data.resultData?.error?.message, nodesWithData: Object.keys(data.resultData?.runData ?? {}) };
}
