/**
 * The delivery engine through n8n's engine: one pool, bounded connections, an even pace, output
 * in input order, and the pool closed whatever happens. Behaviour only: speed is in bench/.
 * Overlap and answer order are forced by holding the sink's replies, never by a clock.
 */
import { smtpCredential } from '../helpers/credentials';
import { runMailshitNode } from '../helpers/n8nEngine';
import { numberedItems, numberedMessageParameters as parameters } from '../helpers/numberedMessages';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const items = (count: number) => numberedItems(Array.from({ length: count }, (_, n) => `r${n}@example.com`));
const sink = useSmtpSinks({ tls: 'plain' });

describe('Max Connections bounds the sessions at the server', () => {
	it('with 3, never more than 3 concurrent sessions, and all 3 are used', async () => {
		// no reply until three messages wait at once: the node must carry them on three sessions together
		const server = await sink({ holdReplies: (held) => (held.length === 3 ? held : undefined) });
		const result = await runMailshitNode({ items: items(30), parameters: parameters({ maxConnections: 3 }), credential: smtpCredential(server.port) });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.type)).toEqual(Array(30).fill('sent'));
		expect(server.messages).toHaveLength(30);
		expect(server.stats.maxOpen).toBe(3);
		expect(server.stats.connections).toBe(3);
	});

	it('with 1, a single session carries every message', async () => {
		const server = await sink();
		await runMailshitNode({ items: items(15), parameters: parameters({ maxConnections: 1 }), credential: smtpCredential(server.port) });
		await server.waitForMessages(15);
		expect(server.stats.connections).toBe(1);
		expect(new Set(server.messages.map((m) => m.session.id)).size).toBe(1);
	});
});

describe('Messages per Second paces the sending', () => {
	// the evenness of the pace (one every 100 ms, no bursts) is proven on a fake clock in
	// test/unit/transport/scheduling.test.ts; this is the one wall-time check, at the real server
	it('at 10/s, 30 messages are spread over at least 2.7 s as the sink saw them', async () => {
		const server = await sink();
		const result = await runMailshitNode({ items: items(30), parameters: parameters({ messagesPerSecond: 10 }), credential: smtpCredential(server.port) });
		expect(result.main.every((item) => item.json.type === 'sent')).toBe(true);
		await server.waitForMessages(30);
		const times = server.messages.map((m) => m.receivedAt).sort((a, b) => a - b);
		expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(2700);
	});
});

describe('output order is input order under concurrency', () => {
	it('later items finishing first do not reorder the output', async () => {
		// five at a time, the server answers the last message in first
		const server = await sink({ holdReplies: (held) => (held.length === 5 ? held.reverse() : undefined) });
		const result = await runMailshitNode({ items: items(20), parameters: parameters({ maxConnections: 5 }), credential: smtpCredential(server.port) });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.accepted)).toEqual(items(20).map((item) => [item.json.email]));
		expect(result.main.map((item) => item.pairedItem)).toEqual(items(20).map((_, index) => ({ item: index })));
		// and the server really did answer them out of order
		const answered = [...server.messages].sort((a, b) => a.replyOrder! - b.replyOrder!).map((m) => m.envelope.to[0]);
		expect(answered).toHaveLength(20);
		expect(answered).not.toEqual(items(20).map((item) => item.json.email));
	});
});

describe('the pool is closed at the end of every execution', () => {
	// idle pooled sessions would live for the 30 s socket timeout; closed ones end at once
	const longLived = (port: number) => smtpCredential(port, { connectionTimeout: 30 });

	it('after success', async () => {
		const server = await sink();
		await runMailshitNode({ items: items(5), parameters: parameters(), credential: longLived(server.port) });
		await server.waitForIdle(2000);
		expect(server.stats.open).toBe(0);
		// within Max Connections (default 5)
		expect(server.stats.connections).toBeGreaterThanOrEqual(1);
		expect(server.stats.connections).toBeLessThanOrEqual(5);
		expect(server.messages).toHaveLength(5);
	});

	it('after a thrown error (a refused recipient, no Continue On Fail)', async () => {
		const server = await sink({ faults: ({ recipient }) => (recipient === 'r2@example.com' ? 'reject550' : undefined) });
		const result = await runMailshitNode({ items: items(5), parameters: parameters({ maxConnections: 1 }), credential: longLived(server.port) });
		expect(result.error?.name).toBe('NodeApiError');
		await server.waitForIdle(2000);
		expect(server.stats.open).toBe(0);
	});

	it('after Continue On Fail', async () => {
		const server = await sink({ faults: ({ recipient }) => (recipient === 'r2@example.com' ? 'reject550' : undefined) });
		const result = await runMailshitNode({ items: items(5), parameters: parameters(), credential: longLived(server.port), onError: 'continueRegularOutput' });
		expect(result.main.map((item) => item.json.type)).toEqual(['sent', 'sent', 'send_failed', 'sent', 'sent']);
		await server.waitForIdle(2000);
		expect(server.stats.open).toBe(0);
	});
});
