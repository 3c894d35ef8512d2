/**
 * The SMTP server every message of the queue suite and its benchmark goes to: `smtp-server` as
 * shipped, on 127.0.0.1, in a process of its own, driven over IPC (sinkClient.ts).
 *
 * Its own process because it receives 10,000 messages from three n8n processes while the test
 * process polls n8n and reads logs: replies stay prompt whatever the test does, and the benchmark
 * measures queue mode and a single instance against the very same server. It records per message
 * only the envelope, the Message-ID and the session (a full parse of 10,000 MJML messages with an
 * attachment would cost more CPU than the senders); the whole raw message is kept for the first
 * few and for recipients asked for by name, and the test parses those.
 *
 *   node --import tsx e2e/queue/sinkProcess.ts '{"keepFirst":3,"keep":["a@example.com"]}'
 */
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface SinkRecord {
	/** Envelope recipients (RCPT TO). */
	to: string[];
	messageId: string;
	session: string;
	/** ms since the sink started. */
	at: number;
}

export interface SinkStats {
	messages: number;
	/** Sessions ever opened, open now, and the most open at once since the last reset. */
	connections: number;
	open: number;
	maxOpen: number;
	/** DATA replies held back right now. */
	held: number;
}

export type SinkRequest =
	| { id: number; type: 'stats' | 'records' | 'release' | 'reset' | 'stop' }
	| { id: number; type: 'raw'; recipients: string[] }
	| { id: number; type: 'waitFor'; messages: number }
	| { id: number; type: 'holdFrom'; messages: number };

export interface SinkOptions {
	keepFirst?: number;
	keep?: string[];
}

function main(): void {
	const options = JSON.parse(process.argv[2] ?? '{}') as SinkOptions;
	const started = Date.now();
	const records: SinkRecord[] = [];
	const raw = new Map<string, string>();
	const keep = new Set(options.keep ?? []);
	/** Sessions ever opened, the ones open now (by id), and the most open at once since the last reset. */
	let connections = 0;
	let maxOpen = 0;
	const openSessions = new Set<string>();
	/** Replies held from the n-th message on, until released. */
	let holdFrom = Infinity;
	const held: Array<() => void> = [];
	const waiters: Array<{ messages: number; answer: () => void }> = [];

	const reply = (id: number, body: object = {}) => process.send?.({ id, ...body });
	const statsNow = (): SinkStats => ({ messages: records.length, connections, open: openSessions.size, maxOpen, held: held.length });

	const server = new SMTPServer({
		logger: false,
		disableReverseLookup: true,
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		size: 50 * 1024 * 1024,
		onConnect(session, callback) {
			connections++;
			openSessions.add(session.id);
			maxOpen = Math.max(maxOpen, openSessions.size);
			callback();
		},
		onClose(session) {
			openSessions.delete(session.id);
		},
		onData(stream, session: SMTPServerSession, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const message = Buffer.concat(chunks).toString('latin1');
				const headerEnd = message.search(/\r?\n\r?\n/);
				const head = message.slice(0, headerEnd === -1 ? 8192 : headerEnd);
				const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
				const messageId = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '';
				records.push({ to, messageId, session: session.id, at: Date.now() - started });
				if (records.length <= (options.keepFirst ?? 3) || to.some((address) => keep.has(address))) raw.set(to[0], message);
				for (let i = waiters.length - 1; i >= 0; i--) {
					if (records.length >= waiters[i].messages) waiters.splice(i, 1)[0].answer();
				}
				// the message is in either way: a held reply is a server that took it and has not said so yet
				if (records.length >= holdFrom) held.push(() => callback());
				else callback();
			});
		},
	});
	server.on('error', () => undefined);
	server.listen(0, '127.0.0.1', () => {
		const address = server.server.address();
		process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
	});

	process.on('message', (request: SinkRequest) => {
		switch (request.type) {
			case 'stats':
				return reply(request.id, { stats: statsNow() });
			case 'records':
				return reply(request.id, { records });
			case 'raw':
				return reply(request.id, { raw: Object.fromEntries(request.recipients.map((recipient) => [recipient, raw.get(recipient) ?? null])) });
			case 'waitFor':
				if (records.length >= request.messages) return reply(request.id);
				return void waiters.push({ messages: request.messages, answer: () => reply(request.id) });
			case 'holdFrom':
				holdFrom = request.messages;
				return reply(request.id);
			case 'release':
				holdFrom = Infinity;
				for (const send of held.splice(0)) send();
				return reply(request.id);
			case 'reset':
				records.length = 0;
				raw.clear();
				connections = 0;
				maxOpen = openSessions.size;
				return reply(request.id);
			case 'stop':
				// smtp-server's close() would wait for its clients: this sink ends with the run
				return void process.send?.({ id: request.id }, () => process.exit(0));
		}
	});
	// the parent died or was stopped with Ctrl-C: do not linger holding a port
	process.on('disconnect', () => process.exit(0));
}

if (require.main === module) main();
