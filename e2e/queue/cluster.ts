/**
 * n8n in queue mode on one machine, as it would run on several: one `n8n start` (editor,
 * webhooks, the queue's producer) and `n8n worker --concurrency=N` processes, sharing one Redis,
 * one PostgreSQL and one encryption key. Each instance has its own user folder, as separate
 * machines would, and this package is installed into every one of them the way Community Nodes
 * installs it (a worker without it fails the job with "Unrecognized node type").
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { instanceEnv, type N8nInstall } from '../n8n-versions';
import { installCommunityPackage } from '../harness/communityPackage';
import { startN8nServer, type N8nServer } from '../harness/n8nServer';
import { cleanEnv, freePort, httpStatus, lastLines, readLog, spawnGroup, waitUntil, type GroupProcess } from '../harness/processes';
import type { PrivatePostgres } from './postgres';
import type { PrivateRedis } from './redis';
import { queueInstanceEnv } from './queueEnv';

export interface QueueWorker {
	name: string;
	logFile: string;
	process: GroupProcess;
	logText(): string;
}

export interface QueueCluster {
	main: N8nServer;
	workers: QueueWorker[];
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
		const worker: QueueWorker = { name, logFile, process: child, logText: () => readLog(logFile) };
		const readiness = `http://127.0.0.1:${healthPort}/healthz/readiness`;
		try {
			await waitUntil(
				async () => {
					if (child.hasExited()) throw new Error(`${name} exited during start-up (${await child.exited})`);
					const text = worker.logText();
					// the Code node runs in the worker's own task runner
					if (!/n8n worker is now ready/.test(text) || !/Registered runner \\?"JS Task Runner/.test(text)) return false;
					return (await httpStatus(readiness)) === 200;
				},
				`${name} to be ready`,
				120_000,
				250,
			);
		} catch (error) {
			await child.stop();
			throw new Error(`${(error as Error).message}; log ${logFile}:\n${lastLines(worker.logText(), 30)}`);
		}
		workers.push(worker);
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
		await Promise.all([main.stop(), ...workers.map((worker) => worker.process.stop())]);
		throw error;
	}

	return {
		main,
		workers,
		npmOutput: installs.map((i) => i.npmOutput).join('\n'),
		async stop() {
			await Promise.all(workers.map((worker) => worker.process.stop()));
			await main.stop();
		},
	};
}
