/**
 * `npm run bench -- --n8n`: the node inside a real n8n (the e2e suite's pinned 2.x), installed the
 * way Community Nodes installs it and run with `n8n execute`, beside the limit — raw pooled
 * nodemailer in its own process sending the same rendered emails — on the same sink, in the
 * same run. Writes bench/results/n8n-latest.json.
 *
 *   npm run bench -- --n8n                      10,000 newsletters, 3 rounds (node, No Operation, limit)
 *   npm run bench -- --n8n --count 2000         fewer emails
 *   npm run bench -- --n8n --per-item 10000     also: MJML compiled per item, by a value and by a template per item
 *   npm run bench -- --n8n --cpu-prof           also: CPU profiles of n8n's main process and of the limit's in the
 *                                               last round, summarised
 *   npm run bench -- --n8n --sink nopause       the sink greets at once (default: as shipped)
 *   npm run bench -- --n8n --gc-every 1000      n8n's process forces a full GC every second and notes what
 *                                               is live (slows the run: for memory, not speed)
 *   npm run bench -- --n8n --node-options '--max-old-space-size=512'   more Node options for n8n's process
 *   npm run bench -- --n8n --variant '{"logSentMessages":false}'   also, in every round: the node with
 *                                               these Send options changed (what an option costs, same run)
 *
 * The node's time is the execution's (n8n's run data, startedAt → stoppedAt) minus that of an
 * identical workflow whose last node is a No Operation: what remains is the node plus n8n's
 * handling of its items. The n8n process gets a probe (n8nProbe.cjs) for its event-loop delay and
 * RSS while the node runs.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAndPack, installCommunityPackage } from '../e2e/harness/communityPackage';
import { codeNode, customSmtpCredential, mailshitNode, noOpNode, sendWorkflow } from '../e2e/harness/fixtures';
import { N8nCli } from '../e2e/harness/n8nCli';
import { check, runCommand } from '../e2e/harness/processes';
import { n8nInstall } from '../e2e/n8n-versions';
import { summarizeCpuProfile, type ProfileWindow } from './cpuProfile';
import { readProbeReport, spanFigures, type SpanFigures } from './probeReport';
import { runScenario } from './scenarioProcess';
import { pin, pinning, startSink, type SinkHandle, type SinkMode } from './sinkProcess';
import { FROM, nodeParameters, ownTemplateParameters, ownTemplateRows, perItemParameters, perItemRows, recipientRows } from './workload';

const NODE = 'mailshit SMTP';
const NO_OP = 'No Operation';

interface Options {
	count: number;
	repeat: number;
	sink: SinkMode;
	perItem: number;
	cpuProfile: boolean;
	keep: boolean;
	/** Forced full collections in n8n's process, every this many ms (0: none). */
	gcEveryMs: number;
	/** Added to NODE_OPTIONS of n8n's process (e.g. a heap limit). */
	nodeOptions: string;
	/** Send options for a second node workflow run in every round (JSON), or none. */
	variant?: Record<string, unknown>;
}

function readOptions(args: string[]): Options {
	const value = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
	return {
		count: Number(value('--count', '10000')),
		repeat: Math.max(1, Number(value('--repeat', '3'))),
		sink: value('--sink', 'stock') as SinkMode,
		perItem: args.includes('--per-item') ? Number(value('--per-item', '10000')) : 0,
		cpuProfile: args.includes('--cpu-prof'),
		keep: args.includes('--keep'),
		gcEveryMs: Number(value('--gc-every', '0')),
		nodeOptions: value('--node-options', ''),
		...(args.includes('--variant') && { variant: JSON.parse(value('--variant', '{}')) as Record<string, unknown> }),
	};
}

/** One `n8n execute` with the probe (and optionally --cpu-prof) in its main process. */
interface N8nRun {
	workflow: string;
	/** `n8n execute` from spawn to exit: start-up, the run, saving it, printing it. */
	processMs: number;
	/** startedAt → stoppedAt of the execution, from n8n's run data. */
	executionMs: number;
	/** The last node's own executionTime, from n8n's run data. */
	lastNodeMs: number;
	lastNodeStart: number;
	hints: string[];
	figures: SpanFigures;
	/** MJML compiles in n8n's process, counted by the probe. */
	mjmlCompiles: number;
	profile?: string;
}

/** What n8nExecution.cjs prints. */
interface StoredExecution {
	status: string;
	startedAt: number;
	stoppedAt: number;
	error?: string;
	nodes: Record<string, { startTime: number; executionTime: number; hints: string[]; items: number; error?: string }>;
}

async function readStoredExecution(cli: N8nCli, workflowId: string): Promise<StoredExecution> {
	const database = path.join(cli.userFolder, '.n8n', 'database.sqlite');
	const result = check(
		'reading the execution',
		await runCommand(cli.install.nodeBin, [path.join(__dirname, 'n8nExecution.cjs'), database, require.resolve('flatted'), workflowId], { cwd: cli.userFolder, env: cli.env(), timeoutMs: 120_000 }),
	);
	return JSON.parse(result.stdout.trim().split('\n').pop()!) as StoredExecution;
}

/** How n8n's process is watched and started: see the options above. */
type ProbeOptions = Pick<Options, 'gcEveryMs' | 'nodeOptions'>;

async function executeWithProbe(cli: N8nCli, workDir: string, workflowId: string, lastNode: string, label: string, probe: ProbeOptions, cpuProfile = false): Promise<N8nRun> {
	const probeDir = mkdtempSync(path.join(workDir, `probe-${label}-`));
	const probed = new N8nCli(cli.install, cli.userFolder, {
		NODE_OPTIONS: `--require=${path.join(__dirname, 'n8nProbe.cjs')} ${probe.nodeOptions}`.trim(),
		MAILSHIT_BENCH_PROBE: probeDir,
		MAILSHIT_BENCH_CPU_PROF: cpuProfile ? '1' : '0',
		MAILSHIT_BENCH_GC_MS: String(probe.gcEveryMs),
	});
	// the run data is read from n8n's database afterwards: what `execute` prints is cut short at this size
	const result = check(`n8n execute --id=${workflowId}`, await probed.run(['execute', `--id=${workflowId}`], 30 * 60_000));
	const execution = await readStoredExecution(cli, workflowId);
	if (execution.status !== 'success') throw new Error(`${label}: the execution ended "${execution.status}": ${execution.error}`);
	const task = execution.nodes[lastNode];
	const report = readProbeReport(probeDir);
	return {
		workflow: label,
		processMs: result.ms,
		executionMs: execution.stoppedAt - execution.startedAt,
		lastNodeMs: task.executionTime,
		lastNodeStart: task.startTime,
		hints: task.hints,
		figures: spanFigures(report, task.startTime, task.startTime + task.executionTime),
		mjmlCompiles: report.mjmlCompiles,
		...(cpuProfile ? { profile: path.join(probeDir, `cpu-${report.pid}.cpuprofile`) } : {}),
	};
}

async function expectDelivered(sink: SinkHandle, count: number, label: string) {
	const received = await sink.count();
	if (received.messages !== count || received.distinct !== count) {
		throw new Error(`${label}: the sink received ${received.messages} messages (${received.distinct} distinct), expected ${count}`);
	}
	return received;
}

/** Memory figures of one run, for the tables: RSS, V8's heap, and (with --gc-every) the live heap. */
function memoryFigures(figures: SpanFigures): Record<string, string | number> {
	const { live } = figures;
	return {
		'RSS growth during the node MB': round(figures.peakRssInSpanMb - figures.rssAtStartMb),
		'V8 heap used at start | peak MB': `${round(figures.heapUsedAtStartMb)} | ${round(figures.peakHeapUsedInSpanMb)}`,
		'external (Buffers…) peak MB': round(figures.peakExternalInSpanMb),
		...(live && {
			'live heap after full GC: before | peak | last in node | after MB': `${live.beforeMb} | ${live.peakInSpanMb} | ${live.lastInSpanMb} | ${live.afterMb}`,
			'forced GCs in node | longest ms': `${live.collections} | ${live.longestMs}`,
		}),
	};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 0) => +value.toFixed(digits);

export async function benchInRealN8n(args: string[]): Promise<void> {
	const options = readOptions(args);
	const install = n8nInstall(2);
	if (!install?.installed) throw new Error('n8n 2.x is not installed: run `npx tsx e2e/install-n8n.ts 2` (or npm run test:e2e) first');
	const started = Date.now();
	const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
	const workDir = mkdtempSync(path.join(tmpdir(), 'mailshit-bench-n8n-'));
	const userFolder = path.join(workDir, 'user');
	mkdirSync(userFolder);
	const cli = new N8nCli(install, userFolder);
	const sink = await startSink(options.sink);
	try {
		log(
			`n8n ${install.version} on ${install.nodeBin}; ${options.count} emails, ${options.repeat} rounds, ${options.sink} sink${pinning ? ', n8n and the limit on core 0, the sink on core 1' : ''}` +
				`${options.gcEveryMs ? `; n8n forces a full GC every ${options.gcEveryMs} ms` : ''}${options.nodeOptions ? `; n8n's Node options: ${options.nodeOptions}` : ''}`,
		);
		const tarball = await buildAndPack(path.join(workDir, 'pack'), log);
		log('installing the package as Community Nodes does');
		await installCommunityPackage(tarball, userFolder, cli.env());
		const credential = customSmtpCredential('mailshitBenchSink', 'Bench sink', sink.port, { fromEmail: FROM.address, fromName: FROM.name, connectionTimeout: 60 });
		await cli.importCredentials([credential]);
		const rows = recipientRows(options.count);
		const workflows = [
			sendWorkflow('mailshitBenchNode', 'bench: newsletter', codeNode('Subscribers', rows), mailshitNode(NODE, credential, nodeParameters())),
			sendWorkflow('mailshitBenchNoOp', 'bench: newsletter, No Operation', codeNode('Subscribers', rows), noOpNode(NO_OP)),
		];
		if (options.variant) {
			const parameters = { ...nodeParameters(), options: options.variant };
			workflows.push(sendWorkflow('mailshitBenchVariant', `bench: newsletter, options ${JSON.stringify(options.variant)}`, codeNode('Subscribers', rows), mailshitNode(NODE, credential, parameters)));
		}
		const perItemWorkloads = options.perItem
			? [
					{ id: 'mailshitBenchPerItem', label: 'per-item', what: 'a value MJML compiles per item', rows: perItemRows(options.perItem), parameters: perItemParameters() },
					{ id: 'mailshitBenchOwnTemplates', label: 'own-templates', what: 'a template of their own per item', rows: ownTemplateRows(options.perItem), parameters: ownTemplateParameters() },
				]
			: [];
		for (const workload of perItemWorkloads) {
			workflows.push(sendWorkflow(workload.id, `bench: ${workload.what}`, codeNode('Subscribers', workload.rows), mailshitNode(NODE, credential, workload.parameters)));
		}
		await cli.importWorkflows(workflows);
		// n8n (and everything it starts) and the limit share core 0; the sink has core 1
		pin(process.pid, 0);

		let rawProfile: { dir: string; window: ProfileWindow } | undefined;
		const rounds: Array<{ node: N8nRun; noOp: N8nRun; variant?: N8nRun; raw: { elapsedMs: number; cpuMs: number }; rawBytes: number; nodeBytes: number; sessions: number }> = [];
		for (let round = 1; round <= options.repeat; round++) {
			await sink.reset();
			const profileThis = options.cpuProfile && round === options.repeat;
			const rawProfileDir = profileThis ? mkdtempSync(path.join(workDir, 'limit-profile-')) : undefined;
			const raw = await runScenario('raw', sink.port, options.count, { nodeBin: install.nodeBin, cpuProfileDir: rawProfileDir });
			if (rawProfileDir) rawProfile = { dir: rawProfileDir, window: raw.window };
			const rawReceived = await expectDelivered(sink, options.count, 'limit');
			log(`round ${round}: limit ${Math.round(options.count / (raw.elapsedMs / 1000))} msg/s`);
			await sink.reset();
			const node = await executeWithProbe(cli, workDir, 'mailshitBenchNode', NODE, `node-${round}`, options, profileThis);
			const nodeReceived = await expectDelivered(sink, options.count, 'node');
			const noOp = await executeWithProbe(cli, workDir, 'mailshitBenchNoOp', NO_OP, `noop-${round}`, options);
			const nodeMs = node.executionMs - noOp.executionMs;
			log(
				`round ${round}: node ${Math.round(options.count / (nodeMs / 1000))} msg/s (execution ${node.executionMs} ms − No Operation ${noOp.executionMs} ms; node's own ${node.lastNodeMs} ms), ` +
					`${nodeReceived.connections} sessions, event loop p99 ${node.figures.eventLoop.p99Ms} ms`,
			);
			let variant: N8nRun | undefined;
			if (options.variant) {
				await sink.reset();
				variant = await executeWithProbe(cli, workDir, 'mailshitBenchVariant', NODE, `variant-${round}`, options);
				await expectDelivered(sink, options.count, 'variant');
				log(`round ${round}: node with options ${JSON.stringify(options.variant)} ${Math.round(options.count / ((variant.executionMs - noOp.executionMs) / 1000))} msg/s`);
			}
			rounds.push({ node, noOp, variant, raw, rawBytes: rawReceived.bytes / options.count, nodeBytes: nodeReceived.bytes / options.count, sessions: nodeReceived.connections });
		}

		const nodeRate = median(rounds.map((r) => options.count / ((r.node.executionMs - r.noOp.executionMs) / 1000)));
		const nodeOwnRate = median(rounds.map((r) => options.count / (r.node.lastNodeMs / 1000)));
		const rawRate = median(rounds.map((r) => options.count / (r.raw.elapsedMs / 1000)));
		// CPU time per message: what the wall clock shows too, minus other load on the machine
		const nodeCpu = median(rounds.map((r) => r.node.figures.cpuMs / options.count));
		const rawCpu = median(rounds.map((r) => r.raw.cpuMs / options.count));
		const last = rounds[rounds.length - 1];
		const summary = {
			'node msg/s (execution − No Operation)': round(nodeRate),
			"node msg/s (the node's own executionTime)": round(nodeOwnRate),
			'limit msg/s (raw pooled nodemailer)': round(rawRate),
			'× limit': round(nodeRate / rawRate, 2),
			// the limit and the node run back to back in a round: their ratio shares the round's load
			"× limit, median of the rounds' ratios": round(median(rounds.map((r) => r.raw.elapsedMs / (r.node.executionMs - r.noOp.executionMs))), 2),
			...(options.variant && {
				[`× limit with options ${JSON.stringify(options.variant)} (median of rounds)`]: round(median(rounds.map((r) => r.raw.elapsedMs / (r.variant!.executionMs - r.noOp.executionMs))), 2),
				[`CPU ms/message with options ${JSON.stringify(options.variant)}`]: round(median(rounds.map((r) => r.variant!.figures.cpuMs / options.count)), 3),
			}),
			'CPU ms/message node (while it ran) | limit': `${round(nodeCpu, 3)} | ${round(rawCpu, 3)}`,
			'× limit by CPU time': round(rawCpu / nodeCpu, 2),
			'SMTP sessions (node)': last.sessions,
			'MJML compiles (node run)': last.node.mjmlCompiles,
			'bytes/message node | limit': `${Math.round(last.nodeBytes)} | ${Math.round(last.rawBytes)}`,
			'n8n peak RSS MB (node run | No Operation run)': `${Math.round(last.node.figures.processPeakRssMb)} | ${Math.round(last.noOp.figures.processPeakRssMb)}`,
			...memoryFigures(last.node.figures),
			...(last.noOp.figures.live && { 'No Operation: live heap before | peak | after MB': `${last.noOp.figures.live.beforeMb} | ${last.noOp.figures.live.peakInSpanMb} | ${last.noOp.figures.live.afterMb}` }),
			'event loop during the node p50 | p99 | max ms': `${last.node.figures.eventLoop.p50Ms} | ${last.node.figures.eventLoop.p99Ms} | ${last.node.figures.eventLoop.maxMs}`,
			rounds: rounds.map((r) => `${round(options.count / ((r.node.executionMs - r.noOp.executionMs) / 1000))} vs ${round(options.count / (r.raw.elapsedMs / 1000))}`).join(' / '),
		};
		console.log();
		console.table(summary);

		const perItem: Array<{ workload: string; run: N8nRun; sessions: number }> = [];
		for (const workload of perItemWorkloads) {
			await sink.reset();
			log(`${options.perItem} emails, ${workload.what}`);
			const run = await executeWithProbe(cli, workDir, workload.id, NODE, workload.label, options);
			const received = await expectDelivered(sink, options.perItem, workload.label);
			perItem.push({ workload: workload.label, run, sessions: received.connections });
			console.table({
				'msg/s (node own time)': round(options.perItem / (run.lastNodeMs / 1000)),
				'MJML compiles (counted in n8n)': run.mjmlCompiles,
				'execution hint': run.hints.join(' ') || '(no hint)',
				'n8n peak RSS MB': round(run.figures.processPeakRssMb),
				...memoryFigures(run.figures),
				'event loop p50 | p99 | max ms': `${run.figures.eventLoop.p50Ms} | ${run.figures.eventLoop.p99Ms} | ${run.figures.eventLoop.maxMs}`,
				'SMTP sessions': received.connections,
			});
		}

		if (last.node.profile) {
			console.log(`\nCPU profile of n8n's main process (round ${options.repeat}), samples while the node ran:`);
			console.log(summarizeCpuProfile(last.node.profile, { fromEpochMs: last.node.lastNodeStart, toEpochMs: last.node.lastNodeStart + last.node.lastNodeMs, anchor: readProbeReport(path.dirname(last.node.profile)).anchor }));
			console.log(`profile: ${last.node.profile}`);
		}
		if (rawProfile) {
			const file = path.join(rawProfile.dir, readdirSync(rawProfile.dir).find((name) => name.endsWith('.cpuprofile'))!);
			console.log(`\nCPU profile of the limit's process (round ${options.repeat}), samples while it sent:`);
			console.log(summarizeCpuProfile(file, rawProfile.window));
			console.log(`profile: ${file}`);
		}

		const dir = path.join(__dirname, 'results');
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, 'n8n-latest.json');
		writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), n8n: install.version, options, summary, rounds, perItem }, null, 2));
		console.log(`written: ${path.relative(process.cwd(), file)}`);
	} finally {
		await sink.stop();
		if (options.keep || options.cpuProfile) console.log(`kept ${workDir}`);
		else rmSync(workDir, { recursive: true, force: true });
	}
}
