/**
 * n8n in queue mode on one machine, as it would run on several: one `n8n start` (editor,
 * webhooks, the queue's producer) and `n8n worker --concurrency=N` processes, sharing one Redis,
 * one PostgreSQL and one encryption key. Each instance has its own user folder, as separate
 * machines would, and this package is installed into every one of them the way Community Nodes
 * installs it (a worker without it fails the job with "Unrecognized node type").
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { instanceEnv, type N8nInstall } from '../n8n-versions';
import { installCommunityPackage } from '../harness/communityPackage';
import { startN8nServer, type N8nServer } from '../harness/n8nServer';
import { cleanEnv, freePort, lastLines, spawnGroup, waitUntil, type GroupProcess } from '../harness/processes';
import type { PrivatePostgres } from './postgres';
import type { PrivateRedis } from './redis';
import { queueInstanceEnv } from './queueEnv';

export interface QueueWorker {
	name: string;
	userFolder: string;
	logFile: string;
	healthUrl: string;
	process: GroupProcess;
	logText(): string;
}

export interface QueueCluster {
	main: N8nServer;
	mainFolder: string;
	workers: QueueWorker[];
	/** What every instance got on top of the version's own environment (for a worker started later). */
	env: Record<string, string>;
	/** Starts a worker on an existing user folder (a restart after a kill) or a new one. */
	startWorker(name: string): Promise<QueueWorker>;
	/** npm's output of each instance's package install, for the log scan. */
	npmOutput: string;
	stop(): Promise<void>;
}

export interface ClusterOptions {
	install: N8nInstall;
	tarball: string;
	workDir: string;
	redis: PrivateRedis;
	postgres: PrivatePostgres;
	workers: number;
	concurrency: number;
	/** Added to every instance's environment. */
	extraEnv?: Record<string, string>;
	log?: (line: string) => void;
}

function readLog(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

async function httpOk(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response.ok;
	} catch {
		return false;
	}
}

export async function startQueueCluster(options: ClusterOptions): Promise<QueueCluster> {
	const { install, workDir } = options;
	const log = options.log ?? (() => undefined);
	const env: Record<string, string> = {
		...queueInstanceEnv({ encryptionKey: randomBytes(24).toString('base64url'), redis: options.redis, postgres: options.postgres }),
		...options.extraEnv,
	};
	const folderOf = (name: string) => path.join(workDir, name);
	const names = ['main', ...Array.from({ length: options.workers }, (_, i) => `worker-${i + 1}`)];

	// every instance its own user folder and its own install, side by side
	log(`installing the package into ${names.length} user folders`);
	const installs = await Promise.all(
		names.map(async (name) => {
			mkdirSync(folderOf(name), { recursive: true });
			const installEnv = { ...instanceEnv(install, { userFolder: folderOf(name), base: cleanEnv() }), ...env };
			return installCommunityPackage(options.tarball, folderOf(name), installEnv);
		}),
	);

	const workers: QueueWorker[] = [];
	async function startWorker(name: string): Promise<QueueWorker> {
		const userFolder = folderOf(name);
		mkdirSync(userFolder, { recursive: true });
		// a worker killed with SIGKILL leaves its crash journal; n8n would report a crash on the next start
		rmSync(path.join(userFolder, '.n8n', 'crash.journal'), { force: true });
		const healthPort = await freePort();
		const logFile = path.join(workDir, `${name}.log`);
		const workerEnv = {
			...instanceEnv(install, { userFolder, brokerPort: await freePort(), base: cleanEnv() }),
			...env,
			N8N_LOG_FORMAT: 'json',
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
		const child = spawnGroup(install.nodeBin, [install.n8nBin, 'worker', `--concurrency=${options.concurrency}`], { cwd: userFolder, env: workerEnv, logFile });
		const worker: QueueWorker = { name, userFolder, logFile, healthUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`, process: child, logText: () => readLog(logFile) };
		try {
			await waitUntil(
				async () => {
					if (child.hasExited()) throw new Error(`${name} exited during start-up (${await child.exited})`);
					const text = worker.logText();
					// the Code node runs in the worker's own task runner
					if (!/n8n worker is now ready/.test(text) || !/Registered runner \\?"JS Task Runner/.test(text)) return false;
					return httpOk(worker.healthUrl);
				},
				`${name} to be ready`,
				120_000,
				250,
			);
		} catch (error) {
			await child.stop();
			throw new Error(`${(error as Error).message}; log ${logFile}:\n${lastLines(worker.logText(), 30)}`);
		}
		const index = workers.findIndex((w) => w.name === name);
		if (index === -1) workers.push(worker);
		else workers[index] = worker;
		log(`${name} ready (pid ${child.pid})`);
		return worker;
	}

	// main first: it runs the database migrations the workers expect
	log('starting main');
	const main = await startN8nServer({ install, userFolder: folderOf('main'), logFile: path.join(workDir, 'main.log'), extraEnv: env, taskRunner: false });
	log(`main ready on ${main.baseUrl}`);
	try {
		await Promise.all(names.slice(1).map((name) => startWorker(name)));
	} catch (error) {
		await main.stop();
		throw error;
	}

	return {
		main,
		mainFolder: folderOf('main'),
		workers,
		env,
		startWorker,
		npmOutput: installs.map((i) => i.npmOutput).join('\n'),
		async stop() {
			await Promise.all(workers.map((worker) => worker.process.stop()));
			await main.stop();
		},
	};
}
