/**
 * Fault injection on a real smtp-server: every transient failure is retried and arrives exactly
 * once, every permanent one is reported on its own item and never retried, an uncertain one is
 * never resent unless asked. Sink-side counts (RCPT attempts, Message-IDs) are the evidence.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';
import { smtpCredential } from '../helpers/credentials';
import { runMailshitNode } from '../helpers/n8nEngine';
import { numberedItems as items, numberedMessageParameters } from '../helpers/numberedMessages';
import { faultTable, type FaultPlan } from '../helpers/sinkFaults';
import type { SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const parameters = (options: Record<string, unknown> = {}) => numberedMessageParameters({ maxConnections: 2, ...options });

const startSink = useSmtpSinks({ tls: 'plain' });
let server: SmtpSink;
async function sink(faults: FaultPlan): Promise<SmtpSink> {
	server = await startSink({ faults });
	return server;
}

async function send(emails: string[], options: Record<string, unknown> = {}, credential: ICredentialDataDecryptedObject = {}) {
	return runMailshitNode({
		items: items(emails),
		parameters: parameters(options),
		credential: smtpCredential(server.port, credential),
		onError: 'continueRegularOutput',
	});
}

const types = (main: INodeExecutionData[]) => main.map((item) => item.json.type);

describe('transient failures are retried and arrive exactly once', () => {
	it.each([
		['451 at RCPT TO', 'reject451'],
		['421, then the server closes the connection', 'close421'],
		['the connection cut at RCPT TO', 'dropAtRcpt'],
	] as const)('%s', async (_label, fault) => {
		await sink(faultTable({ 'b@example.com': [fault] }));
		const result = await send(['a@example.com', 'b@example.com', 'c@example.com']);
		expect(types(result.main)).toEqual(['sent', 'sent', 'sent']);
		await server.waitForMessages(3);
		expect(server.rcptAttempts.get('b@example.com')).toBe(2);
		expect([...server.arrivalsByMessageId().values()]).toEqual([1, 1, 1]);
		expect(server.messages.map((m) => m.parsed.messageId).sort()).toEqual(result.main.map((i) => i.json.messageId).sort());
	});

	it('a server that never answers RCPT TO: timed out, retried on a new connection', async () => {
		await sink(faultTable({ 'b@example.com': ['stallAtRcpt'] }));
		const result = await send(['b@example.com'], {}, { connectionTimeout: 1 });
		expect(types(result.main)).toEqual(['sent']);
		expect(server.rcptAttempts.get('b@example.com')).toBe(2);
		expect(server.messages).toHaveLength(1);
	});

	it('the socket destroyed in the middle of DATA (the message still being written): retried', async () => {
		await sink(faultTable({ 'big@example.com': ['dropMidData'] }));
		// 8 MB cannot sit in loopback buffers at once, so the client is still writing when the cut comes
		const big = Buffer.alloc(8 * 1024 * 1024, 7).toString('base64');
		const result = await runMailshitNode({
			items: [{ json: { n: 0, email: 'big@example.com' }, binary: { blob: { data: big, mimeType: 'application/octet-stream', fileName: 'blob.bin' } } }],
			parameters: parameters({ attachments: 'blob', maxAttachmentSizeMb: 20 }),
			credential: smtpCredential(server.port, { connectionTimeout: 10 }),
			onError: 'continueRegularOutput',
		});
		expect(result.main[0].json).toMatchObject({ type: 'sent' });
		expect(server.injected).toEqual([{ recipient: 'big@example.com', attempt: 1, fault: 'dropMidData' }]);
		expect(server.messages).toHaveLength(1);
		expect(server.messages[0].parsed.attachments[0].size).toBe(8 * 1024 * 1024);
	});

	it('a server that crashes mid-batch: every item is sent once or reported uncertain, none twice', async () => {
		await sink(() => undefined);
		const emails = Array.from({ length: 40 }, (_, i) => `r${i}@example.com`);
		const running = send(emails, { retries: 4, maxConnections: 2 });
		await server.waitForMessages(10);
		// every session cut where it stands, then the port open again: what a crashed and
		// restarted MTA looks like from outside
		await server.stopListening('crash');
		await server.resume();
		const result = await running;
		const arrivals = server.arrivalsByMessageId();
		const received = (messageId: unknown) => arrivals.get(String(messageId)) ?? 0;
		for (const [index, item] of result.main.entries()) {
			if (item.json.type === 'sent') {
				expect(received(item.json.messageId)).toBe(1);
				continue;
			}
			// cut after its final "." and before the reply: the server may or may not have kept
			// it, so it is reported and never resent (at-most-once)
			expect(item.json.hint).toMatch(/^The connection to 127\.0\.0\.1:\d+ was lost after the whole message was sent/);
			const recipient = emails[index];
			expect(server.messages.filter((m) => m.envelope.to[0] === recipient).length).toBeLessThanOrEqual(1);
		}
		expect([...arrivals.values()].every((count) => count === 1)).toBe(true);
		// at most two sessions were cut with a message written: at most two uncertain items
		expect(result.main.filter((item) => item.json.type !== 'sent').length).toBeLessThanOrEqual(2);
	});
});

describe('permanent failures are reported on their item and never retried', () => {
	it('550 for one recipient', async () => {
		await sink(faultTable({ 'gone@example.com': ['reject550', 'reject550', 'reject550'] }));
		const result = await send(['a@example.com', 'gone@example.com', 'c@example.com']);
		expect(types(result.main)).toEqual(['sent', 'send_failed', 'sent']);
		expect(result.main[1].json).toMatchObject({ code: 'EENVELOPE', error: "Can't send mail - all recipients were rejected: 550 5.1.1 No such mailbox" });
		expect(server.rcptAttempts.get('gone@example.com')).toBe(1);
	});

	it('a partial RCPT rejection sends to the accepted recipients and lists the rejected one', async () => {
		await sink(faultTable({ 'gone@example.com': ['reject550'] }));
		const result = await send(['a@example.com, gone@example.com']);
		expect(result.main[0].json).toMatchObject({ type: 'sent', accepted: ['a@example.com'], rejected: ['gone@example.com'] });
		expect(server.messages.map((m) => m.envelope.to)).toEqual([['a@example.com']]);
		expect(server.rcptAttempts.get('gone@example.com')).toBe(1);
	});

	it('transient failures that persist give up after Retries, with the hint', async () => {
		await sink(() => 'reject451');
		const result = await send(['a@example.com'], { retries: 2 });
		expect(result.main[0].json).toMatchObject({ type: 'send_failed', code: 'EENVELOPE' });
		expect(result.main[0].json.hint).toContain('is temporarily refusing mail');
		expect(server.rcptAttempts.get('a@example.com')).toBe(3);
	});
});

describe('a connection lost after the whole message, before the reply, is uncertain', () => {
	it.each([
		['the connection cut', 'dropAfterData', {}],
		['no reply at all (a stalled server)', 'stallAfterData', { connectionTimeout: 1 }],
	] as const)('default at-most-once: %s is reported, not resent', async (_label, fault, credential) => {
		await sink(faultTable({ 'b@example.com': [fault] }));
		const result = await send(['a@example.com', 'b@example.com'], {}, credential);
		expect(types(result.main)).toEqual(['sent', 'send_failed']);
		expect(result.main[1].json.hint).toMatch(/^The connection to 127\.0\.0\.1:\d+ was lost after the whole message was sent but before the server confirmed it/);
		expect(server.rcptAttempts.get('b@example.com')).toBe(1);
		expect(server.messages.filter((m) => m.envelope.to[0] === 'b@example.com')).toHaveLength(1);
	});

	it('with "Resend When Delivery Is Uncertain": resent, and may arrive twice (at-least-once)', async () => {
		await sink(faultTable({ 'b@example.com': ['dropAfterData'] }));
		const result = await send(['b@example.com'], { resendUncertain: true });
		expect(types(result.main)).toEqual(['sent']);
		expect(server.rcptAttempts.get('b@example.com')).toBe(2);
		// the same Message-ID twice: a receiving system can de-duplicate on it
		expect([...server.arrivalsByMessageId().values()]).toEqual([2]);
	});
});
