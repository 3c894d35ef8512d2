/**
 * The commands an install runs: long ones (npm install, native rebuilds) with their output in a
 * log file, a hard timeout and a heartbeat line; short synchronous probes (node --version, du).
 * Every process group started here is tracked until it ends, so abortInstalls() can kill it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { killGroup, lastLines, spawnGroup, type GroupProcess } from '../harness/processes';
import { InstallError, type InstallLog } from './reporting';

const HEARTBEAT_MS = 30_000;

const liveInstallGroups = new Set<GroupProcess>();

/** Tracks a group until its leader exits (also for groups spawned by the harness, via onSpawn). */
export function trackGroup(group: GroupProcess): void {
	liveInstallGroups.add(group);
	void group.exited.then(() => liveInstallGroups.delete(group));
}

/**
 * SIGKILLs every install process group still running. Only ours: the harness's killAllGroups()
 * would also kill the n8n that `npm start` runs, which its shutdown stops gently.
 */
export function killInstallGroups(): void {
	for (const group of liveInstallGroups) killGroup(group.pid, 'SIGKILL');
}

export interface LoggedCommandOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
	timeoutMs: number;
	log: InstallLog;
}

/**
 * Runs a command, output appended to logFile, with a hard timeout and a heartbeat line every
 * 30 s. Rejects on non-zero exit or timeout. Resolves with the seconds it took.
 *
 * The command runs under the harness's watchdog (spawnGroup), which kills its group if this
 * process dies without cleaning up; a watchdog passes the command's exit code on. Not the
 * harness's runCommand: that one keeps the output in memory, npm's belongs in the install log.
 */
export async function runLogged(label: string, cmd: string, args: string[], { cwd, env, logFile, timeoutMs, log }: LoggedCommandOptions): Promise<string> {
	appendFileSync(logFile, `\n$ (cwd ${cwd}) ${cmd} ${args.join(' ')}\n`);
	const started = Date.now();
	let group: GroupProcess;
	try {
		group = spawnGroup(cmd, args, { cwd, env, logFile });
	} catch (error) {
		throw new InstallError(`${label}: ${(error as Error).message}`);
	}
	trackGroup(group);
	let timedOut = false;
	const beat = setInterval(() => {
		log(`  ... ${label} still running (${Math.round((Date.now() - started) / 1000)}s)`);
	}, HEARTBEAT_MS);
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(group.pid, 'SIGKILL');
	}, timeoutMs);
	const status = await group.exited;
	clearInterval(beat);
	clearTimeout(timer);
	// the leader is gone; this also forgets the group in the harness's exit hook
	await group.stop(0);
	const secs = ((Date.now() - started) / 1000).toFixed(1);
	if (status === 0) return secs;
	const why = timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit ${status}`;
	throw new InstallError(`${label} failed (${why}); see ${logFile}:\n${tailOfFile(logFile, 25)}`);
}

/** Captures stdout+stderr of a short command as a string. */
export function captureSync(cmd: string, args: string[], timeoutMs = 120_000): { status: number | null; out: string } {
	const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
	return { status: r.status, out: `${r.stdout || ''}${r.stderr || ''}` };
}

/** The last `n` lines of a file ('' when it cannot be read). */
export function tailOfFile(file: string, n: number): string {
	try {
		return lastLines(readFileSync(file, 'utf8'), n);
	} catch {
		return '';
	}
}

/** `v20.20.2` or the like; null when the binary does not run. */
export function nodeVersionOf(bin: string): string | null {
	const r = captureSync(bin, ['--version'], 30_000);
	return r.status === 0 ? r.out.trim() : null;
}

/** Disk use of a folder as `du -sh` prints it (1.7G), or '?'. */
export function duSize(dir: string): string {
	const r = captureSync('du', ['-sh', dir]);
	return r.status === 0 ? r.out.split(/\s+/)[0] : '?';
}
