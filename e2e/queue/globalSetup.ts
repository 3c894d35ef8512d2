import { prepareN8nAndPackage } from '../globalSetup';

/** Before the queue suite: n8n 2.x (installed on a machine's first run) and the packed working tree. */
export default async function globalSetup(): Promise<void> {
	await prepareN8nAndPackage([2], 'queue');
}
