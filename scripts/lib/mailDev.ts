/**
 * The local mail catcher of `npm start` and the editor suite: MailDev (npm `maildev`), the
 * catcher n8n users know from Docker setups. SMTP without TLS or login, like Mailpit or
 * Mailhog, and a web inbox that renders each message's HTML and shows its text, headers,
 * attachments and source, with a `.eml` download. Both listen on 127.0.0.1 only. Messages are
 * kept in a temporary folder that lives as long as the catcher.
 *
 * MailDev is an ES module only, which the jest suites (CommonJS) cannot load, so it runs in a
 * process of its own (mailDevProcess.ts) that reports what happens as lines on stdout.
 *
 * MailDev's REST API, used here and by the end-to-end suite: GET /api/email (every message,
 * parsed), /api/email/:id/html, /api/email/:id/download (the .eml), DELETE /api/email/all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../e2e/harness/communityPackage';
import { cleanEnv, spawnGroup, within } from '../../e2e/harness/processes';

/** What mailDevProcess.ts reports, one line each: this prefix, then the JSON. */
export const REPORT_PREFIX = 'mailshit-maildev ';

export type MailDevReport =
	| { event: 'ready'; smtpPort: number; webPort: number }
	| { event: 'received'; subject: string; to: string[] }
	| { event: 'failed'; message: string; code?: string };

/** The parts of a message in GET /api/email that the callers read. */
export interface CaughtEmail {
	id: string;
	subject: string;
	envelope: { from: string; to: string[] };
	html?: string;
	text?: string;
}

interface MailDevEmail {
	id: string;
	subject?: string;
	envelope: { from?: { address: string }; to: Array<{ address: string }> };
	html?: string;
	text?: string;
}

export interface MailCatcher {
	host: string;
	smtpPort: number;
	inboxUrl: string;
	/** Called with every message that arrives. */
	onMessage(listener: (message: { subject: string; to: string[] }) => void): void;
	/** Every message received so far, oldest first. */
	emails(): Promise<CaughtEmail[]>;
	close(): Promise<void>;
}

export interface MailCatcherOptions {
	/** 0 for any free port. */
	smtpPort: number;
	/** Default 0, any free port. */
	webPort?: number;
}

/** The SMTP port is taken: a catcher (Mailpit, Mailhog, a running `npm start`) may already be there. */
export class PortTakenError extends Error {
	constructor(readonly port: number) {
		super(`port ${port} is already in use`);
	}
}

const HOST = '127.0.0.1';
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export async function startMailDev(options: MailCatcherOptions): Promise<MailCatcher> {
	const mailDirectory = mkdtempSync(path.join(tmpdir(), 'mailshit-maildev-'));
	const maildev = spawnGroup(TSX, [path.join(__dirname, 'mailDevProcess.ts'), String(options.smtpPort), String(options.webPort ?? 0), mailDirectory], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
	});
	const listeners: Array<(message: { subject: string; to: string[] }) => void> = [];
	const output: string[] = [];
	const ready = new Promise<Extract<MailDevReport, { event: 'ready' }>>((resolve, reject) => {
		createInterface({ input: maildev.child.stderr! }).on('line', (line) => output.push(line));
		createInterface({ input: maildev.child.stdout! }).on('line', (line) => {
			if (!line.startsWith(REPORT_PREFIX)) return void output.push(line);
			const report = JSON.parse(line.slice(REPORT_PREFIX.length)) as MailDevReport;
			if (report.event === 'ready') resolve(report);
			else if (report.event === 'received') for (const listener of listeners) listener(report);
			else reject(report.code === 'EADDRINUSE' ? new PortTakenError(options.smtpPort) : new Error(`MailDev did not start: ${report.message}`));
		});
		void maildev.exited.then((status) => reject(new Error(`MailDev exited (${status}) before it was ready:\n${output.join('\n')}`)));
	});
	const close = async () => {
		await maildev.stop(10_000);
		rmSync(mailDirectory, { recursive: true, force: true });
	};

	let ports: Extract<MailDevReport, { event: 'ready' }> | undefined;
	try {
		ports = await within(ready, 60_000);
		if (!ports) throw new Error(`MailDev did not start within 60 s:\n${output.join('\n')}`);
	} catch (error) {
		await close();
		throw error;
	}
	const inboxUrl = `http://${HOST}:${ports.webPort}`;
	return {
		host: HOST,
		smtpPort: ports.smtpPort,
		inboxUrl,
		onMessage: (listener) => listeners.push(listener),
		emails: async () => {
			const response = await fetch(`${inboxUrl}/api/email`, { signal: AbortSignal.timeout(10_000) });
			if (!response.ok) throw new Error(`MailDev's GET /api/email answered ${response.status}`);
			const emails = (await response.json()) as MailDevEmail[];
			return emails.map((email) => ({
				id: email.id,
				subject: email.subject ?? '',
				envelope: { from: email.envelope.from?.address ?? '', to: email.envelope.to.map((recipient) => recipient.address) },
				html: email.html,
				text: email.text,
			}));
		},
		close,
	};
}
