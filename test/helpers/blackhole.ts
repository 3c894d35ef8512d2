import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

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
	const [firstLine] = (await once(holder.stdout, 'data')) as [Buffer];
	const port = Number(firstLine.toString().trim());
	const fillers: net.Socket[] = [];
	// backlog 0 still queues one or two connections; a few extra make sure the queue is full
	for (let i = 0; i < 3; i++) {
		const filler = net.connect(port, '127.0.0.1');
		filler.on('error', () => undefined);
		fillers.push(filler);
	}
	await Promise.all(fillers.slice(0, 1).map((filler) => once(filler, 'connect')));
	return {
		port,
		async close() {
			for (const filler of fillers) filler.destroy();
			holder.stdin?.end();
			if (holder.exitCode === null) await once(holder, 'exit');
		},
	};
}
