/**
 * The transactional benchmark: 1,000 order confirmations (examples/order-confirmation.mjml) with
 * 1–10 lines each, VIP and note branches, a footer partial. Measured three ways, in this process:
 *
 *  - template: compileTemplate once, render() per item — each distinct structure compiled once;
 *  - naive: what a node without structures must do, fill the MJML per item and compile it;
 *  - node: the Render operation through n8n's engine (test/helpers/n8nEngine.ts), all items.
 *
 * Prints one JSON line. `npx tsx bench/orderConfirmations.ts [count]` runs it alone;
 * `npm run bench` runs it in a fresh process and reports it with the delivery benchmark.
 */
import { FOOTER_PARTIAL, ORDER_CONFIRMATION_MJML, ORDER_SUBJECT, orderRow } from '../examples/orderConfirmation';
import { compileMjml, compileTemplate, expandProgram, fillProgram, parseProgram, PartialLibrary, type TemplateSpec } from '../nodes/MailshitSmtp/template';
import { chooseFonts } from '../nodes/MailshitSmtp/template/mjmlFonts';
import { jsonItems, runMailshitNode } from '../test/helpers/n8nEngine';

export interface OrderBenchResult {
	items: number;
	distinctStructures: number;
	template: { compiles: number; structures: number; totalMs: number; medianMs: number; p95Ms: number; maxMs: number };
	naive: { compiles: number; totalMs: number; medianMs: number };
	node: { totalMs: number; perItemMs: number };
}

const SPEC: TemplateSpec = { format: 'mjml', body: ORDER_CONFIRMATION_MJML, partials: [FOOTER_PARTIAL] };

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function timeEach(orders: readonly Record<string, unknown>[], render: (order: Record<string, unknown>) => Promise<unknown>): Promise<{ totalMs: number; sorted: number[] }> {
	const times: number[] = [];
	const started = performance.now();
	for (const order of orders) {
		const t0 = performance.now();
		await render(order);
		times.push(performance.now() - t0);
	}
	return { totalMs: performance.now() - started, sorted: times.sort((a, b) => a - b) };
}

async function benchOrderConfirmations(count: number): Promise<OrderBenchResult> {
	const orders = Array.from({ length: count }, (_, index) => orderRow(index));
	// the structures the orders fall into, counted without the node: what "compiled once per structure" may cost at most
	const program = parseProgram(SPEC.body, 'template', new PartialLibrary(SPEC.partials));
	const distinctStructures = new Set(orders.map((order) => expandProgram(program, order).key)).size;

	const template = await compileTemplate(SPEC);
	const cached = await timeEach(orders, (order) => template.render(order));

	let naiveCompiles = 0;
	const naive = await timeEach(orders, (order) => {
		naiveCompiles++;
		const filled = fillProgram(program, order, 'html');
		return compileMjml(filled, { fonts: chooseFonts(expandProgram(program, order).parsed.source) });
	});

	const started = performance.now();
	const run = await runMailshitNode({
		items: jsonItems(orders),
		parameters: { operation: 'render', template: SPEC.body, subject: ORDER_SUBJECT, partials: { partial: [FOOTER_PARTIAL] }, renderOptions: { emailFiles: 'none' } },
	});
	const nodeMs = performance.now() - started;
	if (run.error || run.main.length !== count) throw new Error(`Render failed: ${run.error?.message ?? `${run.main.length} items`}`);

	return {
		items: count,
		distinctStructures,
		template: {
			compiles: template.stats.compiles,
			structures: template.stats.structures,
			totalMs: cached.totalMs,
			medianMs: percentile(cached.sorted, 0.5),
			p95Ms: percentile(cached.sorted, 0.95),
			maxMs: cached.sorted.at(-1) ?? 0,
		},
		naive: { compiles: naiveCompiles, totalMs: naive.totalMs, medianMs: percentile(naive.sorted, 0.5) },
		node: { totalMs: nodeMs, perItemMs: nodeMs / count },
	};
}

if (require.main === module) {
	benchOrderConfirmations(Number(process.argv[2] || 1000)).then(
		(result) => process.stdout.write(`${JSON.stringify(result)}\n`),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
