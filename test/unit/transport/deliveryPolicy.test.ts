import type { SmtpFailure } from '../../../nodes/MailshitSmtp/smtp/classifyError';
import { classifyDeliveryFailure, retryDelayMs } from '../../../nodes/MailshitSmtp/transport/deliveryPolicy';

const failure = (fields: Partial<SmtpFailure>): SmtpFailure => ({ hintId: 'unknown', code: 'EUNKNOWN', error: '', hint: '', ...fields });

describe('classifyDeliveryFailure: retry only where the server certainly did not take the message', () => {
	it.each([
		['421 service not available', { responseCode: 421, code: 'ECONNECTION', hintId: 'serverBusy' }, false, 'transient'],
		['451 at RCPT', { responseCode: 451, code: 'EENVELOPE', hintId: 'serverBusy' }, false, 'transient'],
		['452 too many recipients', { responseCode: 452, code: 'EENVELOPE', hintId: 'serverBusy' }, false, 'transient'],
		['454 temporary auth failure', { responseCode: 454, code: 'EAUTH', hintId: 'authFailed' }, false, 'permanent'],
		['550 no such mailbox', { responseCode: 550, code: 'EENVELOPE', hintId: 'recipientRejected' }, false, 'permanent'],
		['552 too large', { responseCode: 552, code: 'EMESSAGE', hintId: 'messageTooLarge' }, false, 'permanent'],
		['503 bad sequence', { responseCode: 503, code: 'EENVELOPE', hintId: 'senderRejected' }, false, 'permanent'],
		['535 bad login', { responseCode: 535, code: 'EAUTH', hintId: 'authFailed' }, false, 'permanent'],
		['refused (server restarting)', { code: 'ESOCKET', hintId: 'refused' }, false, 'transient'],
		['reset before the message was written', { code: 'ESOCKET', hintId: 'connectionClosed' }, false, 'transient'],
		['reset after the message was written', { code: 'ESOCKET', hintId: 'connectionClosed' }, true, 'uncertain'],
		['closed after the message was written', { code: 'ECONNECTION', hintId: 'connectionClosed' }, true, 'uncertain'],
		['no reply after the message was written', { code: 'ETIMEDOUT', hintId: 'noReply' }, true, 'uncertain'],
		['no greeting', { code: 'ETIMEDOUT', hintId: 'greetingTimeout' }, false, 'transient'],
		['self-signed certificate', { code: 'ESOCKET', hintId: 'selfSignedCertificate' }, false, 'permanent'],
		['wrong TLS mode', { code: 'ESOCKET', hintId: 'tlsOnPlainPort' }, false, 'permanent'],
		['host not found', { code: 'EDNS', hintId: 'hostNotFound' }, false, 'permanent'],
		['STARTTLS required, not offered', { code: 'ETLS', hintId: 'startTlsNotOffered', responseCode: 500 }, false, 'permanent'],
		['a local problem (bad option)', { code: 'ECONFIG', hintId: 'configuration' }, false, 'permanent'],
	] as const)('%s → %s', (_label, fields, written, expected) => {
		expect(classifyDeliveryFailure(failure(fields), written)).toBe(expected);
	});
});

describe('retryDelayMs: exponential backoff with jitter', () => {
	it.each([
		[1, 0, 500],
		[1, 1, 1000],
		[2, 0, 1000],
		[2, 1, 2000],
		[3, 0.5, 3000],
	])('attempt %d, random %d → %d ms (base 1000)', (attempt, random, expected) => {
		expect(retryDelayMs(attempt, 1000, () => random)).toBe(expected);
	});
});
