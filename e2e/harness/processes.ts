/**
 * Child processes for the real-n8n suite and `npm start`: each in its own process group (n8n
 * starts a task runner of its own, which must die with it), every wait bounded. Groups still
 * alive are killed when this process exits (an 'exit' hook, for `npm start`) or dies (the
 * watchdog.cjs leading each group, for jest workers, whose sandboxed `process` gets no events).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// the one free-port helper, shared with the fast suite
export { freePort } from '../../test/helpers/ports';

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// 'exit' handlers run synchronously, and so does process.kill: enough to leave no n8n behind
	// when the dev script ends early
	process.on('exit', killAllGroups);
}

/** Waits for `promise` at most `ms`; the timer never outlives the wait (it would hold jest open). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<undefined>((resolve) => {
		timer = setTimeout(() => resolve(undefined), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** SIGKILLs every process group this process started and that is still alive. */
export function killAllGroups(): void {
	for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
}

export function killGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		/* already gone */
	}
}

/**
 * The environment of an interactive shell: `npm run` adds npm_* variables (npm_config_*,
 * npm_package_*, npm_lifecycle_*) that would change how a nested npm or n8n behaves.
 */
export function cleanEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(base)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
		env[key] = value;
	}
	return env;
}

export interface GroupProcess {
	child: ChildProcess;
	pid: number;
	/** Resolves when the leader exited, with its code or signal. */
	exited: Promise<number | string>;
	hasExited(): boolean;
	/** SIGTERM to the group, SIGKILL to whatever is left after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Append stdout and stderr to this file; otherwise they are piped (read child.stdout/err). */
	logFile?: string;
}

const WATCHDOG = path.join(__dirname, 'watchdog.cjs');

/**
 * Spawns a command in a new process group, registered for the exit hook. The group's leader is
 * watchdog.cjs, which kills the group if this process dies without stopping it.
 */
export function spawnGroup(cmd: string, args: string[], options: SpawnOptions): GroupProcess {
	installExitHook();
	let fd: number | undefined;
	if (options.logFile) fd = openSync(options.logFile, 'a');
	const child = spawn(process.execPath, [WATCHDOG, String(process.pid), cmd, ...args], {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
		detached: true,
	});
	if (fd !== undefined) closeSync(fd);
	if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
	const pid = child.pid;
	liveGroups.add(pid);
	let done = false;
	const exited = new Promise<number | string>((resolve) => {
		child.on('error', () => {
			done = true;
			resolve('spawn-error');
		});
		child.on('exit', (code, signal) => {
			done = true;
			resolve(code ?? signal ?? 'unknown');
		});
	});
	const stop = async (graceMs = 15_000) => {
		if (!done) {
			killGroup(pid, 'SIGTERM');
			await within(exited, graceMs);
		}
		// also a task runner or npm child the leader left behind
		killGroup(pid, 'SIGKILL');
		liveGroups.delete(pid);
	};
	return { child, pid, exited, hasExited: () => done, stop };
}

export interface CommandResult {
	status: number | string;
	stdout: string;
	stderr: string;
	timedOut: boolean;
	ms: number;
}

export interface RunCommandOptions extends Omit<SpawnOptions, 'logFile'> {
	timeoutMs: number;
	/** Called with the group once spawned (the n8n installer tracks it for its abort). */
	onSpawn?: (group: GroupProcess) => void;
}

/** Runs a command to its end (or `timeoutMs`), collecting its output; its group is killed after. */
export async function runCommand(cmd: string, args: string[], options: RunCommandOptions): Promise<CommandResult> {
	const started = Date.now();
	const group = spawnGroup(cmd, args, options);
	options.onSpawn?.(group);
	let stdout = '';
	let stderr = '';
	group.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	group.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const closed = new Promise<void>((resolve) => group.child.on('close', () => resolve()));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(group.pid, 'SIGKILL');
	}, options.timeoutMs);
	const status = await group.exited;
	clearTimeout(timer);
	// the leader is gone: whatever it left in its group (a task runner) holds our pipes open
	await group.stop(0);
	await within(closed, 5_000);
	return { status: timedOut ? 'timeout' : status, stdout, stderr, timedOut, ms: Date.now() - started };
}

/** A log file's text so far; empty before the process wrote it. */
export function readLog(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/** The HTTP status of a GET, 0 when nothing answered within 2 s. */
export async function httpStatus(url: string): Promise<number> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

/** The last `n` lines of `text`, trailing whitespace dropped first. */
export function lastLines(text: string, n: number): string {
	return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** Throws, with the last 30 lines of its output, unless the command exited with status 0. */
export function check(label: string, result: CommandResult): CommandResult {
	if (result.status !== 0) {
		throw new Error(`${label} failed (${result.status}):\n${lastLines((result.stdout + result.stderr).trim(), 30)}`);
	}
	return result;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(true));
		server.listen(port, host, () => server.close(() => resolve(false)));
	});
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined/false; throws after `timeoutMs`. */
export async function waitUntil<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs: number, intervalMs = 250): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}
