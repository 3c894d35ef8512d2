/**
 * `npm run check:pack`: the package as a user gets it. Builds and packs the working tree, then
 *
 *  - reads the tarball: LICENSE, README and package.json are in it; every source map carries
 *    the sources it maps (nothing points at a .ts file that is not shipped); every compiled
 *    file has a source in the working tree (nothing stale from a deleted module); n8n's own
 *    check of the nodes API version, which n8n 2.41 runs on install, passes;
 *  - installs it into empty folders, on this Node (20) and on Node 24, two ways each: a plain
 *    `npm install <tarball>` and the way n8n's Settings > Community Nodes installs a package
 *    (e2e/harness/communityPackage.ts). Each install must succeed and npm must print no
 *    warning at all;
 *  - renders examples/newsletter.mjml with each installed copy: the HTML must equal what this
 *    working tree renders.
 *
 * Needs the npm registry (the installs resolve dependencies as a user's would). Exits 1 on any
 * finding. MAILSHIT_E2E_KEEP=1 keeps the temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAndPack, installCommunityPackage, npmComplaints, PACKAGE_NAME, REPO_ROOT } from '../e2e/harness/communityPackage';
import { runCommand, type CommandResult } from '../e2e/harness/processes';
import { duSize, nodeVersionOf } from '../e2e/install/commands';
import { envWithNode } from '../e2e/install/npm';
import { ensureNode24 } from '../e2e/install/node24';
import { cacheRoot } from '../e2e/n8n-versions';
import { NEWSLETTER_MJML_PATH } from '../examples/newsletter';
import { checkNodesApiVersion } from 'n8n-workflow';
import { compileMjml } from '../nodes/MailshitSmtp/template';

const MIN = 60_000;
const COMPILER = path.join('dist', 'nodes', 'MailshitSmtp', 'template', 'mjmlCompile.js');

/** mj-carousel and mj-navbar draw a random id per compile. */
const withoutRandomIds = (html: string) => html.replace(/\b[0-9a-f]{16}\b/g, 'RANDOM');

const findings: string[] = [];
const finding = (line: string) => {
	findings.push(line);
	console.log(`  ✗ ${line}`);
};

/** Every file under `root`, as a path relative to it with forward slashes. */
function filesUnder(root: string): string[] {
	return readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

interface SourceMap {
	sources: string[];
	sourcesContent?: Array<string | null>;
}

function checkContents(packageDir: string): void {
	const before = findings.length;
	const files = filesUnder(packageDir);
	for (const required of ['LICENSE', 'README.md', 'package.json']) if (!files.includes(required)) finding(`${required} is not in the tarball`);

	// n8n 2.41 runs this very check on every install and refuses the package when it fails
	const apiVersion = checkNodesApiVersion(JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Parameters<typeof checkNodesApiVersion>[0]);
	if (!apiVersion.compatible) finding(`n8n would refuse to install it: n8n.n8nNodesApiVersion ${JSON.stringify(apiVersion.declared)} is ${apiVersion.reason}`);

	const maps = files.filter((file) => file.endsWith('.js.map'));
	for (const map of maps) {
		const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(packageDir, map), 'utf8')) as SourceMap;
		sources.forEach((source, index) => {
			const shipped = files.includes(path.posix.join(path.posix.dirname(map), source));
			if (typeof sourcesContent?.[index] !== 'string' && !shipped) finding(`${map}: maps ${source}, which is neither embedded nor shipped`);
		});
	}
	// every compiled file comes from a source file that still exists (the build clears dist/ first)
	for (const js of files.filter((file) => file.endsWith('.js'))) {
		if (!files.includes(`${js}.map`)) {
			finding(`${js} has no source map: a leftover of an earlier build?`);
			continue;
		}
		const { sources } = JSON.parse(readFileSync(path.join(packageDir, `${js}.map`), 'utf8')) as SourceMap;
		for (const source of sources) {
			const inRepo = path.join(REPO_ROOT, path.dirname(js), source);
			if (!existsSync(inRepo)) finding(`${js} was compiled from ${path.relative(REPO_ROOT, inRepo)}, which no longer exists`);
		}
	}
	if (findings.length === before) console.log(`  contents: ${files.length} files, LICENSE, ${maps.length} source maps with their sources embedded, nothing stale`);
}

interface Install {
	label: string;
	packageDir: string;
}

/** A plain `npm install <tarball>` in an empty folder, under the Node whose binary is `nodeBin`. */
async function plainInstall(tarball: string, root: string, nodeBin: string): Promise<Install | undefined> {
	const label = `node ${nodeVersionOf(nodeBin)}, npm install <tarball>`;
	const dir = path.join(root, `${nodeVersionOf(nodeBin)}-plain`);
	mkdirSync(dir, { recursive: true });
	const result = await runCommand('npm', ['install', tarball], { cwd: dir, env: envWithNode(nodeBin), timeoutMs: 10 * MIN });
	return judgeInstall(label, result, path.join(dir, 'node_modules', PACKAGE_NAME), path.join(dir, 'node_modules'));
}

/** The install n8n's Community Nodes runs, into a fresh user folder. */
async function n8nInstall(tarball: string, root: string, nodeBin: string): Promise<Install | undefined> {
	const label = `node ${nodeVersionOf(nodeBin)}, as n8n installs it`;
	const userFolder = path.join(root, `${nodeVersionOf(nodeBin)}-n8n`);
	try {
		const installed = await installCommunityPackage(tarball, userFolder, envWithNode(nodeBin));
		return judgeInstall(label, { status: 0, stdout: installed.npmOutput, stderr: '', timedOut: false, ms: 0 }, installed.directory, path.join(installed.directory, 'node_modules'));
	} catch (error) {
		finding(`${label}: ${(error as Error).message}`);
		return undefined;
	}
}

/** `modulesDir`: the node_modules the install filled, whose size is reported. */
function judgeInstall(label: string, result: CommandResult, packageDir: string, modulesDir: string): Install | undefined {
	if (result.status !== 0) {
		finding(`${label}: npm exited ${result.status}\n${result.stdout}${result.stderr}`);
		return undefined;
	}
	const complaints = npmComplaints(`${result.stdout}\n${result.stderr}`);
	for (const line of complaints) finding(`${label}: ${line}`);
	const added = /added \d+ packages?[^\n]*/.exec(result.stdout)?.[0] ?? 'installed';
	if (!complaints.length) console.log(`  ${label}: ${added}, ${duSize(modulesDir)}, no warning`);
	return { label, packageDir };
}

/** The newsletter rendered by the installed copy, under `nodeBin`. */
async function renderWith(install: Install, nodeBin: string, expected: string): Promise<void> {
	const script = `require(process.argv[1]).compileMjml(require('node:fs').readFileSync(process.argv[2], 'utf8')).then((html) => process.stdout.write(html), (e) => { console.error(e); process.exit(1); })`;
	const result = await runCommand(nodeBin, ['-e', script, path.join(install.packageDir, COMPILER), NEWSLETTER_MJML_PATH], {
		cwd: install.packageDir,
		env: envWithNode(nodeBin),
		timeoutMs: 2 * MIN,
	});
	if (result.status !== 0) finding(`${install.label}: rendering failed\n${result.stderr}`);
	else if (withoutRandomIds(result.stdout) !== expected) finding(`${install.label}: renders examples/newsletter.mjml differently from the working tree`);
	else console.log(`  ${install.label}: renders examples/newsletter.mjml as the working tree does`);
}

async function main(): Promise<void> {
	const root = mkdtempSync(path.join(tmpdir(), 'mailshit-check-pack-'));
	try {
		console.log(`${PACKAGE_NAME}: build and pack (${root})`);
		const tarball = await buildAndPack(path.join(root, 'pack'));
		const contents = path.join(root, 'contents');
		mkdirSync(contents);
		const untar = await runCommand('tar', ['-xzf', tarball, '-C', contents, '--strip-components=1'], { cwd: root, env: process.env, timeoutMs: MIN });
		if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
		checkContents(contents);

		const expected = withoutRandomIds(await compileMjml(readFileSync(NEWSLETTER_MJML_PATH, 'utf8')));
		const node24 = await ensureNode24(cacheRoot(), (line) => console.log(`  ${line}`));
		for (const nodeBin of [process.execPath, node24]) {
			for (const install of [await plainInstall(tarball, root, nodeBin), await n8nInstall(tarball, root, nodeBin)]) {
				if (install) await renderWith(install, nodeBin, expected);
			}
		}
	} finally {
		if (process.env.MAILSHIT_E2E_KEEP) console.log(`kept ${root}`);
		else rmSync(root, { recursive: true, force: true });
	}
	if (findings.length) {
		console.error(`\ncheck:pack: ${findings.length} finding(s)`);
		process.exitCode = 1;
	} else console.log('\ncheck:pack: the tarball installs without a warning and renders as the working tree does');
}

main().catch((error: unknown) => {
	console.error(`check:pack failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
