import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Before `npm test`: a user folder for n8n's engine (test/helpers/n8nEngine.ts), which writes its
 * settings file there instead of into ~/.n8n. The workers inherit it through the environment.
 */
export default async function globalSetup(): Promise<void> {
	process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'mailshit-jest-n8n-'));
}
