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
import type { N8nMajor } from './n8n-versions';

/** Installs `majors` (default: every pinned version) and packs the working tree; also the UI suite's setup. */
export async function prepareN8nAndPackage(majors?: N8nMajor[], label = 'e2e'): Promise<void> {
	const started = Date.now();
	const log = (line: string) => console.log(`[${label} ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
	console.log('');
	await ensureN8nInstalled(majors, { log });
	const packDir = mkdtempSync(path.join(tmpdir(), `mailshit-${label}-pack-`));
	const tarball = await buildAndPack(packDir, log);
	log(`packed ${path.basename(tarball)}`);
	process.env.MAILSHIT_E2E_PACK_DIR = packDir;
	process.env.MAILSHIT_E2E_TARBALL = tarball;
}

export default async function globalSetup(): Promise<void> {
	await prepareN8nAndPackage();
}
