/**
 * Proof that an n8n install works before its marker is written: n8n --version; the CLI commands
 * the suite uses (--help); import and execute of a probe workflow; then a real `n8n start` until
 * it is ready, and its log after.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startN8nServer } from '../harness/n8nServer';
import { freePort, runCommand, type CommandResult } from '../harness/processes';
import { instanceEnv, n8nInstall, parseExecuteOutput, type N8nInstall, type N8nMajor } from '../n8n-versions';
import { trackGroup } from './commands';
import { envWithNode } from './npm';
import { InstallError, type InstallLog } from './reporting';

/** A workflow that needs sqlite, the expression engine and the JS task runner. */
const PROBE_WORKFLOW_ID = 'mailshitE2EProbe';
const PROBE_WORKFLOW = [
	{
		id: PROBE_WORKFLOW_ID,
		name: 'mailshit e2e install probe',
		active: false,
		nodes: [
			{ id: 'p1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'p2',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { assignments: { assignments: [{ id: 'a1', name: 'sum', value: '={{ 1 + 2 }}', type: 'number' }] }, options: {} },
			},
			{
				id: 'p3',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [400, 0],
				parameters: { jsCode: 'return $input.all().map((i) => ({ json: { ...i.json, fromCode: true } }));' },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
			Set: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	},
];

const START_TIMEOUT_MS = 120_000;

export interface VerifyTarget {
	/** `n8n <version>`, leading every line and error. */
	name: string;
	major: N8nMajor;
	root: string;
	nodeBin: string;
	/** The install log; each CLI command's output is appended to it. */
	logFile: string;
	log: InstallLog;
}

export async function verifyN8nInstall({ name, major, root, nodeBin, logFile, log }: VerifyTarget): Promise<void> {
	const inst = { ...n8nInstall(major, root)!, nodeBin };
	const userFolder = mkdtempSync(join(tmpdir(), `mailshit-n8n-verify-${major}-`));
	const env = instanceEnv(inst, { userFolder, brokerPort: await freePort(), base: envWithNode(nodeBin) });
	// A command's process group is killed when it ends: a task runner it left behind goes with it.
	const n8n = async (args: string[], timeoutMs = 120_000): Promise<CommandResult> => {
		const r = await runCommand(nodeBin, [inst.n8nBin, ...args], { cwd: userFolder, env, timeoutMs, onSpawn: trackGroup });
		writeFileSync(logFile, `\n$ n8n ${args.join(' ')}   (status ${r.status})\n${r.stdout}${r.stderr}\n`, { flag: 'a' });
		return r;
	};
	const output = (r: CommandResult, chars: number) => (r.stdout + r.stderr).slice(-chars);
	try {
		log(`${name}: verify: n8n --version`);
		const v = await n8n(['--version']);
		if (v.status !== 0 || !v.stdout.includes(inst.version)) {
			throw new InstallError(`${name}: n8n --version failed (status ${v.status}): ${output(v, 2000)}`);
		}

		for (const [cmd, flag] of [
			['import:workflow', '--input'],
			['import:credentials', '--input'],
			['execute', '--rawOutput'],
		]) {
			const h = await n8n([cmd, '--help']);
			if (h.status !== 0 || !h.stdout.includes(flag)) {
				throw new InstallError(`${name}: 'n8n ${cmd} --help' failed or lacks ${flag}: ${output(h, 2000)}`);
			}
		}
		log(`${name}: verify: import:workflow, import:credentials, execute --help ok`);

		const wfFile = join(userFolder, 'probe-workflow.json');
		writeFileSync(wfFile, JSON.stringify(PROBE_WORKFLOW));
		const imp = await n8n(['import:workflow', `--input=${wfFile}`]);
		if (imp.status !== 0) {
			throw new InstallError(`${name}: import:workflow failed (status ${imp.status}): ${output(imp, 2000)}`);
		}
		const ex = await n8n(['execute', `--id=${PROBE_WORKFLOW_ID}`, '--rawOutput']);
		let items: Array<{ json: Record<string, unknown> }> | null | undefined;
		try {
			items = parseExecuteOutput(ex.stdout)?.data?.resultData?.runData?.Code?.[0]?.data?.main?.[0];
		} catch {
			/* below */
		}
		const got = items?.[0]?.json;
		if (ex.status !== 0 || got?.sum !== 3 || got?.fromCode !== true) {
			throw new InstallError(`${name}: probe workflow gave status ${ex.status}, items ${JSON.stringify(items)}:\n${output(ex, 3000)}`);
		}
		log(`${name}: verify: import:workflow + execute --rawOutput ok (${JSON.stringify(got)})`);

		await verifyStart(name, inst, userFolder, log);
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

/** A real `n8n start` on a free port until it is ready, then its log a moment later. */
async function verifyStart(name: string, inst: N8nInstall, userFolder: string, log: InstallLog): Promise<void> {
	const startLog = join(inst.dir, 'verify-start.log');
	writeFileSync(startLog, ''); // the harness appends; each verify starts a fresh log
	const port = await freePort();
	log(`${name}: verify: n8n start on 127.0.0.1:${port} (log ${startLog})`);
	const started = Date.now();
	// Ready as startN8nServer defines it: /healthz answers 200 as soon as the HTTP server listens,
	// before the migrations; /healthz/readiness only once the DB is connected and migrated; "Editor
	// is now accessible" is the last line of start-up, and the JS task runner registers just before
	// it. A plain-text log (not the suite's JSON): the scan below reads words.
	const server = await startN8nServer({
		install: inst,
		userFolder,
		logFile: startLog,
		port,
		logFormat: 'text',
		timeoutMs: START_TIMEOUT_MS,
		onSpawn: trackGroup,
	}).catch((error: unknown) => {
		throw new InstallError(`${name}: n8n start: ${(error as Error).message}`);
	});
	try {
		log(`${name}: verify: ready (/healthz + /healthz/readiness 200, JS task runner registered, editor line) after ${((Date.now() - started) / 1000).toFixed(1)}s`);
		await sleep(3000); // anything that goes wrong right after start-up
		const lines = server.logText().split('\n');
		const bad = lines.filter((l) => /task runner|runner:js/i.test(l) && /fail|exit|error|crash/i.test(l) && !/python/i.test(l));
		if (bad.length || server.process.hasExited()) {
			const exited = server.process.hasExited() ? `exited (${await server.process.exited})` : '';
			throw new InstallError(`${name}: problem after start-up in ${startLog}:\n${bad.join('\n') || exited}`);
		}
		for (const l of lines.filter((x) => /warn|error|deprecat|fail|ENOTFOUND|ECONNREFUSED|^ - [A-Z0-9_]+ ->/i.test(x)).slice(0, 20)) {
			log(`${name}: start log: ${l.trim().slice(0, 200)}`);
		}
	} finally {
		// SIGTERM to the group, SIGKILL after 15 s to whatever is left (a task runner too)
		await server.stop();
	}
}
