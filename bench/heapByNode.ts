/**
 * `npx tsx bench/heapByNode.ts [--count 10000]`: how much memory the same 10,000 emails leave to
 * the garbage collector, on this Node (the harness's) and on the Node that runs n8n 2.x. Raw pooled
 * nodemailer and the node in n8n-core's harness, each in a fresh process: RSS before and at its
 * peak, V8's live heap before the run (after a full collection) and the most heap in use during it.
 * Heap in use far above the live heap is garbage V8 has not collected yet; how far it lets the old
 * generation grow before a full collection is V8's choice and differs between Node versions.
 */
import { n8nInstall } from '../e2e/n8n-versions';
import { runScenario } from './scenarioProcess';
import { startSink } from './sinkProcess';

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const count = args.includes('--count') ? Number(args[args.indexOf('--count') + 1]) : 10_000;
	const n8n2 = n8nInstall(2);
	if (!n8n2?.installed) throw new Error('n8n 2.x is not installed: run `npx tsx e2e/install-n8n.ts 2` (or npm run test:e2e) first');
	const sink = await startSink('stock');
	const rows: Record<string, Record<string, string | number>> = {};
	try {
		for (const [label, nodeBin] of [[`Node ${process.versions.node}`, process.execPath], [`Node of n8n ${n8n2.version}`, n8n2.nodeBin]]) {
			for (const scenario of ['raw', 'node'] as const) {
				await sink.reset();
				const run = await runScenario(scenario, sink.port, count, { nodeBin });
				const received = await sink.count();
				if (received.distinct !== count) throw new Error(`${scenario} on ${label}: the sink received ${received.distinct} distinct messages, expected ${count}`);
				rows[`${scenario === 'raw' ? 'raw nodemailer' : 'the node (harness)'}, ${label}`] = {
					'msg/s': Math.round(count / (run.elapsedMs / 1000)),
					'RSS before | peak MB': `${Math.round(run.rssBeforeMb)} | ${Math.round(run.peakRssMb)}`,
					'RSS growth MB': Math.round(run.peakRssMb - run.rssBeforeMb),
					'live heap before MB': Math.round(run.heapBeforeMb),
					'heap used at most MB': Math.round(run.peakHeapUsedMb),
				};
			}
		}
	} finally {
		await sink.stop();
	}
	console.table(rows);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
