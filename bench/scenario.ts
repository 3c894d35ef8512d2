/**
 * One measured run in its own process: `scenario.ts <raw|node|perItem|ownTemplates|sendEmail> <port> <count>`.
 * Prints one JSON line: elapsed milliseconds, CPU milliseconds, RSS before the run, peak RSS of the process, V8's
 * live heap before the run (after a full collection) and its highest use during it (sampled every 100 ms), the
 * event-loop delay during the run and the node's execution hints.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { n8nInstall } from '../e2e/n8n-versions';
import { runMailshitNode, type NodeUnderTest } from '../test/helpers/n8nEngine';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Scenario } from './scenarioProcess';
import { FROM, nodeParameters, ownTemplateParameters, ownTemplateRows, perItemParameters, perItemRows, prerendered, recipientItems } from './workload';

/** What a scenario's run returns: the node's execution hints, if any. */
type Run = () => Promise<string[] | void>;

/**
 * The limit: nodemailer's pool alone, sending emails rendered before the clock starts. Fed as the
 * node feeds it (twice the connections in flight, not 10,000 sendMail calls at once), and told
 * the text encoding the node picks for this newsletter, so it is nodemailer at its best for this
 * email — what the node could at most reach.
 */
async function raw(port: number, count: number): Promise<Run> {
	const messages = await prerendered(recipientItems(count));
	return async () => {
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: 5, maxMessages: Infinity });
		let next = 0;
		const lane = async () => {
			while (next < messages.length) {
				const m = messages[next++];
				await transport.sendMail({ from: FROM, to: m.to, subject: m.subject, html: m.html, text: m.text, textEncoding: 'quoted-printable', messageId: `<${randomUUID()}@mailshit.example>` });
			}
		};
		await Promise.all(Array.from({ length: 10 }, lane));
		transport.close();
	};
}

function mailshit(items: INodeExecutionData[], parameters: INodeParameters, port: number): Run {
	return async () => {
		const run = await runMailshitNode({
			items,
			parameters,
			credential: { provider: 'custom', host: '127.0.0.1', port, fromEmail: FROM.address, fromName: FROM.name, connectionTimeout: 60 },
		});
		if (run.error) throw new Error(run.error.message);
		return run.hints.map((hint) => hint.message);
	};
}

async function node(port: number, count: number): Promise<Run> {
	return mailshit(recipientItems(count), nodeParameters(), port);
}

/** The per-item variant: MJML compiles every item. */
async function perItem(port: number, count: number): Promise<Run> {
	return mailshit(perItemRows(count).map((json) => ({ json })), perItemParameters(), port);
}

/** Every item brings its own template (an expression). */
async function ownTemplates(port: number, count: number): Promise<Run> {
	return mailshit(ownTemplateRows(count).map((json) => ({ json })), ownTemplateParameters(), port);
}

/** n8n's own Send Email node (n8n-nodes-base, version 2.1), loaded from the e2e suite's n8n 2.x install. */
function sendEmailNode(): NodeUnderTest {
	const install = n8nInstall(2);
	if (!install?.installed) throw new Error('n8n 2.x is not installed: run `node --import tsx e2e/install-n8n.ts 2` (or npm run test:e2e) first');
	const modulePath = path.join(install.dir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'EmailSend', 'EmailSend.node.js');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { EmailSend } = require(modulePath) as { EmailSend: new () => NodeUnderTest['type'] };
	return { type: new EmailSend(), version: 2.1, credentialType: 'smtp' };
}

async function sendEmail(port: number, count: number): Promise<Run> {
	const emailNode = sendEmailNode();
	const items = (await prerendered(recipientItems(count))).map((m) => ({ json: m }));
	return async () => {
		const run = await runMailshitNode({
			node: emailNode,
			items,
			parameters: {
				resource: 'email',
				operation: 'send',
				fromEmail: `${FROM.name} <${FROM.address}>`,
				toEmail: '={{ $json.to }}',
				subject: '={{ $json.subject }}',
				emailFormat: 'both',
				text: '={{ $json.text }}',
				html: '={{ $json.html }}',
				options: { appendAttribution: false },
			},
			credential: { host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' },
		});
		if (run.error) throw new Error(run.error.message);
	};
}

async function main(): Promise<void> {
	const [scenario, port, count] = [process.argv[2] as Scenario, Number(process.argv[3]), Number(process.argv[4])];
	const prepare = { raw, node, perItem, ownTemplates, sendEmail }[scenario];
	const run = await prepare(port, count);
	global.gc?.();
	const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
	let peakHeapUsed = heapBefore;
	const heapSampler = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 100);
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const cpuBefore = process.cpuUsage();
	// the clock of a CPU profile, so its summary can keep the run's samples only
	const anchor = { epochMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) };
	const started = performance.now();
	const hints = (await run()) ?? [];
	const elapsedMs = performance.now() - started;
	clearInterval(heapSampler);
	const cpu = process.cpuUsage(cpuBefore);
	loop.disable();
	const eventLoop = { p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 };
	const result = { scenario, count, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, rssBeforeMb: rssBefore / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024, heapBeforeMb: heapBefore / 2 ** 20, peakHeapUsedMb: peakHeapUsed / 2 ** 20, eventLoop, hints, window: { anchor, fromEpochMs: anchor.epochMs, toEpochMs: anchor.epochMs + elapsedMs } };
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
