/**
 * Releasing, with this repository's own package.json, .npmrc and scripts, in throwaway git
 * repositories: `npm run bump` stamps the changelog into the version commit even though the
 * .npmrc turns lifecycle scripts off; a plain `npm version` does not, and the publish
 * workflow's check then refuses the tag; and a publish from anywhere but GitHub Actions is
 * refused before anything is uploaded to the registry (a local one here, recording requests).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const MANIFEST = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts: Record<string, string> };

const CHANGELOG = `# Changelog

## Unreleased

### Added

- A feature.

## 0.1.0 — 2026-11-25

First version.
`;

interface Run {
	code: number;
	output: string;
}

const temporary: string[] = [];
afterAll(() => {
	for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/**
 * Only what the command needs: no CI variables (npm would try to sign a provenance statement
 * there), no npm_config_* of the `npm test` running this, and a home without the developer's
 * ~/.npmrc, so the repository's .npmrc is the only configuration.
 */
function run(cwd: string, command: string, args: string[]): Promise<Run> {
	const env = { PATH: process.env.PATH ?? '', HOME: path.join(cwd, '.home'), npm_config_cache: path.join(cwd, '.home', 'npm-cache'), npm_config_update_notifier: 'false' };
	return new Promise((resolve) => {
		execFile(command, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
		});
	});
}

/** A git repository holding the package's release machinery: package.json, .npmrc, the changelog script. */
async function releaseRepository(changelog: string): Promise<string> {
	const dir = mkdtempSync(path.join(tmpdir(), 'mailshit-release-'));
	temporary.push(dir);
	mkdirSync(path.join(dir, 'scripts'));
	mkdirSync(path.join(dir, '.home'));
	const manifest = { name: MANIFEST.name, version: '0.1.0', license: MANIFEST.license, scripts: MANIFEST.scripts };
	writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	copyFileSync(path.join(REPO, '.npmrc'), path.join(dir, '.npmrc'));
	copyFileSync(path.join(REPO, 'scripts', 'changelog.ts'), path.join(dir, 'scripts', 'changelog.ts'));
	writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
	writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n.home\n');
	symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
	for (const args of [['init', '-q'], ['config', 'user.email', 'release@test.invalid'], ['config', 'user.name', 'Release Test'], ['add', '-A'], ['commit', '-qm', 'initial']]) {
		const git = await run(dir, 'git', args);
		if (git.code !== 0) throw new Error(`git ${args.join(' ')}: ${git.output}`);
	}
	return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('npm run bump', () => {
	it('moves the Unreleased entries under the new version, inside the version commit and tag', async () => {
		const dir = await releaseRepository(CHANGELOG);
		const bump = await run(dir, 'npm', ['run', 'bump', '--', 'minor']);
		expect(bump).toMatchObject({ code: 0 });
		expect(JSON.parse(read(dir, 'package.json'))).toMatchObject({ version: '0.2.0' });
		const changelog = read(dir, 'CHANGELOG.md');
		expect(changelog).toMatch(/^## Unreleased\n\n## 0\.2\.0 — \d{4}-\d{2}-\d{2}\n\n### Added\n\n- A feature\.\n\n## 0\.1\.0 — 2026-11-25$/m);
		// the tag points at a commit holding both files, and the tree is clean
		expect((await run(dir, 'git', ['diff-tree', '--no-commit-id', '--name-only', '-r', 'v0.2.0'])).output.trim().split('\n')).toEqual(['CHANGELOG.md', 'package.json']);
		expect((await run(dir, 'git', ['status', '--porcelain'])).output).toBe('');
		expect(await run(dir, 'npm', ['run', 'check:release', '--', 'v0.2.0'])).toMatchObject({ code: 0 });
	});

	it('refuses while an entry is marked TO COMPLETE, and tags nothing', async () => {
		const dir = await releaseRepository(CHANGELOG.replace('- A feature.', '- A feature.\n- TO COMPLETE: the other feature.'));
		const bump = await run(dir, 'npm', ['run', 'bump', '--', 'minor']);
		expect(bump.code).not.toBe(0);
		expect(bump.output).toContain('"## Unreleased" still has entries marked TO COMPLETE');
		expect((await run(dir, 'git', ['tag'])).output).toBe('');
	});

	it('refuses an empty Unreleased section', async () => {
		const dir = await releaseRepository(CHANGELOG.replace('### Added\n\n- A feature.\n', ''));
		const bump = await run(dir, 'npm', ['run', 'bump', '--', 'patch']);
		expect(bump.code).not.toBe(0);
		expect(bump.output).toContain('"## Unreleased" has no entries');
	});
});

describe('a plain npm version (lifecycle scripts off in .npmrc)', () => {
	it('leaves the changelog alone, so the publish check refuses its tag', async () => {
		const dir = await releaseRepository(CHANGELOG);
		expect(await run(dir, 'npm', ['version', 'minor'])).toMatchObject({ code: 0 });
		expect(read(dir, 'CHANGELOG.md')).toBe(CHANGELOG);
		const check = await run(dir, 'npm', ['run', 'check:release', '--', 'v0.2.0']);
		expect(check.code).not.toBe(0);
		expect(check.output).toContain('CHANGELOG.md has no section "## 0.2.0 — <date>"');
	});

	it('and the check refuses a tag that is not the package version', async () => {
		const dir = await releaseRepository(CHANGELOG);
		const check = await run(dir, 'npm', ['run', 'check:release', '--', 'v0.1.1']);
		expect(check.output).toContain('the tag v0.1.1 is not v0.1.0');
	});
});

describe('npm publish outside GitHub Actions', () => {
	let registry: Server;
	const requests: string[] = [];

	beforeAll(async () => {
		registry = createServer((request, response) => {
			requests.push(`${request.method} ${request.url}`);
			// "not published yet" to npm's look-ups; an upload would be a PUT
			response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
		});
		await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
	});

	afterAll(async () => {
		await new Promise((resolve) => registry.close(resolve));
	});

	it('is refused by publishConfig.provenance before anything is uploaded', async () => {
		expect(MANIFEST.publishConfig).toEqual({ access: 'public', provenance: true });
		const dir = mkdtempSync(path.join(tmpdir(), 'mailshit-publish-'));
		temporary.push(dir);
		mkdirSync(path.join(dir, '.home'));
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: MANIFEST.name, version: '0.0.1', publishConfig: MANIFEST.publishConfig }));
		const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
		const publish = await run(dir, 'npm', ['publish', `--registry=${url}`, `--${url.slice('http:'.length)}:_authToken=not-a-token`]);
		expect(publish.code).not.toBe(0);
		expect(publish.output).toContain('Automatic provenance generation not supported');
		expect(requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
	});
});
