import { rmSync } from 'node:fs';

/** After `npm test`: the n8n user folder of globalSetup.ts. */
export default async function globalTeardown(): Promise<void> {
	if (process.env.N8N_USER_FOLDER?.includes('mailshit-jest-n8n-')) rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
}
