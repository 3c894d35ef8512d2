/**
 * The delivery engine through n8n's engine: one pool, bounded connections, an even pace, output
 * in input order, and the pool closed whatever happens. Behaviour only: speed is in bench/.
 */
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink';

const parameters = (options: Record<string, unknown> = {}) => ({
	operation: 'send',
	toEmail: '={{ $json.email }}',
	subject: 'Message {{n}}',
	templateFormat: 'text',
	template: 'Number {{n}}',
	options: { retryDelaySeconds: 0.05, ...options },
});
const items = (count: number, prefix = 'r') => jsonItems(Array.from({ length: count }, (_, n) => ({ n, email: `${prefix}${n}@example.com` })));

const sinks: SmtpSink[] = [];
async function sink(options: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
	const started = await startSmtpSink({ tls: 'plain', ...options });
	sinks.push(started);
	return started;
}
afterEach(async () => {
	await Promise.all(sinks.splice(0).map((s) => s.close()));
});

describe('Max Connections bounds the sessions at the server', () => {
	it('with 3, never more than 3 concurrent sessions, and all 3 are used', async () => {
		// a server that takes 30 ms per message makes parallel sessions overlap
		const server = await sink({ replyDelayMs: () => 30 });
		const result = await runMailshitNode({ items: items(30), parameters: parameters({ maxConnections: 3 }), credential: smtpCredential(server.port) });
		expect(result.error).toBeUndefined();
		await server.waitForMessages(30);
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

describe('Messages per Second paces the sending evenly', () => {
	it('at 10/s, 30 messages are spread over at least 2.7 s as the sink saw them', async () => {
		const server = await sink();
		const result = await runMailshitNode({ items: items(30), parameters: parameters({ messagesPerSecond: 10 }), credential: smtpCredential(server.port) });
		expect(result.main.every((item) => item.json.type === 'sent')).toBe(true);
		await server.waitForMessages(30);
		const times = server.messages.map((m) => m.receivedAt).sort((a, b) => a - b);
		expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(2700);
		// evenly, not in bursts of 10: the typical gap between two arrivals is close to 100 ms
		const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
		expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(80);
	});
});

describe('output order is input order under concurrency', () => {
	it('later items finishing first do not reorder the output', async () => {
		// the server answers item 0 slowest and the last item fastest
		const server = await sink({ replyDelayMs: (recipient) => 200 - 10 * Number(/\d+/.exec(recipient)![0]) });
		const result = await runMailshitNode({ items: items(20), parameters: parameters({ maxConnections: 5 }), credential: smtpCredential(server.port) });
		await server.waitForMessages(20);
		expect(result.main.map((item) => item.json.accepted)).toEqual(items(20).map((item) => [item.json.email]));
		expect(result.main.map((item) => item.pairedItem)).toEqual(items(20).map((_, index) => ({ item: index })));
		// and the server really did answer them out of order
		const finished = [...server.messages].sort((a, b) => a.repliedAt! - b.repliedAt!).map((m) => m.envelope.to[0]);
		expect(finished).not.toEqual(items(20).map((item) => item.json.email));
	});
});

describe('the pool is closed at the end of every execution', () => {
	// idle pooled sessions would live for the 30 s socket timeout; closed ones end at once
	const longLived = (port: number) => smtpCredential(port, { connectionTimeout: 30 });

	it('after success', async () => {
		const server = await sink();
		await runMailshitNode({ items: items(5), parameters: parameters(), credential: longLived(server.port) });
		await server.waitForIdle(2000);
		expect(server.stats).toMatchObject({ open: 0, connections: expect.any(Number) });
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
