import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** How long python3 may take to start and print its port, and a queue-filling connection to connect. */
const STARTUP_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection with `error()` after `ms`; the timer and the losing wait end with it. */
async function bounded<T>(wait: (signal: AbortSignal) => Promise<T>, ms: number, error: () => Error): Promise<T> {
	const done = new AbortController();
	const { signal } = done;
	try {
		// the waits that lose the race end with the abort below; their AbortError is handled by the race
		return await Promise.race([wait(signal), delay(ms, undefined, { signal }).then(() => Promise.reject(error()))]);
	} finally {
		done.abort();
	}
}

function needsPython(why: string): Error {
	return new Error(`python3 is needed for the SYN-drop test: ${why}`);
}

/** The holder's first line (its port), or a clear error when python3 is missing, dies or hangs. */
async function firstLine(holder: ChildProcess): Promise<string> {
	try {
		return await bounded(
			(signal) =>
				Promise.race([
					once(holder.stdout!, 'data', { signal }).then(([chunk]) => String(chunk)),
					// events.once rejects when the emitter emits 'error': a missing python3 (spawn ENOENT) lands there
					once(holder, 'exit', { signal }).then(
						([code]) => Promise.reject(needsPython(`it exited (${String(code)}) before printing its port`)),
						(error: Error) => Promise.reject(needsPython(error.message)),
					),
				]),
			STARTUP_TIMEOUT_MS,
			() => needsPython(`it printed no port within ${STARTUP_TIMEOUT_MS / 1000} s`),
		);
	} catch (error) {
		holder.kill('SIGKILL');
		holder.stdin?.destroy();
		holder.stdout?.destroy();
		throw error;
	}
}

/**
 * A port on 127.0.0.1 where the TCP handshake itself never completes: a listener with a backlog
 * of 0 that never accepts, whose queue we fill first, so the kernel drops further SYNs — what a
 * firewall that silently drops traffic looks like. Node always accepts, so a tiny python3 process
 * (present wherever node-gyp works) holds the socket.
 */
export async function startBlackhole(): Promise<{ port: number; close(): Promise<void> }> {
	const holder = spawn(
		'python3',
		[
			'-c',
			[
				'import socket, sys',
				's = socket.socket()',
				"s.bind(('127.0.0.1', 0))",
				's.listen(0)',
				'print(s.getsockname()[1], flush=True)',
				'sys.stdin.read()', // lives until the test closes stdin
			].join('\n'),
		],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const port = Number((await firstLine(holder)).trim());
	// from here on an error (a failed kill) must not crash the run; 'exit' is what close() waits for
	holder.on('error', () => undefined);
	const fillers: net.Socket[] = [];
	// backlog 0 still queues one or two connections; a few extra make sure the queue is full
	for (let i = 0; i < 3; i++) {
		const filler = net.connect(port, '127.0.0.1');
		filler.on('error', () => undefined);
		fillers.push(filler);
	}
	const close = async () => {
		for (const filler of fillers) filler.destroy();
		holder.stdin?.end();
		if (holder.exitCode !== null || holder.signalCode !== null) return;
		// python exits when its stdin closes; SIGKILL if it does not within the bound
		await bounded((signal) => once(holder, 'exit', { signal }), 5_000, () => new Error('python3 did not exit')).catch(async () => {
			const exited = once(holder, 'exit');
			holder.kill('SIGKILL');
			await exited;
		});
	};
	try {
		await bounded((signal) => once(fillers[0], 'connect', { signal }), STARTUP_TIMEOUT_MS, () => new Error(`the blackhole's queue on port ${port} did not take a connection`));
	} catch (error) {
		await close();
		throw error;
	}
	return { port, close };
}
