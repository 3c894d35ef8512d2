/**
 * The safety of a batch through n8n's engine, counted at a real smtp-server: a stop starts no
 * further message, a failure says what had gone out, Retry On Fail sends nothing twice, Retries
 * bound the attempts, and a server that stops answering after taking mail is not blamed on the
 * settings. Orders are forced by held replies and events, never by a clock.
 */
import net from 'node:net';
import { once } from 'node:events';
import { smtpCredential } from '../helpers/credentials';
import { runMailshitNode } from '../helpers/n8nEngine';
import { numberedItems, numberedMessageParameters as parameters } from '../helpers/numberedMessages';
import { faultTable } from '../helpers/sinkFaults';
import { closedPort } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const emails = (count: number) => Array.from({ length: count }, (_, n) => `r${n}@example.com`);
const startSink = useSmtpSinks({ tls: 'plain' });

describe('Stop: no message starts after the execution is stopped', () => {
	it('the messages in flight get their replies and count as sent; no other arrives; the pool closes', async () => {
		let stopped = false;
		// replies are held while the batch runs, so at the stop every connection has a message out
		const sink = await startSink({ holdReplies: (held) => (stopped || held.length === 3 ? held : undefined) });
		const stop = new AbortController();
		const running = runMailshitNode({ items: numberedItems(emails(200)), parameters: parameters({ maxConnections: 3 }), credential: smtpCredential(sink.port), stop: stop.signal });
		await sink.waitForMessages(10);
		stopped = true;
		stop.abort();
		const atStop = sink.messages.length;
		sink.releaseHeld();
		const result = await running;
		await sink.waitForIdle();
		expect(sink.messages.length - atStop).toBeLessThanOrEqual(3);
		expect(sink.messages.length).toBeLessThan(20);
		expect(result.error?.message).toBe('The execution was stopped: no further email was started');
		// every message that arrived is named as sent: none was cut after its final "."
		const description = String(result.error?.description);
		expect(description).toMatch(new RegExp(`^${sink.messages.length} items of 200 were sent before the node stopped`));
	});

	it('a stop ends a retry backoff at once (the 1,000 s delay would outlast the test)', async () => {
		const sink = await startSink({ faults: () => 'reject451' });
		const stop = new AbortController();
		const running = runMailshitNode({ items: numberedItems(emails(2)), parameters: parameters({ retryDelaySeconds: 1000, retries: 5, maxConnections: 1 }), credential: smtpCredential(sink.port), stop: stop.signal });
		await once(sink.events, 'rcpt');
		stop.abort();
		const result = await running;
		expect(result.error?.message).toBe('The execution was stopped: no further email was started');
		expect(result.error?.description).toBe('No item of 2 was sent before the node stopped, so a new run sends each of them once.');
		await sink.waitForIdle();
		expect(sink.messages).toHaveLength(0);
	});

	it('at Messages per Second 20, stopped after 5 arrivals: at most Max Connections more arrive', async () => {
		const sink = await startSink();
		const stop = new AbortController();
		const running = runMailshitNode({ items: numberedItems(emails(500)), parameters: parameters({ messagesPerSecond: 20, maxConnections: 2 }), credential: smtpCredential(sink.port), stop: stop.signal });
		await sink.waitForMessages(5);
		stop.abort();
		const atStop = sink.messages.length;
		const result = await running;
		await sink.waitForIdle();
		expect(sink.messages.length - atStop).toBeLessThanOrEqual(2);
		expect(result.error?.description).toMatch(new RegExp(`^${sink.messages.length} items of 500 were sent`));
	});
});

describe('a failure without Continue On Fail says what went out', () => {
	it('20 items, 2 connections, a 550 for item 5: the sent ones are counted and named', async () => {
		const sink = await startSink({ faults: faultTable({ 'r5@example.com': ['reject550'] }) });
		const result = await runMailshitNode({ items: numberedItems(emails(20)), parameters: parameters({ maxConnections: 2 }), credential: smtpCredential(sink.port) });
		await sink.waitForIdle();
		const arrived = sink.messages.map((m) => Number(/^r(\d+)@/.exec(m.envelope.to[0])![1])).sort((a, b) => a - b);
		expect(arrived.length).toBeGreaterThanOrEqual(5);
		expect(result.error).toMatchObject({ name: 'NodeApiError', message: expect.stringMatching(/^Item 5 was not sent: /) });
		const description = String(result.error?.description);
		expect(description).toContain(`${arrived.length} items of 20 were sent before the node stopped: items `);
		const firstIds = [...sink.messages].sort((a, b) => arrived.indexOf(Number(/^r(\d+)@/.exec(a.envelope.to[0])![1])) - arrived.indexOf(Number(/^r(\d+)@/.exec(b.envelope.to[0])![1])));
		expect(description).toContain(`(Message-ID ${firstIds.slice(0, 3).map((m) => m.parsed.messageId).join(', ')} and ${arrived.length - 3} more)`);
		expect(description).toContain('A new run of this execution would send them again');
	});
});

describe('Retry On Fail never sends an accepted item twice within an execution', () => {
	it('50 items, item 20 refused on the first try and accepted on the second: one message each, 50 results', async () => {
		const sink = await startSink({ faults: faultTable({ 'r20@example.com': ['reject550'] }) });
		const result = await runMailshitNode({
			items: numberedItems(emails(50)),
			parameters: parameters(),
			credential: smtpCredential(sink.port),
			retry: { maxTries: 2, waitBetweenTries: 1 },
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(50);
		expect(result.main.every((item) => item.json.type === 'sent')).toBe(true);
		await sink.waitForIdle();
		const perRecipient = new Map<string, number>();
		for (const message of sink.messages) perRecipient.set(message.envelope.to[0], (perRecipient.get(message.envelope.to[0]) ?? 0) + 1);
		expect(perRecipient.size).toBe(50);
		expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
		// the output of the second try carries the first try's Message-IDs for what it had sent
		expect(result.main.map((item) => item.json.messageId).sort()).toEqual(sink.messages.map((m) => m.parsed.messageId).sort());
		expect(sink.rcptAttempts.get('r20@example.com')).toBe(2);
	});

	it('a new execution is not a retry: it sends again', async () => {
		const sink = await startSink();
		const run = () => runMailshitNode({ items: numberedItems(emails(3)), parameters: parameters(), credential: smtpCredential(sink.port), retry: { maxTries: 2, waitBetweenTries: 1 } });
		await run();
		await run();
		await sink.waitForMessages(6);
		expect(sink.messages).toHaveLength(6);
	});
});

describe('one retry layer: Retries = N means at most N + 1 attempts, counted at the server', () => {
	it('a server that closes every connection before its greeting: 3 connections for Retries 2, and our hint', async () => {
		let connections = 0;
		const server = net.createServer((socket) => {
			connections++;
			socket.destroy();
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		try {
			const port = (server.address() as net.AddressInfo).port;
			const result = await runMailshitNode({ items: numberedItems(emails(1)), parameters: parameters({ retries: 2, maxConnections: 1 }), credential: smtpCredential(port), onError: 'continueRegularOutput' });
			expect(connections).toBe(3);
			expect(result.main[0].json).toMatchObject({ type: 'send_failed', code: 'ECONNECTION' });
			expect(result.main[0].json.hint).toMatch(/^127\.0\.0\.1:\d+ closed the connection unexpectedly/);
			expect(result.main[0].json.error).not.toMatch(/Reached maximum number of retries/);
		} finally {
			server.close();
		}
	});

	it('a connection cut at RCPT TO on every attempt: 3 RCPTs for Retries 2', async () => {
		const sink = await startSink({ faults: faultTable({ 'r0@example.com': ['dropAtRcpt', 'dropAtRcpt', 'dropAtRcpt', 'dropAtRcpt', 'dropAtRcpt'] }) });
		const result = await runMailshitNode({ items: numberedItems(emails(1)), parameters: parameters({ retries: 2 }), credential: smtpCredential(sink.port), onError: 'continueRegularOutput' });
		expect(result.main[0].json.type).toBe('send_failed');
		expect(sink.rcptAttempts.get('r0@example.com')).toBe(3);
	});
});

describe('a server that stops answering: configuration at the start, weather after it took mail', () => {
	it('refused on the first connection of the run: fails at once with the configuration hint (no 1,000 s backoff)', async () => {
		const port = await closedPort();
		const result = await runMailshitNode({ items: numberedItems(emails(1)), parameters: parameters({ retries: 5, retryDelaySeconds: 1000 }), credential: smtpCredential(port), onError: 'continueRegularOutput' });
		expect(result.main[0].json.hint).toContain(`Connection refused by 127.0.0.1:${port}: nothing accepts connections on that port, so check SMTP Host and Port`);
	});

	it('gone after taking mail, with Server Restart Tolerance 0: the restart hint, not the configuration', async () => {
		// r0 is answered at once, r1's reply waits until the server is going down
		const sink = await startSink({ holdReplies: (held) => held.filter((entry) => entry.recipient === 'r0@example.com') });
		const running = runMailshitNode({
			items: numberedItems(emails(3)),
			parameters: parameters({ restartToleranceSeconds: 0, maxConnections: 1 }),
			credential: smtpCredential(sink.port),
			onError: 'continueRegularOutput',
		});
		await sink.waitForMessages(2);
		const stopping = sink.stopListening('graceful');
		sink.releaseHeld();
		await stopping;
		const result = await running;
		expect(result.main.slice(0, 2).map((item) => item.json.type)).toEqual(['sent', 'sent']);
		expect(result.main[2].json).toMatchObject({ type: 'send_failed' });
		expect(result.main[2].json.hint).toMatch(/^127\.0\.0\.1:\d+ took messages earlier in this run but then stopped accepting connections \(connect ECONNREFUSED [^)]+\) and was not back within 0 s/);
	});

	it('a number option from an expression that is not a number stops the node before anything is sent', async () => {
		const sink = await startSink();
		const result = await runMailshitNode({ items: numberedItems(emails(2)), parameters: parameters({ retries: '={{ "many" }}' }), credential: smtpCredential(sink.port) });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'Retries must be a whole number from 0 to 10 (got "many")', description: 'Field: Retries' });
		expect(sink.stats.connections).toBe(0);
	});

	it('Max Connections 0 from an expression is refused by name', async () => {
		const sink = await startSink();
		const result = await runMailshitNode({ items: numberedItems(emails(2)), parameters: parameters({ maxConnections: '={{ 0 }}' }), credential: smtpCredential(sink.port) });
		expect(result.error?.message).toBe('Max Connections must be a whole number from 1 to 50 (got 0)');
	});
});
