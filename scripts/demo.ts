/**
 * `npm run demo`: the main job on an embedded default. Starts a local SMTP catcher on 127.0.0.1,
 * sends the example MJML newsletter to a few recipients through the node's real send path (n8n's
 * own execution engine, real parameter resolution, a pooled SMTP connection), and writes every
 * message the catcher received as .eml and .html into a folder it prints.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newsletterParameters, subscriber } from '../examples/newsletter';
import { jsonItems, runMailshitNode } from '../test/helpers/n8nEngine';
import { startSmtpSink } from '../test/helpers/smtpSink';

const recipients = [
	{ first_name: 'Ada', email: 'ada@example.com', company: 'Analytical Engines Ltd', plan: 'Pro' },
	{ first_name: 'Grace', email: 'grace@example.com', company: 'Cobol & Sons', plan: 'Team' },
	{ first_name: 'Linus', email: 'linus@example.com', company: 'Kernel <Hackers>', plan: 'Free' },
	// no first name (subscriber() would fill in one): the template's default applies
	{ email: 'anonymous@example.com', company: 'Nameless Inc.', plan: 'Free', first_name: undefined },
].map((row, i) => subscriber(i + 1, row));

async function main(): Promise<void> {
	const outputDir = path.resolve('demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
	mkdirSync(outputDir, { recursive: true });
	const catcher = await startSmtpSink({ tls: 'plain' });
	console.log(`SMTP catcher listening on 127.0.0.1:${catcher.port}`);
	try {
		const started = Date.now();
		const run = await runMailshitNode({
			items: jsonItems(recipients),
			parameters: newsletterParameters(),
			credential: { provider: 'localCatcher', catcherHost: '127.0.0.1', catcherPort: catcher.port, fromEmail: 'news@mailshit.example', fromName: 'mailshit news' },
		});
		if (run.error) throw new Error(`the node failed: ${run.error.message}`);
		const messages = await catcher.waitForMessages(recipients.length);
		console.log(`\nThe node sent ${run.main.length} emails in ${Date.now() - started} ms over ${catcher.stats.connections} SMTP connection(s):\n`);
		messages.forEach((message, index) => {
			const base = path.join(outputDir, `${String(index + 1).padStart(2, '0')}-${message.envelope.to[0]}`);
			writeFileSync(`${base}.eml`, message.raw);
			writeFileSync(`${base}.html`, typeof message.parsed.html === 'string' ? message.parsed.html : '');
			console.log(`  ${message.envelope.to[0].padEnd(24)} "${message.parsed.subject}"`);
		});
		console.log('\nNode output (one item per input item):');
		for (const item of run.main) console.log(`  ${JSON.stringify(item.json)}`);
		console.log(`\nReceived messages (.eml to open in a mail client, .html for a browser):\n  ${outputDir}`);
	} finally {
		await catcher.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
