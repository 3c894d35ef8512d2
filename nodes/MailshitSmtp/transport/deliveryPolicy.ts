import type { SmtpFailure } from '../smtp/classifyError';
import type { HintId } from '../smtp/errorHints';

/**
 * What to do after a failed attempt. Mail cannot be taken back, so a retry is only safe when the
 * server certainly did not take the message:
 *  - transient: a 4xx reply (RFC 5321 §4.2.1, "transient negative completion": 421, 450, 451,
 *    452), or a connection that failed before the whole message was written: retry;
 *  - permanent: a 5xx reply, or anything that will fail the same way again (TLS, login, DNS);
 *    503 ("bad sequence of commands") included: it means the session got out of step, usually
 *    over a login, and a new attempt would meet the same state;
 *  - uncertain: the connection was lost after the whole message (and so the final ".") was
 *    written but before the server's reply: the message may have been delivered. Retrying gives
 *    at-least-once (a possible duplicate), not retrying at-most-once (a possible loss).
 */
/** How an execution delivers: one pool, its size, its pace, and its patience. */
export interface DeliveryOptions {
	/** SMTP connections kept open at once (nodemailer pool maxConnections). */
	maxConnections: number;
	/** 0 = as fast as the server takes them. */
	messagesPerSecond: number;
	/** Extra attempts for transient failures. */
	retries: number;
	/** First backoff ceiling; doubles per attempt. */
	retryBaseDelayMs: number;
	/**
	 * A connection lost after the message was written, before the reply: resend (at-least-once)
	 * or report it as uncertain (at-most-once, the default: a duplicate is a visible mistake a
	 * user cannot take back, a rare loss is reported on its item and can be resent deliberately).
	 */
	resendUncertain: boolean;
}

export type FailureKind = 'transient' | 'permanent' | 'uncertain';

/** Causes that are configuration, not weather: retrying cannot help. */
const NEVER_TRANSIENT: ReadonlySet<HintId> = new Set<HintId>([
	'hostNotFound',
	'selfSignedCertificate',
	'expiredCertificate',
	'certificateHostMismatch',
	'tlsOnPlainPort',
	'plainOnImplicitTlsPort',
	'startTlsNotOffered',
	'startTlsFailed',
	'authFailed',
	'authRequired',
	'authNotOffered',
	'configuration',
]);

const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS']);

export function classifyDeliveryFailure(failure: SmtpFailure, messageWritten: boolean): FailureKind {
	const reply = failure.responseCode ?? 0;
	if (reply >= 500) return 'permanent';
	if (NEVER_TRANSIENT.has(failure.hintId)) return 'permanent';
	if (reply >= 400) return 'transient';
	if (!CONNECTION_CODES.has(failure.code)) return 'permanent';
	return messageWritten ? 'uncertain' : 'transient';
}

/** Exponential backoff with jitter: attempt 1 waits 0.5–1 × base, attempt 2 1–2 × base, … */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const ceiling = baseMs * 2 ** (attempt - 1);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
