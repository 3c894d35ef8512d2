/**
 * This package as users get it: built from the working tree, `npm pack`ed, and installed into an
 * n8n user folder exactly the way n8n's Settings > Community Nodes does it (n8n 1.123 and 2.41,
 * CommunityPackagesService.downloadPackage): extract the tarball into
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>`, drop devDependencies, peerDependencies and
 * optionalDependencies from its package.json, run `npm install --install-strategy=shallow
 * --ignore-scripts --package-lock=false` inside that folder, and record the version in
 * `.n8n/nodes/package.json`. n8n then loads every `n8n-nodes-*` folder there at start-up.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, cleanEnv, runCommand } from './processes';

export const PACKAGE_NAME = 'n8n-nodes-mailshit';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The tarball the jest global setup packed from the working tree; `script` is the npm script that does that. */
export function packedTarball(script: 'test:e2e' | 'test:ui' | 'test:queue'): string {
	const tarball = process.env.MAILSHIT_E2E_TARBALL;
	if (!tarball) throw new Error(`MAILSHIT_E2E_TARBALL is not set: run the suite with \`npm run ${script}\` (its jest config packs the package)`);
	return tarball;
}

/** `npm run build` then `npm pack` of the working tree; returns the tarball's path in `destDir`. */
export async function buildAndPack(destDir: string, log: (line: string) => void = () => undefined): Promise<string> {
	const env = cleanEnv();
	log('npm run build');
	check('npm run build', await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, env, timeoutMs: 5 * 60_000 }));
	mkdirSync(destDir, { recursive: true });
	log('npm pack');
	const packed = check('npm pack', await runCommand('npm', ['pack', '--json', '--pack-destination', destDir], { cwd: REPO_ROOT, env, timeoutMs: 2 * 60_000 }));
	const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
	const tarball = path.join(destDir, info.filename);
	if (!existsSync(tarball)) throw new Error(`npm pack reported ${info.filename} but ${tarball} is missing`);
	return tarball;
}

/** What npm printed that is not a plain progress line: every warning and error. */
export function npmComplaints(output: string): string[] {
	return output.split('\n').filter((line) => /^npm (warn|error|ERR!)/i.test(line.trim()));
}

export interface InstalledPackage {
	/** `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-mailshit` */
	directory: string;
	version: string;
	/** What npm printed, for the log scan. */
	npmOutput: string;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's community package installer does,
 * replacing an earlier install. `env` is the n8n instance's environment: n8n runs npm with its own.
 */
export async function installCommunityPackage(tarball: string, userFolder: string, env: NodeJS.ProcessEnv): Promise<InstalledPackage> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const directory = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(directory, { recursive: true, force: true });
	mkdirSync(directory, { recursive: true });
	check('tar -xzf', await runCommand('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1'], { cwd: nodesDir, env, timeoutMs: 60_000 }));

	const packageJsonPath = path.join(directory, 'package.json');
	const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[key];
	writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');

	const npm = check(
		'npm install (in the package folder, as n8n does)',
		await runCommand(
			'npm',
			// n8n's own flags, plus --prefer-offline: the tarballs `npm ci` just cached are the same
			// versions, so only where they come from changes, not what is installed
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--prefer-offline'],
			{ cwd: directory, env: { ...env, npm_config_update_notifier: 'false' }, timeoutMs: 10 * 60_000 },
		),
	);

	// n8n keeps the list of installed packages in .n8n/nodes/package.json (named installed-nodes)
	const nodesPackageJsonPath = path.join(nodesDir, 'package.json');
	const nodesPackageJson = existsSync(nodesPackageJsonPath)
		? (JSON.parse(readFileSync(nodesPackageJsonPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesPackageJson.dependencies = { ...nodesPackageJson.dependencies, [PACKAGE_NAME]: String(packageJson.version) };
	writeFileSync(nodesPackageJsonPath, JSON.stringify(nodesPackageJson, null, 2), 'utf8');

	return { directory, version: String(packageJson.version), npmOutput: npm.stdout + npm.stderr };
}
