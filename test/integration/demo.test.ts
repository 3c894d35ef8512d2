/**
 * `npm run demo` as a user runs it, in a process of its own with a home folder of its own: it
 * sends the newsletter, writes what arrived, and leaves ~/.n8n alone (n8n's engine would
 * otherwise create ~/.n8n/config with a generated encryption key, and say so).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
let home: string;

beforeAll(() => {
	home = mkdtempSync(path.join(tmpdir(), 'mailshit-demo-home-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

it('sends the newsletter, writes what arrived, and leaves ~/.n8n alone', async () => {
	const cwd = path.join(home, 'work');
	mkdirSync(cwd);
	// without N8N_USER_FOLDER, which the jest setup sets for the in-process tests
	const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, NODE_ENV: 'production' };
	delete env.N8N_USER_FOLDER;
	const output = await new Promise<{ code: number; text: string }>((resolve) => {
		execFile(path.join(REPO, 'node_modules', '.bin', 'tsx'), [path.join(REPO, 'scripts', 'demo.ts')], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) =>
			resolve({ code: error ? 1 : 0, text: `${stdout}${stderr}` }),
		);
	});
	expect(output.text).toContain('The node sent 4 emails');
	expect(output.code).toBe(0);
	expect(output.text).not.toContain('encryption key');
	expect(existsSync(path.join(home, '.n8n'))).toBe(false);
	const [run] = readdirSync(path.join(cwd, 'demo-output'));
	expect(readdirSync(path.join(cwd, 'demo-output', run)).filter((file) => file.endsWith('.eml'))).toHaveLength(4);
});
