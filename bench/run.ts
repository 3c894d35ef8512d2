/**
 * `npm run bench`: throughput and memory of this node against the raw limit and against n8n's
 * own Send Email node, on two sinks, each measured in a fresh process; prints a table and writes
 * bench/results/latest.json. A run whose sink did not receive every message fails.
 *
 *   npm run bench                 1,000 messages, all scenarios, both sinks, plus the 10,000-item memory run
 *   npm run bench -- --count 200  fewer messages (a quick look)
 *   npm run bench -- --repeat 9   more runs of the fast scenarios (default 5; the median counts)
 *   npm run bench -- --orders-only  only the order-confirmation scenario (no SMTP, no n8n install needed)
 *
 * First, the transactional scenario (bench/orderConfirmations.ts): `count` order confirmations
 * with 1–10 lines each, rendered per item from the structures compiled once, against compiling
 * every item.
 *
 * A run of 1,000 messages takes 2–3 s, so one run is at the mercy of JIT warm-up and whatever
 * else the two cores do: the raw limit and the node run --repeat times, interleaved, and the
 * median is reported. Send Email (minutes per run) runs once.
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { OrderBenchResult } from './orderConfirmations';

type SinkMode = 'stock' | 'nopause';
type Scenario = 'raw' | 'node' | 'sendEmail';
interface ScenarioResult {
	scenario: Scenario;
	count: number;
	elapsedMs: number;
	rssBeforeMb: number;
	peakRssMb: number;
}
interface Row extends ScenarioResult {
	sink: SinkMode;
	perSecond: number;
	connections: number;
	/** Every run's msg/s, when the scenario was repeated. */
	runs?: number[];
}

const args = process.argv.slice(2);
const numberOption = (flag: string, fallback: number) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) || fallback : fallback);
const count = numberOption('--count', 1000);
const repeat = Math.max(1, numberOption('--repeat', 5));
const ordersOnly = args.includes('--orders-only');
const memoryCount = 10_000;
const tsx = ['--import', 'tsx'];
/**
 * With two cores or more, the sink gets core 1 and the measured sender core 0 (taskset), so they
 * do not take turns on one core at the scheduler's whim: that alone halved the run-to-run spread.
 */
const pinning = availableParallelism() >= 2 && existsSync('/usr/bin/taskset');
function pin(pid: number | undefined, core: number): void {
	if (pinning && pid) execFileSync('taskset', ['-cp', String(core), String(pid)], { stdio: 'ignore' });
}

interface SinkHandle {
	port: number;
	count(): Promise<{ messages: number; distinct: number; connections: number }>;
	reset(): Promise<void>;
	stop(): Promise<void>;
}

function startSink(mode: SinkMode): Promise<SinkHandle> {
	const child = fork(path.join(__dirname, 'sink.ts'), [mode], { execArgv: tsx, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
				count: () => request('count'),
				reset: () => request<unknown>('reset').then(() => undefined),
				stop: () => new Promise((done) => (child.once('exit', () => done()), child.send({ type: 'stop' }))),
			}),
		);
	});
}

function runScenario(scenario: Scenario, port: number, messages: number): Promise<ScenarioResult> {
	return new Promise((resolve, reject) => {
		const command = [process.execPath, ...tsx, '--expose-gc', path.join(__dirname, 'scenario.ts'), scenario, String(port), String(messages)];
		const [file, ...rest] = pinning ? ['taskset', '-c', '0', ...command] : command;
		const child = spawn(file, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			const line = out.trim().split('\n').pop() ?? '';
			if (code !== 0) return reject(new Error(`${scenario} exited with ${code}: ${out}`));
			resolve(JSON.parse(line) as ScenarioResult);
		});
	});
}

async function measure(sink: SinkHandle, mode: SinkMode, scenario: Scenario, messages: number): Promise<Row> {
	await sink.reset();
	process.stdout.write(`  ${scenario.padEnd(10)} ${messages} messages → ${mode} sink … `);
	const result = await runScenario(scenario, sink.port, messages);
	// Send Email returns when the server accepted each message; the sink counted it before replying
	const received = await sink.count();
	if (received.messages !== messages || received.distinct !== messages) {
		throw new Error(`${scenario} on the ${mode} sink: the sink received ${received.messages} messages (${received.distinct} distinct), expected ${messages}`);
	}
	const perSecond = messages / (result.elapsedMs / 1000);
	console.log(`${perSecond.toFixed(0)} msg/s, peak RSS ${result.peakRssMb.toFixed(0)} MB, ${received.connections} connections`);
	return { ...result, sink: mode, perSecond, connections: received.connections };
}

/** The run with the median msg/s, carrying every run's figure. */
function median(runs: Row[]): Row {
	const sorted = [...runs].sort((a, b) => a.perSecond - b.perSecond);
	return { ...sorted[Math.floor(sorted.length / 2)], runs: runs.map((r) => Math.round(r.perSecond)) };
}

/** The order-confirmation scenario in a fresh process, like every measured run. */
function runOrderBench(items: number): Promise<OrderBenchResult> {
	return new Promise((resolve, reject) => {
		const command = [process.execPath, ...tsx, path.join(__dirname, 'orderConfirmations.ts'), String(items)];
		const [file, ...rest] = pinning ? ['taskset', '-c', '0', ...command] : command;
		const child = spawn(file, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			if (code !== 0) return reject(new Error(`the order-confirmation scenario exited with ${code}: ${out}`));
			resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as OrderBenchResult);
		});
	});
}

async function orderScenario(): Promise<{ orders: OrderBenchResult; targets: { orderMedianMs: number; orderCompiles: number; distinctStructures: number }; met: boolean }> {
	console.log(`order confirmations: ${count} orders of 1–10 lines (examples/order-confirmation.mjml), Node ${process.version}`);
	const orders = await runOrderBench(count);
	const ms = (value: number) => +value.toFixed(2);
	console.table([
		{ path: 'compiled once per structure, filled per item', compiles: orders.template.compiles, 'median ms/item': ms(orders.template.medianMs), 'p95 ms/item': ms(orders.template.p95Ms), 'total ms': Math.round(orders.template.totalMs) },
		{ path: 'compiled for every item (naive)', compiles: orders.naive.compiles, 'median ms/item': ms(orders.naive.medianMs), 'p95 ms/item': '', 'total ms': Math.round(orders.naive.totalMs) },
		{ path: 'Render operation in n8n\'s engine (all items)', compiles: '', 'median ms/item': '', 'p95 ms/item': '', 'total ms': Math.round(orders.node.totalMs) },
	]);
	console.log(`${orders.distinctStructures} distinct structures among the orders; ${(orders.naive.totalMs / orders.template.totalMs).toFixed(1)}× faster than compiling every item; Render in n8n: ${ms(orders.node.perItemMs)} ms per item`);
	const targets = { orderMedianMs: ms(orders.template.medianMs), orderCompiles: orders.template.compiles, distinctStructures: orders.distinctStructures };
	const met = targets.orderMedianMs <= 3 && targets.orderCompiles <= targets.distinctStructures;
	console.log(`targets (≤ 3 ms per item, compiles ≤ distinct structures): ${met ? 'met' : 'NOT met'}\n`);
	return { orders, targets, met };
}

function writeResults(results: object): void {
	const dir = path.join(__dirname, 'results');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'latest.json');
	writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, count, repeat, ...results }, null, 2));
	console.log(`written: ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
	const orderResult = await orderScenario();
	if (ordersOnly) {
		writeResults({ orders: orderResult.orders, targets: orderResult.targets, met: orderResult.met });
		if (!orderResult.met) process.exitCode = 1;
		return;
	}
	console.log(
		`mailshit bench: ${count} messages, MJML newsletter with 5 variables, Node ${process.version}, median of ${repeat} runs${pinning ? ', sender on core 0, sink on core 1' : ''}`,
	);
	const rows: Row[] = [];
	for (const mode of ['stock', 'nopause'] as const) {
		const sink = await startSink(mode);
		try {
			const runs: Record<'raw' | 'node', Row[]> = { raw: [], node: [] };
			for (let i = 0; i < repeat; i++) {
				for (const scenario of ['raw', 'node'] as const) runs[scenario].push(await measure(sink, mode, scenario, count));
			}
			for (const scenario of ['raw', 'node'] as const) rows.push(median(runs[scenario]));
			rows.push(await measure(sink, mode, 'sendEmail', count));
		} finally {
			await sink.stop();
		}
	}
	const memorySink = await startSink('nopause');
	let memory: Row;
	try {
		memory = await measure(memorySink, 'nopause', 'node', memoryCount);
	} finally {
		await memorySink.stop();
	}

	const find = (sink: SinkMode, scenario: Scenario) => rows.find((r) => r.sink === sink && r.scenario === scenario)!;
	const table = rows.map((row) => ({
		sink: row.sink === 'stock' ? 'smtp-server as shipped' : 'no greeting pause',
		scenario: { raw: 'limit: raw nodemailer pool', node: 'mailshit SMTP node', sendEmail: "n8n's Send Email 2.1" }[row.scenario],
		'msg/s': Math.round(row.perSecond),
		'× limit': +(row.perSecond / find(row.sink, 'raw').perSecond).toFixed(2),
		'× Send Email': +(row.perSecond / find(row.sink, 'sendEmail').perSecond).toFixed(1),
		'peak RSS MB': Math.round(row.peakRssMb),
		runs: row.runs?.join(' / ') ?? '1 run',
		connections: row.connections,
	}));
	console.log();
	console.table(table);
	const growth = memory.peakRssMb - memory.rssBeforeMb;
	console.log(`\n${memoryCount} items through the node: ${Math.round(memory.perSecond)} msg/s, RSS before ${memory.rssBeforeMb.toFixed(0)} MB, peak ${memory.peakRssMb.toFixed(0)} MB, growth ${growth.toFixed(0)} MB`);

	const targets = {
		...orderResult.targets,
		nodeVsLimitStock: +(find('stock', 'node').perSecond / find('stock', 'raw').perSecond).toFixed(2),
		nodeVsLimitNoPause: +(find('nopause', 'node').perSecond / find('nopause', 'raw').perSecond).toFixed(2),
		nodeVsSendEmailStock: +(find('stock', 'node').perSecond / find('stock', 'sendEmail').perSecond).toFixed(1),
		rssGrowthMbAt10k: +growth.toFixed(1),
	};
	const met = orderResult.met && targets.nodeVsLimitStock >= 0.8 && targets.nodeVsLimitNoPause >= 0.8 && targets.nodeVsSendEmailStock >= 50 && targets.rssGrowthMbAt10k < 100;
	console.log(`\ntargets (orders: ≤ 3 ms per item and compiles ≤ structures; ≥ 0.8× limit on both sinks, ≥ 50× Send Email on the stock sink, < 100 MB growth at 10k): ${met ? 'met' : 'NOT met'}`, targets);

	writeResults({ orders: orderResult.orders, rows, memory, targets, met });
	if (!met) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
