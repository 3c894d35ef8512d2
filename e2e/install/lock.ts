/**
 * An exclusive lock between installers (two `npm run test:e2e`, or one and `npm start`): a file
 * created with O_EXCL holding the holder's pid. A file whose pid is no longer alive is stale.
 */
import { closeSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { InstallError, type InstallLog } from './reporting';

const MIN = 60_000;

const heldLocks = new Set<string>();

/** Removes every lock file this process holds (for abortInstalls(), before the process exits). */
export function dropHeldLocks(): void {
	for (const lock of heldLocks) rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function holderPid(file: string): number | 'gone' | 'unwritten' {
	try {
		const pid = Number(readFileSync(file, 'utf8').trim());
		return pid > 0 ? pid : 'unwritten';
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
		throw e;
	}
}

/** Runs `fn` holding the lock `file`; waits for a live holder, bounded. */
export async function withLock<T>(file: string, label: string, log: InstallLog, fn: () => Promise<T>, waitMs = 45 * MIN): Promise<T> {
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
			const pid = holderPid(file);
			// released between our open and our read: try again
			if (pid === 'gone') continue;
			// a file without a pid yet is a holder between its open and its write, not a stale lock
			if (pid !== 'unwritten' && !isAlive(pid)) {
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
	heldLocks.add(file);
	try {
		return await fn();
	} finally {
		heldLocks.delete(file);
		try {
			unlinkSync(file);
		} catch {
			/* ignore */
		}
	}
}
