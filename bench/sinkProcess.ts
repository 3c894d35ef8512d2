/**
 * The benchmark's SMTP sink (sink.ts) as a child process, and CPU pinning: both bench modes (the
 * n8n-core harness and a real n8n) measure against the same sink the same way.
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

export type SinkMode = 'stock' | 'nopause';

export interface SinkCount {
	messages: number;
	/** Distinct Message-IDs: a message sent twice counts once here. */
	distinct: number;
	/** SMTP sessions opened since the last reset. */
	connections: number;
	/** Bytes of DATA received since the last reset (headers and body, as on the wire). */
	bytes: number;
}

export interface SinkHandle {
	port: number;
	count(): Promise<SinkCount>;
	reset(): Promise<void>;
	stop(): Promise<void>;
}

export const TSX = ['--import', 'tsx'];

/**
 * With two cores or more, the sink gets core 1 and the measured sender core 0 (taskset), so they
 * do not take turns on one core at the scheduler's whim: that alone halved the run-to-run spread.
 */
export const pinning = availableParallelism() >= 2 && existsSync('/usr/bin/taskset');

export function pin(pid: number | undefined, core: number): void {
	if (pinning && pid) execFileSync('taskset', ['-cp', String(core), String(pid)], { stdio: 'ignore' });
}

/** `command` prefixed with `taskset -c <core>` when pinning. */
export function pinnedCommand(core: number, command: string[]): string[] {
	return pinning ? ['taskset', '-c', String(core), ...command] : command;
}

export function startSink(mode: SinkMode): Promise<SinkHandle> {
	const child = fork(path.join(__dirname, 'sink.ts'), [mode], { execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	pin(child.pid, 1);
	const request = <T>(type: string) =>
		new Promise<T>((resolve) => {
			const onMessage = (message: { type: string }) => {
				if (message.type !== type) return;
				child.off('message', onMessage);
				resolve(message as T);
			};
			child.on('message', onMessage);
			child.send({ type });
		});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('message', (message: { type: string; port: number }) =>
			resolve({
				port: message.port,
				count: () => request<SinkCount>('count'),
				reset: () => request<unknown>('reset').then(() => undefined),
				stop: () => new Promise((done) => (child.once('exit', () => done()), child.send({ type: 'stop' }))),
			}),
		);
	});
}
