import type { SmtpFailure } from './classifySmtpError';

/**
 * Which failures are worth another attempt. Mail cannot be taken back, so a retry is only safe
 * where the server certainly did not accept the message: a 4xx reply (RFC 5321 §4.2.1: "transient
 * negative completion"), or a connection that failed before DATA was finished.
 */
const BEFORE_ACCEPTANCE = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH', 'MAIL FROM', 'RCPT TO', 'DATA']);
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']);
const NEVER_RETRIED = new Set(['ECONFIG', 'EENVELOPE_VALIDATION']);

export function isTransientFailure(failure: SmtpFailure): boolean {
	if (NEVER_RETRIED.has(failure.code)) return false;
	const reply = failure.responseCode ?? 0;
	if (reply >= 400 && reply < 500) return true;
	if (reply >= 500) return false;
	// TLS and certificate problems are configuration, not weather
	if (['selfSignedCertificate', 'expiredCertificate', 'certificateHostMismatch', 'tlsOnPlainPort', 'startTlsNotOffered', 'hostNotFound', 'authFailed', 'authRequired', 'authNotOffered', 'configuration', 'plainOnImplicitTlsPort'].includes(failure.hintId)) {
		return false;
	}
	const command = (failure.command ?? '').toUpperCase().replace(/^AUTH .*/, 'AUTH');
	return CONNECTION_CODES.has(failure.code) && (command === '' || BEFORE_ACCEPTANCE.has(command));
}

/** Exponential backoff with full jitter: attempt 1 waits up to base, attempt 2 up to 2×base, … */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const ceiling = baseMs * 2 ** (attempt - 1);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
