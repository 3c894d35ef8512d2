/**
 * MailDev in a process of its own, started by mailDev.ts (which says why):
 *
 *   tsx scripts/lib/mailDevProcess.ts <smtpPort> <webPort> <mailDirectory>
 *
 * Both servers on 127.0.0.1 (MailDev's defaults are every interface), port 0 for any free one,
 * no SMTP login, no relay. Reports on stdout as `mailshit-maildev <JSON>` lines: `ready` with
 * the bound ports, `received` per message, `failed` when it cannot start. SIGTERM or SIGINT
 * stops it.
 */
import type { MailDev } from 'maildev';
import { REPORT_PREFIX, type MailDevReport } from './mailDev';

const report = (line: MailDevReport) => console.log(`${REPORT_PREFIX}${JSON.stringify(line)}`);

async function main(): Promise<void> {
	const [smtpPort, webPort, mailDirectory] = process.argv.slice(2);
	// a dynamic import: MailDev is an ES module, this file is compiled to CommonJS
	const { MailDev: MailDevServer } = await import('maildev');
	const maildev: MailDev = new MailDevServer({ smtp: Number(smtpPort), web: Number(webPort), ip: '127.0.0.1', webIp: '127.0.0.1', mailDirectory, silent: true });
	const stop = () => void maildev.stop().finally(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	try {
		const servers = await maildev.start();
		servers.smtp.on('new', (email: { subject?: string; envelope: { to: Array<{ address: string }> } }) => {
			report({ event: 'received', subject: email.subject ?? '', to: email.envelope.to.map((recipient) => recipient.address) });
		});
		report({ event: 'ready', smtpPort: servers.smtp.getAddress().port, webPort: servers.api!.getAddress()!.port });
	} catch (error) {
		report({ event: 'failed', message: (error as Error).message, code: (error as NodeJS.ErrnoException).code });
		await maildev.stop().catch(() => undefined);
		process.exit(1);
	}
}

void main();
