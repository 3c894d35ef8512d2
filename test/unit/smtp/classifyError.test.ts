/**
 * The error → hint table, one row per cause: errors shaped as nodemailer and Node raise them
 * (the integration suites raise the real ones over real sockets; this covers every row, including
 * those a loopback server cannot produce, such as an unreachable network or a temporary DNS failure).
 */
import { classifySmtpError, smtpFailure } from '../../../nodes/MailshitSmtp/smtp/classifyError';
import { SMTP_ERROR_HINTS, type HintId } from '../../../nodes/MailshitSmtp/smtp/errorHints';
import { readSmtpSettings } from '../../../nodes/MailshitSmtp/smtp/settings';
import { ConfigurationError } from '../../../nodes/MailshitSmtp/shared/configurationError';

const PASSWORD = 's3cret-Pa55';
const settings = (fields: Record<string, unknown> = {}) =>
	readSmtpSettings({ host: 'smtp.example.com', port: 587, user: 'ada', password: PASSWORD, connectionTimeout: 5, ...fields });

const socket = (originalCode: string, code = 'ESOCKET') => Object.assign(new Error(`connect ${originalCode}`), { code, originalCode });
const reply = (command: string, responseCode: number, response: string, code = 'EENVELOPE') =>
	Object.assign(new Error(`Command failed: ${response}`), { code, command, responseCode, response });

const rows: Array<[HintId, string, unknown, Record<string, unknown>?]> = [
	['refused', 'ECONNREFUSED', socket('ECONNREFUSED')],
	['hostNotFound', 'ENOTFOUND', socket('ENOTFOUND', 'EDNS')],
	['hostNotFound', 'EDNS without an original code', Object.assign(new Error('queryA ENODATA'), { code: 'EDNS' })],
	['dnsTemporary', 'EAI_AGAIN', socket('EAI_AGAIN', 'EDNS')],
	['unreachable', 'EHOSTUNREACH', socket('EHOSTUNREACH')],
	['unreachable', 'ENETUNREACH', socket('ENETUNREACH')],
	['connectTimeout', 'CONNECT_TIMEOUT', Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' })],
	['greetingTimeout', 'GREETING_TIMEOUT', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' })],
	['greetingTimeout', 'socket timer before the greeting', Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', beforeGreeting: true })],
	['plainOnImplicitTlsPort', 'no greeting on 465 with Secure off', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }), { port: 465 }],
	['plainOnImplicitTlsPort', 'connection closed on 465 with Secure off', socket('ECONNRESET', 'ECONNECTION'), { port: 465 }],
	['tlsOnPlainPort', 'wrong version number with Secure on', Object.assign(new Error('C0:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number'), { code: 'ESOCKET' }), { secure: true, port: 587 }],
	['startTlsFailed', 'wrong version number after STARTTLS', Object.assign(new Error('wrong version number'), { code: 'ETLS', command: 'CONN' })],
	['selfSignedCertificate', 'DEPTH_ZERO_SELF_SIGNED_CERT', socket('DEPTH_ZERO_SELF_SIGNED_CERT', 'ETLS')],
	['selfSignedCertificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', socket('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ETLS')],
	['expiredCertificate', 'CERT_HAS_EXPIRED', socket('CERT_HAS_EXPIRED', 'ETLS')],
	['certificateHostMismatch', 'ERR_TLS_CERT_ALTNAME_INVALID', Object.assign(socket('ERR_TLS_CERT_ALTNAME_INVALID', 'ETLS'), { cert: { subjectaltname: 'DNS:mail.example.test, IP Address:192.0.2.1' } })],
	['startTlsNotOffered', 'STARTTLS refused with Required', reply('STARTTLS', 502, '502 5.5.1 Unrecognized command', 'ETLS'), { startTls: 'required' }],
	['startTlsFailed', 'STARTTLS refused with Opportunistic', reply('STARTTLS', 454, '454 TLS not available', 'ETLS')],
	['authFailed', 'EAUTH 535', reply('AUTH PLAIN', 535, '535 5.7.8 Authentication credentials invalid', 'EAUTH')],
	['authRequired', 'ENOAUTH', Object.assign(new Error('Missing credentials for "PLAIN"'), { code: 'ENOAUTH', command: 'API' })],
	['authRequired', '530 at MAIL FROM', reply('MAIL FROM', 530, '530 5.7.0 Authentication required')],
	['authRequired', '"auth required" at RCPT TO', reply('RCPT TO', 550, '550 5.7.1 Authentication required')],
	['ehloRejected', '501 at EHLO', reply('EHLO', 501, '501 Syntactically invalid EHLO argument(s)', 'EPROTOCOL')],
	['senderRejected', '553 at MAIL FROM', reply('MAIL FROM', 553, '553 5.7.1 Sender address rejected: not owned by user ada')],
	['messageTooLarge', '552 at MAIL FROM', reply('MAIL FROM', 552, '552 5.3.4 Message size exceeds fixed limit')],
	['recipientRejected', '550 at RCPT TO', reply('RCPT TO', 550, '550 5.1.1 User unknown')],
	['relayDenied', '554 relay at RCPT TO', reply('RCPT TO', 554, '554 5.7.1 Relay access denied')],
	['messageTooLarge', '552 at DATA', reply('DATA', 552, '552 5.3.4 Message too big', 'EMESSAGE')],
	['serverBusy', '421 at any command', reply('RCPT TO', 421, '421 4.7.0 Try again later')],
	['serverBusy', '451 at DATA', reply('DATA', 451, '451 4.3.0 Temporary failure', 'EMESSAGE')],
	['messageRefused', '554 at DATA', reply('DATA', 554, '554 5.7.1 Message rejected as spam', 'EMESSAGE')],
	['noReply', 'socket timeout mid-session', Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' })],
	['connectionClosed', 'ECONNRESET', socket('ECONNRESET', 'ECONNECTION')],
	['connectionClosed', 'ECONNECTION without a socket code', Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' })],
	['connectionClosed', "the pool's requeue wording", Object.assign(new Error('Reached maximum number of retries after connection was closed'), { code: 'ECONNECTION' })],
	['cancelled', 'a message abandoned at the stop', Object.assign(new Error('Message sending aborted'), { code: 'EABORT' })],
	['configuration', 'a credential that cannot be used', new ConfigurationError('Port must be a whole number from 1 to 65535', 'port')],
	['unknown', 'anything else', new Error('something odd')],
];

describe('classifySmtpError: each cause finds its row of the table', () => {
	it.each(rows.map(([id, label, error, fields]) => [id, label, error, fields] as const))('%s ← %s', (id, _label, error, fields) => {
		const failure = classifySmtpError(error, settings(fields));
		expect(failure.hintId).toBe(id);
		// one sentence with every blank filled
		expect(failure.hint).toMatch(/^\S.{40,}[.?]$/);
		expect(failure.hint).not.toMatch(/undefined|NaN|\(\)/);
	});

	it('every row of the table is reached (the connection test adds authNotOffered, the sender deliveryUncertain and serverGone)', () => {
		const reached = new Set<HintId>([...rows.map(([id]) => id), 'authNotOffered', 'deliveryUncertain', 'serverGone']);
		expect([...reached].sort()).toEqual(Object.keys(SMTP_ERROR_HINTS).sort());
	});
});

describe('the failure the user sees', () => {
	it("says what happened instead of the pool's requeue wording (requeueing is off)", () => {
		const failure = classifySmtpError(Object.assign(new Error('Reached maximum number of retries after connection was closed'), { code: 'ECONNECTION' }), settings());
		expect(failure.error).toBe('Connection closed by the server before the message was sent');
		expect(failure.hint).toMatch(/^smtp\.example\.com:587 closed the connection unexpectedly/);
	});

	it('a server that is gone after a restart is not blamed on the settings', () => {
		const failure = smtpFailure('serverGone', socket('ECONNREFUSED'), settings(), { toleranceSeconds: 60 });
		expect(failure.hint).toBe(
			'smtp.example.com:587 took messages earlier in this run but then stopped accepting connections (connect ECONNREFUSED) and was not back within 60 s: it is restarting or down, so check the server and send the rest later, or raise Server Restart Tolerance.',
		);
	});

	it('keeps nodemailer\'s code, the server\'s reply code and the command', () => {
		expect(classifySmtpError(reply('MAIL FROM', 553, '553 5.7.1 Sender address rejected: not owned by user ada'), settings())).toEqual({
			hintId: 'senderRejected',
			code: 'EENVELOPE',
			error: 'Command failed: 553 5.7.1 Sender address rejected: not owned by user ada',
			hint: 'The server refused the sender address (553 5.7.1 Sender address rejected: not owned by user ada): use a From Email that user "ada" may send as, on a domain the provider has verified.',
			responseCode: 553,
			command: 'MAIL FROM',
		});
	});

	it('reduces an OpenSSL dump to its reason', () => {
		const failure = classifySmtpError(
			Object.assign(new Error('40E8C0F6:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:../deps/openssl/ssl/record/methods/tlsany_meth.c:80:'), { code: 'ESOCKET' }),
			settings({ secure: true, port: 587 }),
		);
		expect(failure.error).toBe('wrong version number');
		expect(failure.hint).toBe('Secure is on but smtp.example.com:587 speaks plain SMTP first ("wrong version number"): turn Secure off for STARTTLS ports (587, 2525, 25), or keep Secure on and use port 465.');
	});

	it('names what the certificate does cover', () => {
		const error = Object.assign(socket('ERR_TLS_CERT_ALTNAME_INVALID', 'ETLS'), { cert: { subjectaltname: 'DNS:mail.example.test, IP Address:192.0.2.1' } });
		expect(classifySmtpError(error, settings()).hint).toBe(
			'The TLS certificate of smtp.example.com:587 is not valid for "smtp.example.com" (it names mail.example.test, 192.0.2.1): set SMTP Host to a name the certificate lists.',
		);
	});

	it('gives the App Password advice for Gmail and Outlook', () => {
		const failure = classifySmtpError(reply('AUTH PLAIN', 535, '535-5.7.8 Username and Password not accepted', 'EAUTH'), settings({ host: 'smtp.gmail.com' }));
		expect(failure.hint).toMatch(/^Authentication failed for user "ada" \(535-5\.7\.8 Username and Password not accepted\): check Username and Password; .*App Password/);
	});

	it('the expired date comes from the facts the connection test found', () => {
		const failure = smtpFailure('expiredCertificate', socket('CERT_HAS_EXPIRED', 'ETLS'), settings(), { expiredOn: '2020-01-01' });
		expect(failure.hint).toBe(
			'The TLS certificate of smtp.example.com:587 expired on 2020-01-01: the server\'s administrator must renew it (or, for a test server only, turn on "Allow Self-Signed Certificates").',
		);
	});

	it.each([
		['in the server\'s reply', reply('AUTH PLAIN', 535, `535 bad password ${PASSWORD}`, 'EAUTH')],
		['in the error message', new Error(`login failed with ${PASSWORD}`)],
		['base64-encoded in an AUTH PLAIN echo', reply('AUTH PLAIN', 535, `535 rejected ${Buffer.from(`\0ada\0${PASSWORD}`).toString('base64')}`, 'EAUTH')],
	])('never repeats the password %s', (_label, error) => {
		const text = JSON.stringify(classifySmtpError(error, settings()));
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toContain(Buffer.from(`\0ada\0${PASSWORD}`).toString('base64'));
	});
});
