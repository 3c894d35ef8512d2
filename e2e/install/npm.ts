/**
 * The system's npm, run under whichever Node an install needs (npm-cli.js started by that node,
 * so native rebuilds compile against it), in an environment cleaned of `npm run`'s settings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { cleanEnv } from '../harness/processes';
import { InstallError } from './reporting';

/** The npm CLI script that belongs to the system Node. */
export function npmCli(): string {
	const candidates = [join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8', timeout: 10_000 });
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

/** process.env without npm_* and INIT_CWD, plus `extra`, with `nodeBinPath`'s folder first on PATH. */
export function envWithNode(nodeBinPath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	// Under `npm run test:e2e` or `npm start`, npm exports this project's .npmrc as npm_config_*
	// (ignore-scripts=true among them): the native rebuilds of n8nPackage.ts would silently do
	// nothing. cleanEnv() drops exactly those: npm_* and INIT_CWD.
	const env: NodeJS.ProcessEnv = { ...cleanEnv(), ...extra };
	env.PATH = `${dirname(nodeBinPath)}${delimiter}${process.env.PATH || ''}`;
	// Keep npm quiet and offline-friendly about things that reach other hosts.
	env.npm_config_update_notifier = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	return env;
}
