import { SMTP_ERROR_HINTS, type HintContext, type HintId } from './errorHints';
import { redactSecrets, secretForms } from './redactSecrets';
import { endpointLabel, type SmtpSettings } from './settings';
import { ConfigurationError } from '../shared/configurationError';

/** A failed connection or delivery, as the node reports it (`send_failed`) and the test words it. */
export interface SmtpFailure {
	hintId: HintId;
	/** nodemailer's error code (EAUTH, ESOCKET, ETIMEDOUT, EENVELOPE, …) or ECONFIG. */
	code: string;
	/** The server's or the socket's own words, secrets removed. */
	error: string;
	/** One sentence: the cause and the fix. */
	hint: string;
	responseCode?: number;
	/** The SMTP command that failed (CONN, EHLO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA, …). */
	command?: string;
}

/** The fields nodemailer and Node put on the errors we classify. */
interface TransportError {
	message?: string;
	code?: string;
	originalCode?: string;
	timeoutType?: string;
	command?: string;
	response?: string;
	responseCode?: number;
	reason?: string;
	cause?: { code?: string };
	/** Set by the connection test: the error came before the server's greeting. */
	beforeGreeting?: boolean;
	/** Node attaches the peer certificate to host-name mismatches. */
	cert?: { subjectaltname?: string };
}

const SELF_SIGNED = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const PLAIN_SPEAKER = /wrong version number|packet length too long|unknown protocol|http request/i;
const IMPLICIT_TLS_PORT = 465;

function isAuthRequiredReply(e: TransportError): boolean {
	return e.responseCode === 530 || /\b5\.7\.0\b.*auth|auth\w*\s+required/i.test(e.response ?? '');
}

/** Maps an error to its table entry: socket code first, then TLS, then the SMTP command and reply. */
function hintIdFor(e: TransportError, settings: SmtpSettings): HintId {
	const original = e.originalCode ?? e.cause?.code ?? '';
	const code = e.code ?? '';
	const command = (e.command ?? '').toUpperCase();
	const reply = e.responseCode ?? 0;
	const plainOnImplicit = !settings.secure && settings.port === IMPLICIT_TLS_PORT;

	if (code === 'EABORT') return 'cancelled';
	if (original === 'ECONNREFUSED') return 'refused';
	if (original === 'ENOTFOUND' || original === 'ENODATA' || (code === 'EDNS' && original !== 'EAI_AGAIN')) return 'hostNotFound';
	if (original === 'EAI_AGAIN') return 'dnsTemporary';
	if (original === 'EHOSTUNREACH' || original === 'ENETUNREACH') return 'unreachable';
	if (code === 'ETIMEDOUT' && e.timeoutType === 'CONNECT_TIMEOUT') return 'connectTimeout';
	// nodemailer's socket timer can beat the greeting timer when both have the same length
	const beforeGreeting = e.timeoutType === 'GREETING_TIMEOUT' || (e.timeoutType === 'SOCKET_TIMEOUT' && e.beforeGreeting === true);
	if (code === 'ETIMEDOUT' && beforeGreeting) {
		return plainOnImplicit ? 'plainOnImplicitTlsPort' : 'greetingTimeout';
	}
	if (original === 'ERR_SSL_WRONG_VERSION_NUMBER' || PLAIN_SPEAKER.test(e.message ?? '')) {
		return settings.secure ? 'tlsOnPlainPort' : 'startTlsFailed';
	}
	if (SELF_SIGNED.has(original)) return 'selfSignedCertificate';
	if (EXPIRED.has(original)) return 'expiredCertificate';
	if (original === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'certificateHostMismatch';
	if (code === 'ETLS') {
		return command === 'STARTTLS' && reply >= 500 && settings.startTls === 'required' ? 'startTlsNotOffered' : 'startTlsFailed';
	}
	if (code === 'ENOAUTH') return 'authRequired';
	if (code === 'EAUTH') return 'authFailed';
	if (reply === 421 || (reply >= 400 && reply < 500)) return 'serverBusy';
	if (command === 'MAIL FROM') {
		if (isAuthRequiredReply(e)) return 'authRequired';
		return reply === 552 ? 'messageTooLarge' : 'senderRejected';
	}
	if (command.startsWith('RCPT')) {
		if (isAuthRequiredReply(e)) return 'authRequired';
		return /relay/i.test(e.response ?? '') ? 'relayDenied' : 'recipientRejected';
	}
	if (command === 'EHLO' || command === 'HELO' || command === 'LHLO') return 'ehloRejected';
	if (reply === 552 || /\b5\.3\.4\b/.test(e.response ?? '')) return 'messageTooLarge';
	if (reply >= 500) return 'messageRefused';
	if (code === 'ETIMEDOUT' && e.timeoutType === 'SOCKET_TIMEOUT') return 'noReply';
	if (CLOSED.has(original) || code === 'ECONNECTION' || code === 'ETIMEDOUT') {
		return plainOnImplicit ? 'plainOnImplicitTlsPort' : 'connectionClosed';
	}
	return 'unknown';
}

/** "DNS:mail.example.com, IP Address:192.0.2.1" → "mail.example.com, 192.0.2.1" */
function certificateNames(e: TransportError): string | undefined {
	return e.cert?.subjectaltname?.replace(/(?:DNS|IP Address):/g, '').trim() || undefined;
}

function firstLine(text: string): string {
	const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
	// OpenSSL prefixes its reason with "<thread id>:error:<code>:SSL routines:<function>:"
	const openssl = /:error:[0-9A-F]+:[^:]+:[^:]*:([^:]+):/.exec(line);
	const clean = openssl ? openssl[1] : line;
	return clean.trim().slice(0, 300);
}

/** Builds the failure for a known cause; `classifySmtpError` finds the cause first. */
export function smtpFailure(
	hintId: HintId,
	error: unknown,
	settings: SmtpSettings,
	facts: HintContext['facts'] = {},
): SmtpFailure {
	const secrets = secretForms(settings.user, settings.password);
	const e = asTransportError(error);
	const context: HintContext = {
		provider: settings.provider,
		endpoint: endpointLabel(settings),
		host: settings.host,
		port: settings.port,
		secure: settings.secure,
		user: settings.user,
		timeoutSeconds: settings.timeoutSeconds,
		detail: redactSecrets(firstLine(e.response || e.message || ''), secrets),
		facts: { certificateNames: certificateNames(e), ...facts },
	};
	return {
		hintId,
		code: error instanceof ConfigurationError ? 'ECONFIG' : (e.code ?? 'EUNKNOWN'),
		error: redactSecrets(firstLine(e.message || ''), secrets),
		hint: redactSecrets(SMTP_ERROR_HINTS[hintId](context), secrets),
		...(e.responseCode ? { responseCode: e.responseCode } : {}),
		...(e.command ? { command: e.command } : {}),
	};
}

export function classifySmtpError(error: unknown, settings: SmtpSettings): SmtpFailure {
	const hintId = error instanceof ConfigurationError ? 'configuration' : hintIdFor(asTransportError(error), settings);
	return smtpFailure(hintId, error, settings);
}

/**
 * nodemailer's pool reports a connection that closed under a message with its own requeue
 * wording even when requeueing is off; the user gets what happened instead.
 */
const POOL_REQUEUE_TEXT = /^Reached maximum number of retries after connection was closed/;

function asTransportError(error: unknown): TransportError {
	if (!error || typeof error !== 'object') return { message: String(error) };
	const e = error as TransportError;
	if (POOL_REQUEUE_TEXT.test(e.message ?? '')) return { ...e, message: 'Connection closed by the server before the message was sent' };
	return e;
}
