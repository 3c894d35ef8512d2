/**
 * The test's and the benchmark's side of sinkProcess.ts: starts it (with tsx, in its own
 * process) and asks it over IPC. Every request is answered; a bounded wait guards each one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SinkOptions, SinkRecord, SinkRequest, SinkStats } from './sinkProcess';

export type { SinkRecord, SinkStats };

export interface SinkClient {
	host: '127.0.0.1';
	port: number;
	pid: number;
	stats(): Promise<SinkStats>;
	records(): Promise<SinkRecord[]>;
	/** The raw message each recipient got (kept for the first few messages and the `keep` list). */
	raw(recipients: string[]): Promise<Record<string, string | null>>;
	/** Resolves once `messages` have arrived; rejects after `timeoutMs` with how many did. */
	waitFor(messages: number, timeoutMs: number): Promise<void>;
	/** From the `messages`-th message on, the server holds its replies to DATA until release(). */
	holdFrom(messages: number): Promise<void>;
	release(): Promise<void>;
	/** Forgets every message and starts the peak count over. */
	reset(): Promise<void>;
	stop(): Promise<void>;
}

type Body = { stats?: SinkStats; records?: SinkRecord[]; raw?: Record<string, string | null> };
type Request = SinkRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function startSinkProcess(options: SinkOptions = {}): Promise<SinkClient> {
	const child: ChildProcess = fork(path.join(__dirname, 'sinkProcess.ts'), [JSON.stringify(options)], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let nextId = 1;
	const pending = new Map<number, (body: Body) => void>();
	child.on('message', (message: { id?: number } & Body) => {
		if (message.id === undefined) return;
		pending.get(message.id)?.(message);
		pending.delete(message.id);
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	function ask(request: Request, timeoutMs = 30_000): Promise<Body> {
		const id = nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				pending.delete(id);
				reject(new Error(`the SMTP sink did not answer "${request.type}" within ${timeoutMs} ms`));
			}, timeoutMs);
			pending.set(id, (body) => {
				clearTimeout(timer);
				resolve(body);
			});
			child.send({ ...request, id });
		});
	}

	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`the SMTP sink exited before it was ready (${code})`)));
		child.once('message', (message: { type?: string; port?: number }) => {
			if (message.type !== 'ready' || !message.port) return reject(new Error(`the SMTP sink said ${JSON.stringify(message)}`));
			resolve({
				host: '127.0.0.1',
				port: message.port,
				pid: child.pid!,
				stats: async () => (await ask({ type: 'stats' })).stats!,
				records: async () => (await ask({ type: 'records' })).records!,
				raw: async (recipients) => (await ask({ type: 'raw', recipients })).raw!,
				waitFor: async (messages, timeoutMs) => {
					try {
						await ask({ type: 'waitFor', messages }, timeoutMs);
					} catch {
						throw new Error(`expected ${messages} messages at the sink within ${timeoutMs} ms, ${(await ask({ type: 'stats' })).stats!.messages} arrived`);
					}
				},
				holdFrom: async (messages) => void (await ask({ type: 'holdFrom', messages })),
				release: async () => void (await ask({ type: 'release' })),
				reset: async () => void (await ask({ type: 'reset' })),
				stop: async () => {
					if (child.exitCode !== null) return;
					await ask({ type: 'stop' }, 5_000).catch(() => child.kill('SIGKILL'));
					await exited;
				},
			});
		});
	});
}
