/**
 * A durable trace of what an execution sends, written while it sends. n8n stores a node's output
 * only when the execution ends: a worker killed mid-run (queue mode: OOM, a redeploy, a lost
 * machine) leaves an execution in `error` with no output, and nothing would say who already has
 * the email. So every message leaves a trace outside the execution, as it goes:
 *
 * - in n8n's log (option Log Each Sent Message, on by default): each accepted message with its
 *   Message-ID and recipients, and the execution, on the instance that sent it. The messages
 *   accepted within LOG_WINDOW_MS share a line (SentLines): n8n's logger captures a stack, formats
 *   and writes synchronously for every line, and a line per message took ~7 % of the node's CPU
 *   in a 10,000-email send in n8n 2.x (0.14 ms a message). A process killed outright loses at
 *   most that window's lines, and never one whose message the file below records as `sent`;
 * - in a JSON Lines file (option Sent Log File): `sending` before the message is handed to the
 *   server, then `sent`, `failed` or `uncertain` once the server answered. A message with
 *   `sending` and no outcome was in flight when the process died: it may have arrived, and its
 *   Message-ID is what to look for in the server's log.
 *
 * The file is written through n8n's own file helpers, so N8N_RESTRICT_FILE_ACCESS_TO and n8n's
 * blocked paths apply to it as to the Read/Write Files node.
 */
import { constants as fsConstants } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { IExecuteFunctions, ResolvedFilePath } from 'n8n-workflow';
import { createAppendBatcher, type AppendBatcher } from '../shared/appendBatcher';
import { fail } from '../shared/result';
import { addressStrings, type DeliveryOutcome, type PooledSender } from '../transport/pooledSender';
import { configurationError } from './nodeOutput';

interface SentLogOptions {
	logSentMessages?: boolean;
	sentLogFile?: string;
}

type SentLogEvent = 'start' | 'sending' | 'sent' | 'failed' | 'uncertain';

/** One line of the Sent Log File. */
export interface SentLogRecord {
	time: string;
	event: SentLogEvent;
	executionId: string;
	node: string;
	/** `start` only: where the execution ran. */
	workflowId?: string;
	host?: string;
	pid?: number;
	messageId?: string;
	/** Every envelope recipient (To, CC, BCC); for `sent`, those the server accepted. */
	recipients?: string[];
	rejected?: string[];
	response?: string;
	code?: string;
	error?: string;
}

type Message = Parameters<PooledSender['send']>[0];

function envelopeRecipients(message: Message): string[] {
	return [...new Set([...addressStrings(message.to), ...addressStrings(message.cc), ...addressStrings(message.bcc)])];
}

/**
 * Why a file could not be written, in words: n8n rewrites a node error whose message holds a
 * system code (ENOENT, EISDIR, …) into its own generic sentence, losing which file and what to do.
 */
function fileProblem(error: unknown): string {
	const code = (error as { code?: string }).code;
	switch (code) {
		case 'ENOENT':
			return 'its folder does not exist on this n8n instance (in queue mode it must exist on every worker)';
		case 'EISDIR':
			return 'it is a folder, not a file';
		case 'EACCES':
		case 'EPERM':
		case 'EROFS':
			return 'n8n has no permission to write it';
		case 'ENOSPC':
		case 'EDQUOT':
			return 'the disk is full';
		default:
			return error instanceof Error ? error.message : String(error);
	}
}

/** Opens the file for appending, refusing before anything is sent what n8n would refuse later. */
async function openSentLogFile(context: IExecuteFunctions, file: string, beforeEachWrite: () => void): Promise<AppendBatcher> {
	const refuse = (reason: string) => configurationError(context.getNode(), `Sent Log File "${file}": ${reason}`, 'Sent Log File');
	let resolved: ResolvedFilePath;
	try {
		// the folder, not the file: n8n resolves only paths that exist, and the file may not yet
		resolved = path.join(await context.helpers.resolvePath(path.dirname(file)), path.basename(file)) as ResolvedFilePath;
	} catch (error) {
		throw refuse(fileProblem(error));
	}
	if (context.helpers.isFilePathBlocked(resolved)) {
		throw refuse('n8n does not allow writing there. Use a folder listed in N8N_RESTRICT_FILE_ACCESS_TO (n8n 2.x allows only ~/.n8n-files by default), outside n8n\'s own folder');
	}
	return createAppendBatcher((text) => {
		beforeEachWrite();
		return context.helpers.writeContentToFile(resolved, text, fsConstants.O_APPEND);
	}, fileProblem);
}

function line(record: Omit<SentLogRecord, 'time'>): string {
	return `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`;
}

/** How long the log gathers accepted messages into one line, and how many a line names at most. */
const LOG_WINDOW_MS = 50;
const MESSAGES_PER_LINE = 50;

/** One accepted message, as n8n's log shows it. */
export interface LoggedSend {
	messageId: string;
	accepted: string[];
	rejected: string[];
	response: string;
}

/** One line for n8n's log: its text, and the messages it names (its metadata). */
export interface SentLogLine {
	message: string;
	sent: LoggedSend[];
}

/**
 * `mailshit SMTP sent <id> to a@example.com; <id> to b@example.com (execution 12, …)`: the text
 * alone carries it all, since n8n's text log format prints no metadata. Long lists are split so
 * that a line stays a few KB (log drivers cut lines at 16 KB).
 */
export function sentLogLines(sends: readonly LoggedSend[], where: string): SentLogLine[] {
	const lines: SentLogLine[] = [];
	for (let start = 0; start < sends.length; start += MESSAGES_PER_LINE) {
		const sent = sends.slice(start, start + MESSAGES_PER_LINE);
		lines.push({ message: `mailshit SMTP sent ${sent.map((send) => `${send.messageId} to ${send.accepted.join(', ')}`).join('; ')} (${where})`, sent });
	}
	return lines;
}

/**
 * Accepted messages waiting for their log line: written LOG_WINDOW_MS after the first of them,
 * or earlier by flush() — before the Sent Log File is written (so the file never says `sent`
 * for a message the log does not have yet) and when the node ends. flush() never throws: a
 * logger that fails loses its line, but neither takes n8n's process down from the timer nor
 * fails the file write or the node's end it runs in.
 */
export class SentLines {
	private pending: LoggedSend[] = [];
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly write: (sends: LoggedSend[]) => void) {}

	add(send: LoggedSend): void {
		this.pending.push(send);
		this.timer ??= setTimeout(() => this.flush(), LOG_WINDOW_MS);
	}

	flush(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		const sends = this.pending;
		this.pending = [];
		if (sends.length === 0) return;
		try {
			this.write(sends);
		} catch {
			// nothing else to tell it to: the log itself is what failed
		}
	}
}

/**
 * Wraps the execution's sender so that every message leaves its trace, as configured in the
 * node's options (read from the first item, like every delivery setting). Fails with a
 * configuration error, before anything is sent, when the Sent Log File cannot be written.
 */
export async function withSentLog(context: IExecuteFunctions, sender: PooledSender): Promise<PooledSender> {
	const options = context.getNodeParameter('options', 0, {}) as SentLogOptions;
	const logLines = options.logSentMessages !== false;
	const logFile = String(options.sentLogFile ?? '').trim();
	if (!logLines && !logFile) return sender;

	const executionId = String(context.getExecutionId() ?? '');
	const node = context.getNode().name;
	const workflowId = String(context.getWorkflow().id ?? '');
	const where = `execution ${executionId}, workflow ${workflowId}, node "${node}"`;
	const lines = logLines ? new SentLines((sends) => sentLogLines(sends, where).forEach(({ message, sent }) => context.logger.info(message, { executionId, node, sent }))) : undefined;
	let journal: AppendBatcher | undefined;
	if (logFile) {
		let opened = false;
		try {
			journal = await openSentLogFile(context, logFile, () => lines?.flush());
			const started = await journal.append(line({ event: 'start', executionId, node, workflowId, host: hostname(), pid: process.pid }));
			if (!started.ok) throw configurationError(context.getNode(), `Sent Log File "${logFile}" cannot be written: ${started.failure}`, 'Sent Log File');
			opened = true;
		} finally {
			// the node fails before sending anything: the pool it will never use is closed here
			if (!opened) sender.close();
		}
	}

	async function record(outcome: DeliveryOutcome, messageId: string, recipients: string[]): Promise<void> {
		if (outcome.ok) {
			const { accepted, rejected, response } = outcome.value;
			lines?.add({ messageId, accepted, rejected, response });
			const written = await journal?.append(line({ event: 'sent', executionId, node, messageId, recipients: accepted, rejected, response }));
			// the message is out: its result stays "sent", and n8n's log says the file missed it
			if (written && !written.ok) context.logger.warn(`mailshit SMTP: Sent Log File "${logFile}" missed ${messageId}: ${written.failure} (${where})`);
			return;
		}
		const event = outcome.failure.hintId === 'deliveryUncertain' ? 'uncertain' : 'failed';
		await journal?.append(line({ event, executionId, node, messageId, recipients, code: outcome.failure.code, error: outcome.failure.error }));
	}

	return {
		...sender,
		async send(...args: Parameters<PooledSender['send']>): Promise<DeliveryOutcome> {
			const [message] = args;
			// the envelope goes only into the file (`sending`, and `failed` or `uncertain`): n8n's log names the accepted recipients
			const recipients = journal ? envelopeRecipients(message) : [];
			if (journal) {
				// recorded before it leaves: a message can arrive without its "sent" line, never without a trace
				const written = await journal.append(line({ event: 'sending', executionId, node, messageId: message.messageId, recipients }));
				if (!written.ok) {
					return fail({
						hintId: 'unknown',
						code: 'ESENTLOG',
						error: `Sent Log File "${logFile}" cannot be written: ${written.failure}`,
						hint: 'Nothing was sent for this item: the node sends only what it could record first. Free disk space or fix the file, then send the failed items again.',
					});
				}
			}
			const outcome = await sender.send(...args);
			await record(outcome, message.messageId, recipients);
			return outcome;
		},
		close() {
			// the lines of the last messages are written before the node ends, whatever ends it
			lines?.flush();
			sender.close();
		},
	};
}
