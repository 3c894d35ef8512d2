/**
 * A private Redis for one queue-mode run: Debian's `redis-server` in the foreground, on 127.0.0.1
 * and a free port, with no persistence (`--save ''`, no append-only file) in its own temp folder,
 * never the system service. It runs in its own process group, so it dies with the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanEnv, freePort, lastLines, readLog, spawnGroup, waitUntil } from '../harness/processes';

export interface PrivateRedis {
	host: '127.0.0.1';
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<PrivateRedis> {
	const dir = mkdtempSync(path.join(tmpdir(), 'mailshit-queue-redis-'));
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', logFile, '--daemonize', 'no'];
	const redis = spawnGroup('redis-server', args, { cwd: dir, env: cleanEnv() });
	const stop = async () => {
		await redis.stop(5_000);
		rmSync(dir, { recursive: true, force: true });
	};
	const logText = () => readLog(logFile);
	try {
		await waitUntil(
			async () => {
				if (redis.hasExited()) throw new Error(`redis-server exited (${await redis.exited}): is Debian's redis-server installed? (apt-get install redis-server)`);
				return /Ready to accept connections/.test(logText());
			},
			`redis-server on 127.0.0.1:${port}`,
			20_000,
			50,
		);
	} catch (error) {
		const log = lastLines(logText(), 20);
		await stop();
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	return { host: '127.0.0.1', port, logFile, stop };
}
