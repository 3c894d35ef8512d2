/**
 * One measured run in its own process: `scenario.ts <raw|node|sendEmail> <port> <count>`.
 * Prints one JSON line: elapsed milliseconds, RSS before the run and peak RSS of the process.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { n8nInstall } from '../e2e/n8n-versions';
import { runMailshitNode, type NodeUnderTest } from '../test/helpers/n8nEngine';
import { NEWSLETTER_MJML } from '../examples/newsletter';
import { FROM, prerendered, recipientItems, SUBJECT } from './workload';

type Scenario = 'raw' | 'node' | 'sendEmail';

async function raw(port: number, count: number): Promise<() => Promise<void>> {
	const messages = await prerendered(recipientItems(count));
	return async () => {
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: 5, maxMessages: Infinity });
		await Promise.all(
			messages.map((m) => transport.sendMail({ from: FROM, to: m.to, subject: m.subject, html: m.html, text: m.text, messageId: `<${randomUUID()}@mailshit.example>` })),
		);
		transport.close();
	};
}

async function node(port: number, count: number): Promise<() => Promise<void>> {
	const items = recipientItems(count);
	return async () => {
		const run = await runMailshitNode({
			items,
			parameters: { operation: 'send', toEmail: '={{ $json.email }}', subject: SUBJECT, template: NEWSLETTER_MJML },
			credential: { provider: 'custom', host: '127.0.0.1', port, fromEmail: FROM.address, fromName: FROM.name, connectionTimeout: 60 },
		});
		if (run.error) throw new Error(run.error.message);
	};
}

/** n8n's own Send Email node (n8n-nodes-base, version 2.1), loaded from the e2e suite's n8n 2.x install. */
function sendEmailNode(): NodeUnderTest {
	const install = n8nInstall(2);
	if (!install?.installed) throw new Error('n8n 2.x is not installed: run `node --import tsx e2e/install-n8n.ts 2` (or npm run test:e2e) first');
	const modulePath = path.join(install.dir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'EmailSend', 'EmailSend.node.js');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { EmailSend } = require(modulePath) as { EmailSend: new () => NodeUnderTest['type'] };
	return { type: new EmailSend(), version: 2.1, credentialType: 'smtp' };
}

async function sendEmail(port: number, count: number): Promise<() => Promise<void>> {
	const emailNode = sendEmailNode();
	const items = (await prerendered(recipientItems(count))).map((m) => ({ json: m }));
	return async () => {
		const run = await runMailshitNode({
			node: emailNode,
			items,
			parameters: {
				resource: 'email',
				operation: 'send',
				fromEmail: `${FROM.name} <${FROM.address}>`,
				toEmail: '={{ $json.to }}',
				subject: '={{ $json.subject }}',
				emailFormat: 'both',
				text: '={{ $json.text }}',
				html: '={{ $json.html }}',
				options: { appendAttribution: false },
			},
			credential: { host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' },
		});
		if (run.error) throw new Error(run.error.message);
	};
}

async function main(): Promise<void> {
	const [scenario, port, count] = [process.argv[2] as Scenario, Number(process.argv[3]), Number(process.argv[4])];
	const prepare = { raw, node, sendEmail }[scenario];
	const run = await prepare(port, count);
	global.gc?.();
	const rssBefore = process.memoryUsage().rss;
	const started = performance.now();
	await run();
	const elapsedMs = performance.now() - started;
	process.stdout.write(`${JSON.stringify({ scenario, count, elapsedMs, rssBeforeMb: rssBefore / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
