import nodemailer, { type SendMailOptions, type SMTPPoolSentMessageInfo } from 'nodemailer';
import { classifySmtpError, type SmtpFailure } from './classifySmtpError';
import { isTransientFailure, retryDelayMs } from './deliveryPolicy';
import { createRateLimiter } from './rateLimiter';
import { smtpTransportOptions } from './smtpOptions';
import type { DeliveryOptions } from './deliveryOptions';
import type { SmtpSettings } from './smtpSettings';

export interface DeliveredInfo {
	messageId: string;
	accepted: string[];
	rejected: string[];
	response: string;
	attempts: number;
}

export type DeliveryOutcome = { ok: true; info: DeliveredInfo } | { ok: false; failure: SmtpFailure; attempts: number };

export interface PooledSender {
	send(message: SendMailOptions): Promise<DeliveryOutcome>;
	/** Closes every pooled connection (QUIT); safe to call twice. */
	close(): void;
}

function addresses(list: unknown): string[] {
	return Array.isArray(list) ? list.map((entry) => (typeof entry === 'string' ? entry : String((entry as { address?: string }).address ?? entry))) : [];
}

/**
 * One pooled nodemailer transport for a whole execution: every item reuses the same few SMTP
 * sessions instead of opening one per message. Built from the same options as the connection test.
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
	let closed = false;

	async function attempt(message: SendMailOptions): Promise<SMTPPoolSentMessageInfo> {
		await rateLimiter.next();
		return transport.sendMail(message);
	}

	return {
		async send(message) {
			for (let attempts = 1; ; attempts++) {
				try {
					const info = await attempt(message);
					return {
						ok: true,
						info: {
							messageId: info.messageId,
							accepted: addresses(info.accepted),
							rejected: addresses(info.rejected),
							response: String(info.response ?? ''),
							attempts,
						},
					};
				} catch (error) {
					const failure = classifySmtpError(error, settings);
					if (attempts > options.retries || closed || !isTransientFailure(failure)) {
						return { ok: false, failure, attempts };
					}
					await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempts, options.retryBaseDelayMs)));
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
