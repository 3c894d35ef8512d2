import nodemailer, { type SendMailOptions, type SMTPPoolSentMessageInfo } from 'nodemailer';
import type MimeNode from 'nodemailer/lib/mime-node';
import { classifySmtpError, smtpFailure, type SmtpFailure } from '../smtp/classifyError';
import { classifyDeliveryFailure, nextStep, recordAttempt, type AttemptHistory, type DeliveryOptions } from './deliveryPolicy';
import { fail, ok, type Result } from '../shared/result';
import { systemClock } from './clock';
import { isTokenRejection } from './oauthTokens';
import { signEveryMessage } from './dkimSigning';
import { createRateLimiter } from './rateLimiter';
import { PASSWORD_AUTH, signInSecrets, smtpTransportOptions, type SmtpAuth } from './smtpOptions';
import type { SmtpSettings } from '../smtp/settings';

export interface DeliveredInfo {
	messageId: string;
	accepted: string[];
	rejected: string[];
	response: string;
}

export type DeliveryOutcome = Result<DeliveredInfo, SmtpFailure>;

export type OutgoingMessage = SendMailOptions & { messageId: string };

export interface PooledSender {
	/**
	 * `message.messageId` must be set: it identifies the message across attempts. After the
	 * execution's stop it resolves with a `cancelled` failure instead of starting the message.
	 */
	send(message: OutgoingMessage): Promise<DeliveryOutcome>;
	/** Closes every pooled connection; safe to call twice. */
	close(): void;
}

/** RFC 5322 §2.1.1: a line of a message holds at most 998 octets. */
const MAX_LINE_OCTETS = 998;

/**
 * The first header line of any MIME part over MAX_LINE_OCTETS, if one would be written. Pass one
 * refuses every input known to make one (a word in a subject, a file name, a display name); this
 * keeps any other way from reaching a server, which may cut or refuse such a line.
 *
 * Each part's header block is built here once and pinned to the part: what is written is
 * exactly what was checked, and nodemailer does not build every header again while it writes
 * the message (a profile of 10,000 emails in n8n put the second build at ~4 % of the CPU).
 */
function overlongHeaderLine(node: MimeNode): string | undefined {
	const headers = node.buildHeaders();
	node.buildHeaders = () => headers;
	const line = headers.split('\r\n').find((candidate) => Buffer.byteLength(candidate) > MAX_LINE_OCTETS);
	if (line) return line;
	for (const child of node.childNodes) {
		const inner = overlongHeaderLine(child);
		if (inner) return inner;
	}
	return undefined;
}

/** Addresses as nodemailer takes or reports them (one or a list; strings or `{ name, address }`), as plain strings. */
export function addressStrings(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
	return list.map((entry) => (typeof entry === 'object' && entry !== null && 'address' in entry ? String((entry as { address: unknown }).address) : String(entry)));
}

/**
 * One pooled nodemailer transport for a whole execution: every item reuses the same few SMTP
 * sessions instead of opening one per message. Built from the same options as the connection
 * test; retries by deliveryPolicy, the only retry layer.
 *
 * A stop (`options.signal`) starts no new message and ends every wait (pace, backoff). A message
 * already handed to the pool is abandoned only while it is safe: waiting for a connection, or
 * still being written (the server drops a DATA that never got its final "."). One whose whole
 * body is written is left to get its reply, so nothing is reported unsent that may have arrived.
 */
export function createPooledSender(settings: SmtpSettings, options: DeliveryOptions, auth: SmtpAuth = PASSWORD_AUTH): PooledSender {
	const clock = options.clock ?? systemClock;
	const stop = options.signal;
	const transport = nodemailer.createTransport({
		...smtpTransportOptions(settings, auth),
		pool: true,
		maxConnections: options.maxConnections,
		// a session is reused for the whole execution; servers that cap messages per session
		// close it themselves and the pool opens the next one
		maxMessages: Infinity,
		// one retry layer: the pool would otherwise resend a message whose connection closed, up to
		// 5 times for each attempt of ours, where Retries promises retries + 1 attempts in all
		maxRequeues: 0,
	});
	const rateLimiter = createRateLimiter(options.messagesPerSecond, clock);
	/** Message-IDs whose current attempt has had its whole body written to the connection. */
	const written = new Set<string>();
	/** The abort of each message's current attempt, by Message-ID. */
	const attempts = new Map<string, AbortController>();
	/** The server accepted a message in this execution: from now on a refusal to connect is a restart. */
	let delivered = false;
	let closed = false;
	// before the marker below, so the marker sees the signed message
	if (settings.dkim) signEveryMessage(transport, settings.dkim);

	// nodemailer's "stream" plugin step sees the compiled message. Its final stream ends (on the
	// readable side) only once the SMTP connection has read every byte — which it starts doing
	// after the server's 354 — and the connection writes the final "." right after: from then on
	// a lost connection leaves the delivery uncertain
	transport.use('stream', (mail, done) => {
		const overlong = overlongHeaderLine(mail.message);
		if (overlong) {
			const error = new Error(`A header line would be ${Buffer.byteLength(overlong)} octets long, over the ${MAX_LINE_OCTETS} a message line may hold: ${overlong.slice(0, 60)}…`);
			return done(Object.assign(error, { code: 'EMESSAGE' }));
		}
		const messageId = String(mail.data.messageId ?? '');
		mail.message.processFunc((output) => output.once('end', () => written.add(messageId)));
		done();
	});

	const abandonUnwritten = () => {
		for (const [messageId, attempt] of attempts) if (!written.has(messageId)) attempt.abort();
	};
	stop?.addEventListener('abort', abandonUnwritten, { once: true });

	const cancelled = (error?: unknown) => fail(smtpFailure('cancelled', error ?? new Error('Execution stopped'), settings, {}, signInSecrets(settings, auth)));

	async function attempt(message: OutgoingMessage, abort: AbortController): Promise<SMTPPoolSentMessageInfo> {
		attempts.set(message.messageId, abort);
		try {
			return await transport.sendMail({ ...message, signal: abort.signal });
		} finally {
			attempts.delete(message.messageId);
		}
	}

	return {
		async send(message) {
			const history: AttemptHistory = { counted: 0, unreachableStreak: 0 };
			let renewedToken = false;
			for (;;) {
				await rateLimiter.next(stop);
				if (stop?.aborted) return cancelled();
				const abort = new AbortController();
				const tokenGeneration = auth.method === 'oauth2' ? auth.tokens.generation : 0;
				try {
					const info = await attempt(message, abort);
					delivered = true;
					return ok({
						messageId: info.messageId,
						accepted: addressStrings(info.accepted),
						rejected: addressStrings(info.rejected),
						response: String(info.response ?? ''),
					});
				} catch (caught) {
					if (abort.signal.aborted) return cancelled(caught);
					let error = caught;
					// --- OAuth2: the server refused the token. nodemailer renews it itself only after a
					// 334 challenge; after a bare 535 the token is refreshed here (once per run, shared by
					// every connection) and this message tried once more, outside the retry budget.
					if (auth.method === 'oauth2' && !renewedToken && isTokenRejection(error)) {
						renewedToken = true;
						try {
							if (await auth.tokens.renewAfterRejection(tokenGeneration)) continue;
						} catch (refreshError) {
							error = refreshError;
						}
					}
					// --- end OAuth2
					const secrets = signInSecrets(settings, auth);
					let failure = classifySmtpError(error, settings, secrets);
					const kind = classifyDeliveryFailure(failure, written.has(message.messageId));
					if (kind === 'uncertain') failure = smtpFailure('deliveryUncertain', error, settings, {}, secrets);
					const now = clock.now();
					recordAttempt(history, kind, now);
					const step = nextStep(kind, history, delivered, options, now);
					if (!step.retry) {
						if (step.reason === 'toleranceSpent') {
							failure = smtpFailure('serverGone', error, settings, { toleranceSeconds: Math.round(options.restartToleranceMs / 1000) }, secrets);
						}
						return fail(failure);
					}
					await clock.sleep(step.delayMs, stop);
				} finally {
					written.delete(message.messageId);
				}
			}
		},
		close() {
			if (closed) return;
			closed = true;
			stop?.removeEventListener('abort', abandonUnwritten);
			transport.close();
		},
	};
}
