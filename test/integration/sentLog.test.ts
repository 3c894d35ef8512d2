/**
 * The trace a Send leaves while it runs (Log Each Sent Message, Sent Log File), through n8n's
 * engine and a real SMTP server: what a crashed execution's output can no longer tell.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { SentLines, sentLogLines, type LoggedSend, type SentLogRecord } from '../../nodes/MailshitSmtp/helpers/sentLog';
import { smtpCredential } from '../helpers/credentials';
import { runMailshitNode } from '../helpers/n8nEngine';
import { numberedItems, numberedMessageParameters as parameters } from '../helpers/numberedMessages';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const sink = useSmtpSinks({ tls: 'plain' });
const emails = (count: number) => Array.from({ length: count }, (_, n) => `r${n}@example.com`);

// n8n's file helpers allow only N8N_RESTRICT_FILE_ACCESS_TO (read when n8n-core first needs it)
const allowed = mkdtempSync(path.join(tmpdir(), 'mailshit-sentlog-'));
process.env.N8N_RESTRICT_FILE_ACCESS_TO = allowed;
afterAll(() => rmSync(allowed, { recursive: true, force: true }));

/** n8n's logger as the node reaches it (`this.logger`), recording instead of printing. */
const logged: Array<{ level: string; message: string; meta: Record<string, unknown> }> = [];
const recording = (level: string) => (message: string, meta: Record<string, unknown> = {}) => void logged.push({ level, message, meta });
const recorder = { error: recording('error'), warn: recording('warn'), info: recording('info'), debug: recording('debug'), scoped: () => recorder };
Container.set(Logger, recorder as unknown as Logger);
beforeEach(() => void logged.splice(0));

/** The node's "sent" lines: each names the messages accepted in one turn of the event loop. */
function sentLines(): Array<{ message: string; sent: LoggedSend[] }> {
	return logged.filter((entry) => entry.level === 'info' && entry.message.startsWith('mailshit SMTP sent ')).map((entry) => ({ message: entry.message, sent: entry.meta.sent as LoggedSend[] }));
}

let fileCounter = 0;
const newLogFile = () => path.join(allowed, `sent-${++fileCounter}.jsonl`);

function records(file: string): SentLogRecord[] {
	return readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as SentLogRecord);
}

describe('every accepted message leaves a trace outside the execution', () => {
	it("each message in n8n's log, and a sending + sent record per message, with the Message-ID the output has, all written before the node returns", async () => {
		const server = await sink();
		const file = newLogFile();
		const result = await runMailshitNode({ items: numberedItems(emails(6)), parameters: parameters({ sentLogFile: file }), credential: smtpCredential(server.port) });
		expect(result.error).toBeUndefined();
		const messageIds = result.main.map((item) => String(item.json.messageId));

		const lines = sentLines();
		expect(lines.flatMap((entry) => entry.sent.map((send) => send.messageId)).sort()).toEqual([...messageIds].sort());
		// the message alone carries it all: n8n's text log format prints no metadata
		for (const { message, sent } of lines) {
			expect(message).toContain(`(execution ${result.executionId}, `);
			expect(message).toMatch(/^mailshit SMTP sent <[^>]+> to r\d@example\.com(; <[^>]+> to r\d@example\.com)* \(execution exec-[\w-]+, workflow wf-test, node "mailshit SMTP"\)$/);
			for (const send of sent) expect(message).toContain(`${send.messageId} to ${send.accepted.join(', ')}`);
		}

		const written = records(file);
		expect(written[0]).toMatchObject({ event: 'start', executionId: result.executionId, workflowId: 'wf-test', node: 'mailshit SMTP', pid: process.pid });
		for (const [index, messageId] of messageIds.entries()) {
			const mine = written.filter((record) => record.messageId === messageId);
			expect(mine.map((record) => record.event)).toEqual(['sending', 'sent']);
			expect(mine[0].recipients).toEqual([`r${index}@example.com`]);
			expect(mine[1]).toMatchObject({ recipients: [`r${index}@example.com`], rejected: [], response: expect.stringMatching(/^250 /) });
		}
		expect(server.messages).toHaveLength(6);
	});

	it('a message is recorded as sending before the server has it, and as sent only after its reply', async () => {
		const file = newLogFile();
		let seenWhileHeld: SentLogRecord[] | undefined;
		let heldId = '';
		// the first message's reply is held: at that moment the file is what a crash would leave
		const server = await sink({
			holdReplies: (held) => {
				if (!seenWhileHeld) {
					heldId = String(held[0].message.parsed.messageId);
					seenWhileHeld = records(file);
				}
				return held;
			},
		});
		const result = await runMailshitNode({ items: numberedItems(emails(1)), parameters: parameters({ sentLogFile: file }), credential: smtpCredential(server.port) });
		expect(result.main[0].json.type).toBe('sent');
		expect(seenWhileHeld!.filter((record) => record.messageId === heldId).map((record) => record.event)).toEqual(['sending']);
		expect(records(file).filter((record) => record.messageId === heldId).map((record) => record.event)).toEqual(['sending', 'sent']);
	});

	it('whenever the file says "sent", the log already has the message (the line is written before the file is)', async () => {
		const file = newLogFile();
		let seen: { sentInFile: string[]; inLog: string[] } | undefined;
		// the last message's arrival is a moment in the middle of the run: what a crash would leave
		const server = await sink({
			holdReplies: (held) => {
				if (!seen && held[0].recipient === 'r3@example.com') {
					const sentInFile = records(file).filter((record) => record.event === 'sent').map((record) => record.messageId!);
					seen = { sentInFile, inLog: sentLines().flatMap((entry) => entry.sent.map((send) => send.messageId)) };
				}
				return held;
			},
		});
		const result = await runMailshitNode({ items: numberedItems(emails(4)), parameters: parameters({ sentLogFile: file, maxConnections: 1 }), credential: smtpCredential(server.port) });
		expect(result.main.map((item) => item.json.type)).toEqual(['sent', 'sent', 'sent', 'sent']);
		// r3 is handed over only after r1's trace is written, and r0's before it
		expect(seen!.sentInFile.length).toBeGreaterThanOrEqual(2);
		expect(seen!.sentInFile.filter((messageId) => !seen!.inLog.includes(messageId))).toEqual([]);
	});

	it('a refused message is recorded as failed, with its code, and gets no "sent" line in the log', async () => {
		const server = await sink({ faults: ({ recipient }) => (recipient === 'r1@example.com' ? 'reject550' : undefined) });
		const file = newLogFile();
		const result = await runMailshitNode({
			items: numberedItems(emails(3)),
			parameters: parameters({ sentLogFile: file }),
			credential: smtpCredential(server.port),
			onError: 'continueRegularOutput',
		});
		expect(result.main.map((item) => item.json.type)).toEqual(['sent', 'send_failed', 'sent']);
		const failed = records(file).filter((record) => record.event === 'failed');
		expect(failed).toEqual([expect.objectContaining({ recipients: ['r1@example.com'], code: 'EENVELOPE', messageId: expect.stringMatching(/^<.+>$/) })]);
		expect(sentLines().flatMap((entry) => entry.sent.map((send) => send.accepted)).sort()).toEqual([['r0@example.com'], ['r2@example.com']]);
	});

	it('without a file too, the last lines are in the log when the node returns', async () => {
		const server = await sink();
		const result = await runMailshitNode({ items: numberedItems(emails(3)), parameters: parameters(), credential: smtpCredential(server.port) });
		const messageIds = result.main.map((item) => String(item.json.messageId));
		expect(sentLines().flatMap((entry) => entry.sent.map((send) => send.messageId)).sort()).toEqual([...messageIds].sort());
	});

	it('off: nothing in the log, and no file', async () => {
		const server = await sink();
		const result = await runMailshitNode({ items: numberedItems(emails(2)), parameters: parameters({ logSentMessages: false }), credential: smtpCredential(server.port) });
		expect(result.main.map((item) => item.json.type)).toEqual(['sent', 'sent']);
		expect(logged).toEqual([]);
	});
});

describe("the log's lines", () => {
	const send = (n: number): LoggedSend => ({ messageId: `<m${n}@example.com>`, accepted: [`r${n}@example.com`], rejected: [], response: '250 OK' });

	it('name each message with its recipients; a long list is split into lines of at most 50', () => {
		const sends = Array.from({ length: 120 }, (_, n) => send(n));
		const lines = sentLogLines(sends, 'execution 7, workflow w, node "n"');
		expect(lines.map((entry) => entry.sent.length)).toEqual([50, 50, 20]);
		expect(lines.flatMap((entry) => entry.sent)).toEqual(sends);
		expect(lines[2].message).toBe(`mailshit SMTP sent ${sends.slice(100).map((entry) => `${entry.messageId} to ${entry.accepted[0]}`).join('; ')} (execution 7, workflow w, node "n")`);
	});

	it('the messages accepted within 50 ms share one, written 50 ms after the first of them; flush() writes at once', () => {
		jest.useFakeTimers();
		try {
			const written: string[][] = [];
			const lines = new SentLines((sends) => void written.push(sends.map((entry) => entry.messageId)));
			lines.add(send(1));
			jest.advanceTimersByTime(30);
			lines.add(send(2));
			jest.advanceTimersByTime(19);
			expect(written).toEqual([]);
			jest.advanceTimersByTime(1);
			expect(written).toEqual([['<m1@example.com>', '<m2@example.com>']]);
			lines.add(send(3));
			lines.flush();
			expect(written).toEqual([['<m1@example.com>', '<m2@example.com>'], ['<m3@example.com>']]);
			// nothing pending: neither the timer nor another flush writes an empty line
			jest.advanceTimersByTime(100);
			lines.flush();
			expect(written).toHaveLength(2);
		} finally {
			jest.useRealTimers();
		}
	});

	it('a logger that throws loses its line only: flush() does not throw, and the next line is written', () => {
		const written: string[][] = [];
		let failing = true;
		const lines = new SentLines((sends) => {
			if (failing) throw new Error('logger gone');
			written.push(sends.map((entry) => entry.messageId));
		});
		lines.add(send(1));
		expect(() => lines.flush()).not.toThrow();
		failing = false;
		lines.add(send(2));
		lines.flush();
		expect(written).toEqual([['<m2@example.com>']]);
	});

	it('a message accepted for several recipients lists them all', () => {
		const [line] = sentLogLines([{ ...send(1), accepted: ['a@example.com', 'b@example.com'] }], 'execution 7, workflow w, node "n"');
		expect(line.message).toBe('mailshit SMTP sent <m1@example.com> to a@example.com, b@example.com (execution 7, workflow w, node "n")');
	});
});

describe('a Sent Log File that cannot be written stops the node before anything is sent', () => {
	it.each([
		['outside N8N_RESTRICT_FILE_ACCESS_TO', () => path.join(tmpdir(), `mailshit-not-allowed-${process.pid}.jsonl`), /n8n does not allow writing there.*N8N_RESTRICT_FILE_ACCESS_TO/],
		['in a folder that does not exist', () => path.join(allowed, 'missing', 'sent.jsonl'), /its folder does not exist on this n8n instance/],
		[
			'a folder where the file should be',
			() => {
				const dir = path.join(allowed, 'a-folder.jsonl');
				mkdirSync(dir, { recursive: true });
				return dir;
			},
			/cannot be written/,
		],
	])('%s', async (_case, file, message) => {
		const server = await sink();
		const result = await runMailshitNode({ items: numberedItems(emails(3)), parameters: parameters({ sentLogFile: file() }), credential: smtpCredential(server.port) });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBe('Field: Sent Log File');
		expect(server.messages).toHaveLength(0);
		expect(server.stats.connections).toBe(0);
	});
});
