import { rmSync } from 'node:fs';

/** After the e2e suite: the packed tarball's folder (each test file removes its own folders). */
export default async function globalTeardown(): Promise<void> {
	if (process.env.MAILSHIT_E2E_PACK_DIR) rmSync(process.env.MAILSHIT_E2E_PACK_DIR, { recursive: true, force: true });
}
