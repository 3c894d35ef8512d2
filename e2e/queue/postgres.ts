/**
 * A private PostgreSQL for one queue-mode run: its own cluster (`initdb`) in a temp folder, the
 * server in the foreground on 127.0.0.1 and a free port, with its socket in that folder too —
 * never the system service. `initdb` and `postgres` refuse to run as root, so as root (CI, a
 * container) both run as the `postgres` user through `runuser`; as anyone else (a developer's
 * laptop) they run directly. Durability is off (fsync, synchronous commit): the cluster is thrown
 * away at the end.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check, cleanEnv, freePort, lastLines, runCommand, spawnGroup, waitUntil } from '../harness/processes';

export interface PrivatePostgres {
	host: '127.0.0.1';
	port: number;
	database: string;
	user: string;
	password: string;
	logFile: string;
	stop(): Promise<void>;
}

const SERVER_BINARIES = ['initdb', 'postgres', 'createdb'];

/** The folder with initdb and postgres: $MAILSHIT_PG_BIN, the PATH, or Debian's newest /usr/lib/postgresql/<major>/bin. */
function postgresBinDir(): string {
	if (process.env.MAILSHIT_PG_BIN) return process.env.MAILSHIT_PG_BIN;
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && SERVER_BINARIES.every((name) => existsSync(path.join(dir, name)))) return dir;
	}
	const debian = '/usr/lib/postgresql';
	const majors = existsSync(debian) ? readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
	for (const major of majors) {
		const dir = path.join(debian, major, 'bin');
		if (SERVER_BINARIES.every((name) => existsSync(path.join(dir, name)))) return dir;
	}
	throw new Error('PostgreSQL server binaries not found: apt-get install postgresql (or set MAILSHIT_PG_BIN to the folder with initdb and postgres)');
}

/** util-linux's runuser lives in sbin, which a root shell's PATH may lack (sudo, cron, CI runners). */
function runuserPath(): string {
	return ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((file) => existsSync(file)) ?? 'runuser';
}

/** As root: the postgres user's uid/gid, for the cluster's folder and `runuser`. */
function postgresUser(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	try {
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error('running as root, and there is no "postgres" user for initdb and postgres to run as (apt-get install postgresql creates it)');
	}
}

export async function startPostgres(): Promise<PrivatePostgres> {
	const bin = postgresBinDir();
	const asRoot = process.getuid?.() === 0;
	// mkdtemp makes the folder 0700: as root it is handed to the postgres user whole
	const dir = mkdtempSync(path.join(tmpdir(), 'mailshit-queue-pg-'));
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const passwordFile = path.join(dir, 'password');
	const user = 'n8n';
	const password = `pg-${process.pid}-${Date.now().toString(36)}`;
	writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
	writeFileSync(logFile, '');
	if (asRoot) {
		const { uid, gid } = postgresUser();
		for (const file of [dir, passwordFile, logFile]) chownSync(file, uid, gid);
	}
	chmodSync(dir, 0o700);
	/** The command line that runs `tool` as the right user. */
	const as = (tool: string, args: string[]): [string, string[]] => (asRoot ? [runuserPath(), ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]);
	const env = { ...cleanEnv(), LC_ALL: 'C' };

	const [initCmd, initArgs] = as('initdb', ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
	const initialised = await runCommand(initCmd, initArgs, { cwd: dir, env, timeoutMs: 60_000 });
	if (initialised.status !== 0) rmSync(dir, { recursive: true, force: true });
	check('initdb', initialised);

	const port = await freePort();
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
	const [serverCmd, serverArgs] = as('postgres', ['-D', dataDir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])]);
	const server = spawnGroup(serverCmd, serverArgs, { cwd: dir, env, logFile });
	const stop = async () => {
		await server.stop(10_000);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitUntil(
			async () => {
				if (server.hasExited()) throw new Error(`postgres exited (${await server.exited})`);
				return /database system is ready to accept connections/.test(readFileSync(logFile, 'utf8'));
			},
			`PostgreSQL on 127.0.0.1:${port}`,
			60_000,
			100,
		);
		const [createCmd, createArgs] = as('createdb', ['-h', dir, '-p', String(port), '-U', user, 'n8n']);
		check('createdb', await runCommand(createCmd, createArgs, { cwd: dir, env, timeoutMs: 30_000 }));
	} catch (error) {
		const log = lastLines(readFileSync(logFile, 'utf8'), 20);
		await stop();
		throw new Error(`${(error as Error).message}\n${log}`);
	}
	return { host: '127.0.0.1', port, database: 'n8n', user, password, logFile, stop };
}
