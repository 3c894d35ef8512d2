/**
 * `n8n start` on a user folder, bounded, until it really is ready: /healthz answers as soon as
 * the HTTP server listens, before the migrations; /healthz/readiness once the database is
 * migrated; "Editor is now accessible" is the last start-up line, and the JS task runner (which
 * the Code node needs) registers just before it.
 */
import { instanceEnv, type N8nInstall } from '../n8n-versions';
import { cleanEnv, freePort, httpStatus, lastLines, readLog, spawnGroup, waitUntil, type GroupProcess } from './processes';

export interface N8nServer {
	baseUrl: string;
	port: number;
	logFile: string;
	process: GroupProcess;
	logText(): string;
	stop(): Promise<void>;
}

export interface StartOptions {
	install: N8nInstall;
	userFolder: string;
	logFile: string;
	/** Default: a free port. */
	port?: number;
	/** 'json' gives every line a level (the suite's log scan); 'text' is what a person reads. */
	logFormat?: 'json' | 'text';
	extraEnv?: Record<string, string>;
	timeoutMs?: number;
	/** Called with the process group once spawned, before it is ready (the installer's abort). */
	onSpawn?: (process: GroupProcess) => void;
	/** Wait for the JS task runner too (default); a queue-mode main runs no code itself and starts none. */
	taskRunner?: boolean;
}

export async function startN8nServer(options: StartOptions): Promise<N8nServer> {
	const port = options.port ?? (await freePort());
	const env = {
		...instanceEnv(options.install, { userFolder: options.userFolder, port, brokerPort: await freePort(), base: cleanEnv() }),
		N8N_LOG_FORMAT: options.logFormat ?? 'json',
		...options.extraEnv,
	};
	const child = spawnGroup(options.install.nodeBin, [options.install.n8nBin, 'start'], { cwd: options.userFolder, env, logFile: options.logFile });
	options.onSpawn?.(child);
	const baseUrl = `http://127.0.0.1:${port}`;
	const logText = () => readLog(options.logFile);
	const server: N8nServer = { baseUrl, port, logFile: options.logFile, process: child, logText, stop: () => child.stop() };
	const timeoutMs = options.timeoutMs ?? 180_000;
	try {
		await waitUntil(
			async () => {
				if (child.hasExited()) throw new Error(`n8n exited during start-up (${await child.exited})`);
				const text = logText();
				if (!/Editor is now accessible/.test(text)) return false;
				if (options.taskRunner !== false && !/Registered runner \\?"JS Task Runner/.test(text)) return false;
				return (await httpStatus(`${baseUrl}/healthz`)) === 200 && (await httpStatus(`${baseUrl}/healthz/readiness`)) === 200;
			},
			`n8n ${options.install.version} to be ready on ${baseUrl}`,
			timeoutMs,
			500,
		);
	} catch (error) {
		await child.stop();
		throw new Error(`${(error as Error).message}; log ${options.logFile}:\n${lastLines(logText(), 40)}`);
	}
	return server;
}
