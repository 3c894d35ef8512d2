/**
 * A benchmark sink in its own process, so that receiving does not share an event loop with the
 * sender being measured. `stock`: smtp-server as shipped (it waits ~100 ms before greeting each
 * new connection, as many real servers do); `nopause`: the same server greeting at once.
 * Counts messages, distinct Message-IDs, sessions and bytes; answers the parent over IPC.
 */
import { SMTPServer } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection';

type Mode = 'stock' | 'nopause';
const mode = (process.argv[2] ?? 'stock') as Mode;

if (mode === 'nopause') {
	// smtp-server's init() waits 100 ms for "early talkers" before greeting; skip only that wait
	const prototype = SMTPConnection.prototype as unknown as {
		_setListeners(done: () => void): void;
		connectionReady(): void;
		init(): void;
	};
	prototype.init = function init(this: typeof prototype) {
		this._setListeners(() => this.connectionReady());
	};
}

let messages = 0;
const messageIds = new Set<string>();
let connections = 0;
let bytes = 0;

const server = new SMTPServer({
	logger: false,
	disableReverseLookup: true,
	authOptional: true,
	disabledCommands: ['STARTTLS', 'AUTH'],
	// the n8n Send Email anchor opens one connection per message and never closes them
	maxClients: 100_000,
	onConnect(_session, callback) {
		connections++;
		callback();
	},
	onData(stream, _session, callback) {
		let head = '';
		stream.on('data', (chunk: Buffer) => {
			bytes += chunk.length;
			if (head.length < 4096) head += chunk.toString('latin1');
		});
		stream.on('end', () => {
			messages++;
			const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
			if (id) messageIds.add(id);
			callback();
		});
	},
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
	const address = server.server.address();
	process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', (request: { type: string }) => {
	if (request.type === 'count') process.send?.({ type: 'count', messages, distinct: messageIds.size, connections, bytes });
	if (request.type === 'reset') {
		messages = 0;
		connections = 0;
		bytes = 0;
		messageIds.clear();
		process.send?.({ type: 'reset' });
	}
	if (request.type === 'stop') server.close(() => process.exit(0));
});
// the benchmark died or was stopped with Ctrl-C: do not linger as an orphan holding a port
process.on('disconnect', () => process.exit(0));
