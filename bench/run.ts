/**
 * `npm run bench`: throughput and memory of this node against the raw limit and against n8n's
 * own Send Email node, on two sinks, each measured in a fresh process; prints a table and writes
 * bench/results/latest.json. A run whose sink did not receive every message fails.
 *
 *   npm run bench                 1,000 messages, all scenarios, both sinks, plus the 10,000-item memory run
 *   npm run bench -- --count 200  fewer messages (a quick look)
 *   npm run bench -- --repeat 9   more runs of the fast scenarios (default 5; the median counts)
 *   npm run bench -- --orders-only          only the order-confirmation scenario (no SMTP, no n8n install needed)
 *   npm run bench -- --no-send-email        without n8n's Send Email (minutes per run)
 *   npm run bench -- --per-item 1000        also: 1,000 emails that each compile MJML, by a value and by a template
 *                                           per item (event loop, memory, compiles)
 *   npm run bench -- --cpu-prof             CPU profiles of the 10,000-item (and per-item) runs, summarised
 *   npm run bench -- --n8n …                in a real n8n instead: see realN8n.ts
 *
 * First, the transactional scenario (bench/orderConfirmations.ts): `count` order confirmations
 * with 1–10 lines each, rendered per item from the structures compiled once, against compiling
 * every item.
 *
 * A run of 1,000 messages takes 2–3 s, so one run is at the mercy of JIT warm-up and whatever
 * else the two cores do: the raw limit and the node run --repeat times, interleaved, and the
 * median is reported. Send Email (minutes per run) runs once.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { summarizeCpuProfile } from './cpuProfile';
import type { OrderBenchResult } from './orderConfirmations';
import { benchInRealN8n } from './realN8n';
import { runBenchProcess, runScenario, type Scenario, type ScenarioResult } from './scenarioProcess';
import { pinning, startSink, type SinkHandle, type SinkMode } from './sinkProcess';

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
const withSendEmail = !args.includes('--no-send-email');
const perItemCount = args.includes('--per-item') ? numberOption('--per-item', 1000) : 0;
const memoryCount = 10_000;
/** `--cpu-prof`: the 10,000-item run (and the per-item one) write CPU profiles here, summarised after. */
const profileDir = args.includes('--cpu-prof') ? path.join(__dirname, 'results', 'profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;

async function measure(sink: SinkHandle, mode: SinkMode, scenario: Scenario, messages: number, cpuProfileDir?: string): Promise<Row> {
	await sink.reset();
	process.stdout.write(`  ${scenario.padEnd(10)} ${messages} messages → ${mode} sink … `);
	const result = await runScenario(scenario, sink.port, messages, { cpuProfileDir });
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

async function orderScenario(): Promise<{ orders: OrderBenchResult; targets: { orderMedianMs: number; orderCompiles: number; distinctStructures: number }; met: boolean }> {
	console.log(`order confirmations: ${count} orders of 1–10 lines (examples/order-confirmation.mjml), Node ${process.version}`);
	const orders = await runBenchProcess<OrderBenchResult>('orderConfirmations.ts', [String(count)]);
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
	if (args.includes('--n8n')) return benchInRealN8n(args);
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
			if (withSendEmail) rows.push(await measure(sink, mode, 'sendEmail', count));
		} finally {
			await sink.stop();
		}
	}
	const memorySink = await startSink('nopause');
	let memory: Row;
	const perItem: Row[] = [];
	try {
		memory = await measure(memorySink, 'nopause', 'node', memoryCount, profileDir && path.join(profileDir, 'node'));
		for (const scenario of perItemCount ? (['perItem', 'ownTemplates'] as const) : []) {
			perItem.push(await measure(memorySink, 'nopause', scenario, perItemCount, profileDir && path.join(profileDir, scenario)));
		}
	} finally {
		await memorySink.stop();
	}

	const find = (sink: SinkMode, scenario: Scenario) => rows.find((r) => r.sink === sink && r.scenario === scenario);
	const ratio = (row: Row, scenario: Scenario, digits: number) => {
		const other = find(row.sink, scenario);
		return other ? +(row.perSecond / other.perSecond).toFixed(digits) : '–';
	};
	const table = rows.map((row) => ({
		sink: row.sink === 'stock' ? 'smtp-server as shipped' : 'no greeting pause',
		scenario: { raw: 'limit: raw nodemailer pool', node: 'mailshit SMTP node', perItem: 'per-item MJML', ownTemplates: 'a template per item', sendEmail: "n8n's Send Email 2.1" }[row.scenario],
		'msg/s': Math.round(row.perSecond),
		'CPU ms/msg': +(row.cpuMs / row.count).toFixed(3),
		'× limit': ratio(row, 'raw', 2),
		'× Send Email': ratio(row, 'sendEmail', 1),
		'peak RSS MB': Math.round(row.peakRssMb),
		'loop p99 ms': +row.eventLoop.p99Ms.toFixed(1),
		runs: row.runs?.join(' / ') ?? '1 run',
		connections: row.connections,
	}));
	console.log();
	console.table(table);
	const growth = memory.peakRssMb - memory.rssBeforeMb;
	const loop = (row: Row) => `event loop p50 ${row.eventLoop.p50Ms.toFixed(1)} / p99 ${row.eventLoop.p99Ms.toFixed(1)} / max ${row.eventLoop.maxMs.toFixed(1)} ms`;
	console.log(`\n${memoryCount} items through the node: ${Math.round(memory.perSecond)} msg/s, RSS before ${memory.rssBeforeMb.toFixed(0)} MB, peak ${memory.peakRssMb.toFixed(0)} MB, growth ${growth.toFixed(0)} MB (V8 live heap before ${memory.heapBeforeMb.toFixed(0)} MB, heap used at most ${memory.peakHeapUsedMb.toFixed(0)} MB), ${loop(memory)}`);
	for (const row of perItem) {
		const what = row.scenario === 'perItem' ? 'a value MJML compiles per item' : 'a template of their own per item';
		console.log(`${perItemCount} items, ${what}: ${Math.round(row.perSecond)} msg/s, RSS growth ${(row.peakRssMb - row.rssBeforeMb).toFixed(0)} MB, ${loop(row)}; ${row.hints?.join(' ') ?? ''}`);
	}

	if (profileDir) {
		for (const row of [memory, ...perItem]) {
			const folder = path.join(profileDir, row.scenario);
			// CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx adds a loader thread)
			const file = path.join(folder, readdirSync(folder).find((name) => /\.0\.\d+\.cpuprofile$/.test(name))!);
			console.log(`\nCPU profile of the ${row.count}-item ${row.scenario} run (${path.relative(process.cwd(), file)}):`);
			console.log(summarizeCpuProfile(file, row.window));
		}
	}

	const stockNode = find('stock', 'node')!;
	const noPauseNode = find('nopause', 'node')!;
	const stockSendEmail = find('stock', 'sendEmail');
	const targets = {
		...orderResult.targets,
		nodeVsLimitStock: +(stockNode.perSecond / find('stock', 'raw')!.perSecond).toFixed(2),
		nodeVsLimitNoPause: +(noPauseNode.perSecond / find('nopause', 'raw')!.perSecond).toFixed(2),
		...(stockSendEmail ? { nodeVsSendEmailStock: +(stockNode.perSecond / stockSendEmail.perSecond).toFixed(1) } : {}),
		rssGrowthMbAt10k: +growth.toFixed(1),
	};
	const met =
		orderResult.met &&
		targets.nodeVsLimitStock >= 0.9 &&
		targets.nodeVsLimitNoPause >= 0.9 &&
		(targets.nodeVsSendEmailStock ?? Infinity) >= 50 &&
		targets.rssGrowthMbAt10k < 100;
	console.log(
		`\ntargets (orders: ≤ 3 ms per item and compiles ≤ structures; ≥ 0.9× limit on both sinks, ≥ 50× Send Email on the stock sink, < 100 MB growth at 10k): ${met ? 'met' : 'NOT met'}`,
		targets,
	);

	writeResults({ orders: orderResult.orders, rows, memory, perItem, targets, met });
	if (!met) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
