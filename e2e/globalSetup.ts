/**
 * Before the e2e suite: the pinned n8n versions (installed on a machine's first run, minutes;
 * found in the cache after), then this package built and packed from the working tree, so the
 * suite proves the current code. The tarball's path reaches the test files through the environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAndPack } from './harness/communityPackage';
import { ensureN8nInstalled } from './install-n8n';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const log = (line: string) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
	console.log('');
	await ensureN8nInstalled(undefined, { log });
	const packDir = mkdtempSync(path.join(tmpdir(), 'mailshit-e2e-pack-'));
	const tarball = await buildAndPack(packDir, log);
	log(`packed ${path.basename(tarball)}`);
	process.env.MAILSHIT_E2E_PACK_DIR = packDir;
	process.env.MAILSHIT_E2E_TARBALL = tarball;
}
