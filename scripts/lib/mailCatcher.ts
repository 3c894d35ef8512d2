/**
 * A local mail catcher for `npm start`: an SMTP server that accepts every message (any or no
 * login, no TLS, like Mailpit or MailCatcher) and keeps it in memory, and a small web inbox.
 *
 * Why not maildev or Mailpit: Mailpit is a Go binary (not on npm), and maildev brings its own
 * web stack for what smtp-server and mailparser (already dev dependencies here, the same pair
 * the tests use) do in this file.
 *
 *   GET  /                      the inbox (newest first, refreshes itself)
 *   GET  /messages/:id/html     the HTML part, as a mail client would render it (scripts blocked)
 *   GET  /messages/:id/text     the plain-text part
 *   GET  /messages/:id.eml      the raw message, to open in a mail client
 *   GET  /api/messages          the list as JSON (for scripts and the e2e suite)
 *   POST /clear                 empties the inbox
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { escapeHtml } from '../../nodes/MailshitSmtp/template/escape';

export interface CaughtMessage {
	id: number;
	receivedAt: Date;
	envelope: { from: string; to: string[] };
	subject: string;
	from: string;
	to: string;
	html?: string;
	text?: string;
	attachments: number;
	size: number;
	raw: Buffer;
}

export interface MailCatcher {
	host: string;
	smtpPort: number;
	httpPort: number;
	inboxUrl: string;
	messages: CaughtMessage[];
	/** Called for every message that arrives. */
	onMessage(listener: (message: CaughtMessage) => void): void;
	close(): Promise<void>;
}

export interface MailCatcherOptions {
	host?: string;
	smtpPort: number;
	/** Tried first for the inbox; a free port when it is taken. */
	httpPort?: number;
	/** The oldest messages are dropped beyond this. */
	maxMessages?: number;
}

/** The SMTP port is taken: a catcher (Mailpit, Mailhog, a running `npm start`) may already be there. */
export class PortTakenError extends Error {
	constructor(readonly port: number) {
		super(`port ${port} is already in use`);
	}
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
	if (!address) return '';
	return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(', ');
}

function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortTakenError(port) : error);
		server.once('error', onError);
		server.listen(port, host, () => {
			server.removeListener('error', onError);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function inboxPage(messages: CaughtMessage[], smtp: string): string {
	const rows = [...messages]
		.reverse()
		.map(
			(m) => `<tr>
  <td class="when">${escapeHtml(m.receivedAt.toLocaleTimeString())}</td>
  <td>${escapeHtml(m.from)}</td>
  <td>${escapeHtml(m.to || m.envelope.to.join(', '))}</td>
  <td class="subject"><a href="/messages/${m.id}/html">${escapeHtml(m.subject || '(no subject)')}</a></td>
  <td class="links">${m.html ? `<a href="/messages/${m.id}/html">HTML</a> · ` : ''}${m.text ? `<a href="/messages/${m.id}/text">text</a> · ` : ''}<a href="/messages/${m.id}.eml">.eml</a>${m.attachments ? ` · ${m.attachments} attachment(s)` : ''}</td>
</tr>`,
		)
		.join('\n');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>mailshit inbox (${messages.length})</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #2b2d42; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #e4e5ee; vertical-align: top; }
  th { background: #f2f3f7; } .when, .links { white-space: nowrap; color: #6b6d80; } .subject a { font-weight: 600; }
  header { display: flex; justify-content: space-between; align-items: baseline; }
</style></head>
<body><header><h1>mailshit inbox</h1>
<form method="post" action="/clear"><span>SMTP ${escapeHtml(smtp)} · ${messages.length} message(s) · refreshes every 5 s</span> <button>Clear</button></form></header>
<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th><th></th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">No messages yet. Run the example workflow in n8n, then look here.</td></tr>'}
</tbody></table></body></html>`;
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
	const host = options.host ?? '127.0.0.1';
	const maxMessages = options.maxMessages ?? 500;
	const messages: CaughtMessage[] = [];
	const listeners: Array<(message: CaughtMessage) => void> = [];
	let nextId = 1;

	const store = (raw: Buffer, parsed: ParsedMail, session: SMTPServerSession) => {
		const message: CaughtMessage = {
			id: nextId++,
			receivedAt: new Date(),
			envelope: {
				from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
				to: session.envelope.rcptTo.map((r) => r.address),
			},
			subject: parsed.subject ?? '',
			from: addressText(parsed.from),
			to: addressText(parsed.to),
			html: typeof parsed.html === 'string' ? parsed.html : undefined,
			text: parsed.text,
			attachments: parsed.attachments.length,
			size: raw.length,
			raw,
		};
		messages.push(message);
		if (messages.length > maxMessages) messages.shift();
		for (const listener of listeners) listener(message);
	};

	const smtp = new SMTPServer({
		// a catcher takes everything: any login or none, plain connections only
		authOptional: true,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		disableReverseLookup: true,
		size: 50 * 1024 * 1024,
		logger: false,
		onAuth(auth, _session, callback) {
			callback(null, { user: auth.username ?? 'anonymous' });
		},
		onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks);
				simpleParser(raw).then(
					(parsed) => {
						store(raw, parsed, session);
						callback();
					},
					(error: Error) => callback(error),
				);
			});
		},
	});
	smtp.on('error', () => {
		// a client that drops the connection; nothing to do for a catcher
	});
	const smtpPort = await listen(smtp.server, options.smtpPort, host);

	const http = createServer((request: IncomingMessage, response: ServerResponse) => {
		const url = new URL(request.url ?? '/', `http://${host}`);
		const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
			response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
			response.end(body);
		};
		const byId = (id: string) => messages.find((m) => m.id === Number(id));
		let match: RegExpExecArray | null;
		if (request.method === 'POST' && url.pathname === '/clear') {
			messages.length = 0;
			response.writeHead(303, { location: '/' });
			return response.end();
		}
		if (request.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
		if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', inboxPage(messages, `${host}:${smtpPort}`));
		if (url.pathname === '/api/messages') {
			const list = messages.map((m) => ({
				id: m.id,
				receivedAt: m.receivedAt,
				envelope: m.envelope,
				subject: m.subject,
				from: m.from,
				to: m.to,
				attachments: m.attachments,
				size: m.size,
				hasHtml: m.html !== undefined,
				hasText: m.text !== undefined,
			}));
			return send(200, 'application/json', JSON.stringify(list, null, 2));
		}
		if ((match = /^\/messages\/(\d+)\/html$/.exec(url.pathname)) && byId(match[1])?.html !== undefined) {
			// the email's own HTML: images and styles load, scripts and forms do not
			return send(200, 'text/html; charset=utf-8', byId(match[1])!.html!, {
				'content-security-policy': "default-src 'none'; img-src * data: cid:; style-src 'unsafe-inline' *; font-src * data:",
			});
		}
		if ((match = /^\/messages\/(\d+)\/text$/.exec(url.pathname)) && byId(match[1])) {
			return send(200, 'text/plain; charset=utf-8', byId(match[1])!.text ?? '');
		}
		if ((match = /^\/messages\/(\d+)\.eml$/.exec(url.pathname)) && byId(match[1])) {
			return send(200, 'message/rfc822', byId(match[1])!.raw, { 'content-disposition': `attachment; filename="message-${match[1]}.eml"` });
		}
		return send(404, 'text/plain', 'not found');
	});
	let httpPort: number;
	try {
		httpPort = await listen(http, options.httpPort ?? 0, host).catch((error: unknown) => {
			if (error instanceof PortTakenError && options.httpPort) return listen(http, 0, host);
			throw error;
		});
	} catch (error) {
		await new Promise<void>((resolve) => smtp.close(() => resolve()));
		throw error;
	}

	return {
		host,
		smtpPort,
		httpPort,
		inboxUrl: `http://${host}:${httpPort}`,
		messages,
		onMessage: (listener) => listeners.push(listener),
		close: async () => {
			http.closeAllConnections();
			await Promise.all([
				new Promise<void>((resolve) => http.close(() => resolve())),
				new Promise<void>((resolve) => smtp.close(() => resolve())),
			]);
		},
	};
}
