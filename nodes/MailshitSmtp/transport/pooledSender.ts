import nodemailer, { type SendMailOptions, type SMTPPoolSentMessageInfo } from 'nodemailer';
import { classifySmtpError, smtpFailure, type SmtpFailure } from '../smtp/classifyError';
import { classifyDeliveryFailure, retryDelayMs, type DeliveryOptions } from './deliveryPolicy';
import { fail, ok, type Result } from '../shared/result';
import { signEveryMessage } from './dkimSigning';
import { createRateLimiter } from './rateLimiter';
import { smtpTransportOptions } from './smtpOptions';
import type { SmtpSettings } from '../smtp/settings';

export interface DeliveredInfo {
	messageId: string;
	accepted: string[];
	rejected: string[];
	response: string;
}

export type DeliveryOutcome = Result<DeliveredInfo, SmtpFailure>;

export interface PooledSender {
	/** `message.messageId` must be set: it identifies the message across attempts. */
	send(message: SendMailOptions & { messageId: string }): Promise<DeliveryOutcome>;
	/** Closes every pooled connection; safe to call twice. */
	close(): void;
}

function addresses(list: unknown): string[] {
	return Array.isArray(list) ? list.map((entry) => (typeof entry === 'string' ? entry : String((entry as { address?: string }).address ?? entry))) : [];
}

/**
 * One pooled nodemailer transport for a whole execution: every item reuses the same few SMTP
 * sessions instead of opening one per message. Built from the same options as the connection
 * test; retries transient failures with backoff (see deliveryPolicy).
 */
export function createPooledSender(settings: SmtpSettings, options: DeliveryOptions): PooledSender {
	const transport = nodemailer.createTransport({
		...smtpTransportOptions(settings),
		pool: true,
		maxConnections: options.maxConnections,
		// a session is reused for the whole execution; servers that cap messages per session
		// close it themselves and the pool opens the next one
		maxMessages: Infinity,
	});
	const rateLimiter = createRateLimiter(options.messagesPerSecond);
	/** Message-IDs whose current attempt has had its whole body written to the connection. */
	const written = new Set<string>();
	let closed = false;
	// before the marker below, so the marker sees the signed message
	if (settings.dkim) signEveryMessage(transport, settings.dkim);

	// nodemailer's "stream" plugin step sees the compiled message. Its final stream ends (on the
	// readable side) only once the SMTP connection has read every byte — which it starts doing
	// after the server's 354 — and the connection writes the final "." right after: from then on
	// a lost connection leaves the delivery uncertain
	transport.use('stream', (mail, done) => {
		const messageId = String(mail.data.messageId ?? '');
		mail.message.processFunc((output) => output.once('end', () => written.add(messageId)));
		done();
	});

	async function attempt(message: SendMailOptions & { messageId: string }): Promise<SMTPPoolSentMessageInfo> {
		await rateLimiter.next();
		return transport.sendMail(message);
	}

	return {
		async send(message) {
			for (let attempts = 1; ; attempts++) {
				try {
					const info = await attempt(message);
					return ok({
						messageId: info.messageId,
						accepted: addresses(info.accepted),
						rejected: addresses(info.rejected),
						response: String(info.response ?? ''),
					});
				} catch (error) {
					let failure = classifySmtpError(error, settings);
					const kind = classifyDeliveryFailure(failure, written.has(message.messageId));
					if (kind === 'uncertain') failure = smtpFailure('deliveryUncertain', error, settings);
					const retry = kind === 'transient' || (kind === 'uncertain' && options.resendUncertain);
					if (!retry || attempts > options.retries) return fail(failure);
					await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempts, options.retryBaseDelayMs)));
				} finally {
					written.delete(message.messageId);
				}
			}
		},
		close() {
			if (closed) return;
			closed = true;
			transport.close();
		},
	};
}
