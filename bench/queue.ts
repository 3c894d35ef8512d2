/**
 * `npm run bench:queue`: the queue suite's workload — 20 concurrent webhook calls of 500
 * recipients, the MJML newsletter with the request's PDF attached, 10,000 emails — on n8n's
 * queue mode (a main and 2 workers, concurrency 5) and on one regular n8n, same machine, same
 * SMTP sink (e2e/queue/sinkProcess.ts, in its own process). Both use a private PostgreSQL.
 * Prints messages/s, wall time (first POST to last message at the sink) and peak SMTP sessions;
 * writes bench/results/queue-latest.json. Measured, never asserted.
 *
 *   npm run bench:queue                                  # 20 × 500, 3 runs per mode
 *   npm run bench:queue -- --batches 4 --size 250 --repeat 1
 *
 * Run it alone: `flock /work/locks/n8n.lock npm run bench:queue` where suites share the machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { buildAndPack, installCommunityPackage } from '../e2e/harness/communityPackage';
import { N8nRestClient } from '../e2e/harness/n8nRest';
import { startN8nServer } from '../e2e/harness/n8nServer';
import { cleanEnv } from '../e2e/harness/processes';
import { instanceEnv, n8nInstall } from '../e2e/n8n-versions';
import { startQueueCluster } from '../e2e/queue/cluster';
import { settledExecutions } from '../e2e/queue/evidence';
import { startPostgres, type PrivatePostgres } from '../e2e/queue/postgres';
import { WORKER_CONCURRENCY, WORKER_COUNT } from '../e2e/queue/queueEnv';
import { startRedis } from '../e2e/queue/redis';
import { startSinkProcess, type SinkClient } from '../e2e/queue/sinkClient';
import { batchRecipients, createActiveWorkflow, customSmtpCredential, postBatch, waitForWebhook, webhookWorkflow } from '../e2e/queue/workload';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1] || fallback) || fallback;
const batches = option('batches', 20);
const size = option('size', 500);
const repeat = option('repeat', 3);
const maxConnections = option('max-connections', 3);
const install = n8nInstall(2)!;
const OWNER = { email: 'bench@mailshit.test', password: 'E2e-bench-1', firstName: 'Bench', lastName: 'Queue' };

type Mode = 'queue' | 'regular';
interface Run {
	mode: Mode;
	messages: number;
	/** First POST to the last message at the sink. */
	seconds: number;
	perSecond: number;
	/** First POST to every execution stored as finished. */
	settledSeconds: number;
	peakSessions: number;
	/** Peak resident memory (MB) of each n8n instance with its task runner: main first. */
	peakRssMb: number[];
}

/** Resident memory (MB) per process group: an n8n instance with its task runner (and watchdog). */
function rssMbByGroup(): Map<number, number> {
	const byGroup = new Map<number, number>();
	for (const line of execFileSync('ps', ['-e', '-o', 'pgid=,rss='], { encoding: 'utf8' }).split('\n')) {
		const [pgid, kb] = line.trim().split(/\s+/).map(Number);
		if (pgid) byGroup.set(pgid, (byGroup.get(pgid) ?? 0) + (kb || 0) / 1024);
	}
	return byGroup;
}

/** Samples the groups' memory every 500 ms until stopped; returns each group's peak. */
function sampleRss(pgids: number[]): () => number[] {
	const peaks = pgids.map(() => 0);
	const sample = () => {
		const now = rssMbByGroup();
		pgids.forEach((pgid, i) => (peaks[i] = Math.max(peaks[i], now.get(pgid) ?? 0)));
	};
	sample();
	const timer = setInterval(sample, 500);
	return () => {
		clearInterval(timer);
		sample();
		return peaks.map(Math.round);
	};
}

const started = Date.now();
const log = (line: string) => console.log(`[bench:queue ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

/** Owner, credential and the active newsletter webhook on a fresh instance. */
async function prepareWorkflow(baseUrl: string, sink: SinkClient): Promise<{ rest: N8nRestClient; workflowId: string }> {
	const rest = new N8nRestClient(baseUrl);
	await rest.setupOwner(OWNER);
	await rest.login(OWNER.email, OWNER.password);
	const form = customSmtpCredential('', 'SMTP sink', sink.port);
	const credential = await rest.createCredential({ name: form.name, type: form.type, data: form.data });
	const workflowId = await createActiveWorkflow(rest, webhookWorkflow(credential, { maxConnections }));
	await waitForWebhook(baseUrl);
	return { rest, workflowId };
}

interface Target {
	baseUrl: string;
	rest: N8nRestClient;
	workflowId: string;
	/** The n8n instances' process groups, main first. */
	pgids: number[];
}

async function measure(mode: Mode, run: number, { baseUrl, rest, workflowId, pgids }: Target, sink: SinkClient): Promise<Run> {
	const lists = Array.from({ length: batches }, (_, batch) => batchRecipients(`${mode}${run}-`, batch, size));
	const messages = batches * size;
	await sink.reset();
	const before = (await rest.listExecutions(workflowId)).length;
	const stopSampling = sampleRss(pgids);
	const start = Date.now();
	let seconds: number;
	let settledSeconds: number;
	let peakRssMb: number[];
	try {
		await Promise.all(lists.map((rows) => postBatch(baseUrl, rows)));
		await sink.waitFor(messages, 15 * 60_000);
		seconds = (Date.now() - start) / 1000;
		await settledExecutions(rest, workflowId, before + batches, 5 * 60_000);
		settledSeconds = (Date.now() - start) / 1000;
	} finally {
		peakRssMb = stopSampling();
	}
	const { messages: arrived, maxOpen } = await sink.stats();
	const distinct = new Set((await sink.records()).map((record) => record.to[0])).size;
	if (arrived !== messages || distinct !== messages) throw new Error(`${mode} run ${run}: the sink received ${arrived} messages for ${distinct} recipients, expected ${messages}`);
	const result = { mode, messages, seconds, perSecond: messages / seconds, settledSeconds, peakSessions: maxOpen, peakRssMb };
	log(`${mode} run ${run + 1}: ${messages} emails in ${seconds.toFixed(1)} s = ${result.perSecond.toFixed(0)} msg/s (all executions stored after ${settledSeconds.toFixed(1)} s), peak ${maxOpen} SMTP sessions, peak RSS ${peakRssMb.join(' + ')} MB`);
	return result;
}

async function measureRuns(mode: Mode, target: Target, sink: SinkClient): Promise<Run[]> {
	const runs: Run[] = [];
	for (let run = 0; run < repeat; run++) runs.push(await measure(mode, run, target, sink));
	return runs;
}

async function benchQueueMode(workDir: string, tarball: string, postgres: PrivatePostgres, sink: SinkClient): Promise<Run[]> {
	const redis = await startRedis();
	const cluster = await startQueueCluster({ install, tarball, workDir, redis, postgres, workers: WORKER_COUNT, concurrency: WORKER_CONCURRENCY, log });
	try {
		const target = { baseUrl: cluster.main.baseUrl, ...(await prepareWorkflow(cluster.main.baseUrl, sink)), pgids: [cluster.main.process.pid, ...cluster.workers.map((worker) => worker.process.pid)] };
		// awaited here: the finally below must not stop the cluster under the runs
		return await measureRuns('queue', target, sink);
	} finally {
		await cluster.stop();
		await redis.stop();
	}
}

/** One `n8n start` as most installs run it: regular mode (every execution in the main process). */
async function benchRegular(workDir: string, tarball: string, postgres: PrivatePostgres, sink: SinkClient): Promise<Run[]> {
	const userFolder = path.join(workDir, 'regular');
	mkdirSync(userFolder, { recursive: true });
	const database = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
	};
	await installCommunityPackage(tarball, userFolder, { ...instanceEnv(install, { userFolder, base: cleanEnv() }), ...database });
	const server = await startN8nServer({ install, userFolder, logFile: path.join(workDir, 'regular.log'), extraEnv: database });
	try {
		const target = { baseUrl: server.baseUrl, ...(await prepareWorkflow(server.baseUrl, sink)), pgids: [server.process.pid] };
		// awaited here: the finally below must not stop n8n under the runs
		return await measureRuns('regular', target, sink);
	} finally {
		await server.stop();
	}
}

function median(runs: Run[]): Run {
	return [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
}

async function main(): Promise<void> {
	if (!install.installed) throw new Error(`n8n ${install.version} is not installed: run \`npx tsx e2e/install-n8n.ts 2\``);
	console.log(`mailshit bench:queue: ${batches} webhook calls × ${size} recipients, Max Connections ${maxConnections}, n8n ${install.version}, ${availableParallelism()} CPUs, median of ${repeat} runs per mode`);
	const workDir = mkdtempSync(path.join(tmpdir(), 'mailshit-bench-queue-'));
	const sink = await startSinkProcess({ keepFirst: 0 });
	const results: Record<Mode, Run[]> = { queue: [], regular: [] };
	try {
		const tarball = await buildAndPack(path.join(workDir, 'pack'), log);
		for (const mode of ['queue', 'regular'] as const) {
			// each mode its own database, so neither inherits the other's executions
			const postgres = await startPostgres();
			try {
				const dir = path.join(workDir, mode);
				mkdirSync(dir);
				results[mode] = mode === 'queue' ? await benchQueueMode(dir, tarball, postgres, sink) : await benchRegular(dir, tarball, postgres, sink);
			} catch (error) {
				log(`${mode} failed: ${(error as Error).stack}`);
				throw error;
			} finally {
				await postgres.stop();
			}
		}
	} finally {
		await sink.stop();
		rmSync(workDir, { recursive: true, force: true });
	}

	const queue = median(results.queue);
	const regular = median(results.regular);
	console.log();
	console.table(
		[queue, regular].map((run) => ({
			mode: run.mode === 'queue' ? `queue: main + ${WORKER_COUNT} workers × ${WORKER_CONCURRENCY}` : 'regular: one n8n',
			emails: run.messages,
			'wall s': +run.seconds.toFixed(1),
			'msg/s': Math.round(run.perSecond),
			'stored s': +run.settledSeconds.toFixed(1),
			'peak sessions': run.peakSessions,
			'peak RSS MB': run.peakRssMb.join(' + '),
			'runs msg/s': results[run.mode].map((r) => Math.round(r.perSecond)).join(' / '),
		})),
	);
	console.log(`queue mode vs one regular instance: ${(queue.perSecond / regular.perSecond).toFixed(2)}× the messages/s`);
	const dir = path.join(__dirname, 'results');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'queue-latest.json');
	writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), n8n: install.version, cpus: availableParallelism(), batches, size, maxConnections, workers: WORKER_COUNT, concurrency: WORKER_CONCURRENCY, results }, null, 2));
	console.log(`written: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
