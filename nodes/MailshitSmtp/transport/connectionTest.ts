import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import { fail, ok, type Result } from '../shared/result';
import { classifySmtpError, smtpFailure, type SmtpFailure } from '../smtp/classifyError';
import { port25Warning } from '../smtp/errorHints';
import { isTokenRejection, type OAuthTokenSource } from './oauthTokens';
import { PASSWORD_AUTH, signInSecrets, smtpTransportOptions, type SmtpAuth } from './smtpOptions';
import { endpointLabel, type SmtpSettings } from '../smtp/settings';
import { redactSecrets } from '../smtp/redactSecrets';
import { senderDomainFindings } from './senderDnsCheck';

/** The sentence for a reached server, or the failure whose hint is the sentence for the user. */
export type ConnectionTestResult = Result<string, SmtpFailure>;

/**
 * A pseudo SASL method: nodemailer's customAuth hook is its public way to send raw commands on an
 * open session, which the envelope probe below needs. It is never offered to or named at the server.
 */
const ENVELOPE_PROBE = 'X-MAILSHIT-ENVELOPE-PROBE';

interface ProbeReply {
	status: number;
	response: string;
	command: string;
}

/** An error in the shape nodemailer gives, so the probe's refusals use the same hint table. */
function replyError(reply: ProbeReply): Error {
	return Object.assign(new Error(reply.response), {
		code: 'EENVELOPE',
		command: reply.command,
		response: reply.response,
		responseCode: reply.status,
	});
}

/**
 * One step of the session as a promise that settles however the session goes: nodemailer reports
 * a dropped or timed-out socket by an 'error' or 'end' event and then never calls the step's own
 * callback, so a step that only waited for its callback would hang the Save button for ever.
 */
function sessionStep(connection: SMTPConnection, start: (done: (error?: Error | null) => void) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const fail = (error: Error) => {
			cleanup();
			reject(error);
		};
		const ended = () => fail(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }));
		const cleanup = () => {
			connection.removeListener('error', fail);
			connection.removeListener('end', ended);
		};
		connection.once('error', fail);
		connection.once('end', ended);
		start((error) => {
			cleanup();
			if (error) reject(error);
			else resolve();
		});
	});
}

/** Resolves after the greeting and EHLO (and STARTTLS); errors are marked as coming before the greeting. */
async function connect(connection: SMTPConnection): Promise<void> {
	try {
		await sessionStep(connection, (done) => connection.connect(done));
	} catch (error) {
		if (!connection.lastServerResponse) Object.assign(error as Error, { beforeGreeting: true });
		throw error;
	}
}

function login(connection: SMTPConnection, auth: Parameters<SMTPConnection['login']>[0]): Promise<void> {
	return sessionStep(connection, (done) => connection.login(auth, (error) => done(error)));
}

function loginWithToken(connection: SMTPConnection, user: string, tokens: OAuthTokenSource): Promise<void> {
	// nodemailer signs in with XOAUTH2 through an XOAuth2 object that asks our source for the token
	const oauth2 = new XOAuth2({ user, provisionCallback: tokens.provisionCallback });
	return login(connection, { user, method: 'XOAUTH2', oauth2 } as unknown as Parameters<typeof login>[1]);
}

/**
 * Sign in as sending does. nodemailer itself asks for a fresh token after a 334 challenge; after a
 * bare 535 it does not, so the token is refreshed here (once per run) and the sign-in repeated on
 * the same session.
 */
async function signIn(connection: SMTPConnection, settings: SmtpSettings, auth: SmtpAuth): Promise<void> {
	if (auth.method === 'password') return login(connection, { user: settings.user, pass: settings.password });
	const generation = auth.tokens.generation;
	try {
		await loginWithToken(connection, settings.user, auth.tokens);
	} catch (error) {
		if (!isTokenRejection(error) || !(await auth.tokens.renewAfterRejection(generation))) throw error;
		await loginWithToken(connection, settings.user, auth.tokens);
	}
}

/**
 * `verify()` alone passes when the server offers no AUTH (credentials never checked) and when it
 * needs AUTH that we do not send (the refusal only comes at MAIL FROM). So after AUTH we open an
 * envelope — MAIL FROM, and RCPT TO the sender itself — and reset it; no DATA, nothing is sent.
 * Only refusals every real send would meet fail the test: auth required, relay denied, a sender
 * the account may not use. An unknown mailbox at RCPT is not the credential's fault.
 */
async function probeEnvelope(connection: SMTPConnection, fromEmail: string): Promise<void> {
	let refusal: ProbeReply | undefined;
	const probe: Parameters<typeof login>[1] = { user: 'envelope-probe', method: ENVELOPE_PROBE };
	connection.customAuth.set(ENVELOPE_PROBE, async (context) => {
		const mailFrom = await context.sendCommand(`MAIL FROM:<${fromEmail}>`);
		const mailReply = { status: mailFrom.status ?? 0, response: mailFrom.response, command: 'MAIL FROM' };
		const authOrSender = mailReply.status >= 500 && (fromEmail || mailReply.status === 530);
		if (authOrSender) refusal = mailReply;
		if (mailReply.status < 400 && fromEmail) {
			const rcpt = await context.sendCommand(`RCPT TO:<${fromEmail}>`);
			const rcptReply = { status: rcpt.status ?? 0, response: rcpt.response, command: 'RCPT TO' };
			if (rcptReply.status === 530 || (rcptReply.status >= 500 && /relay|5\.7\.\d/i.test(rcptReply.response))) {
				refusal = rcptReply;
			}
		}
		await context.sendCommand('RSET');
		context.resolve();
	});
	await login(connection, probe);
	// whether a login was on offer tells a policy refusal of a client without one apart
	if (refusal) throw Object.assign(replyError(refusal), { authOffered: connection.allowsAuth });
}

/** How long the test waits for the server's answer to QUIT before it closes the socket itself. */
const QUIT_REPLY_MS = 2000;

/**
 * Says goodbye as RFC 5321 §4.1.1.10 asks: QUIT, then the server's 221 closes the session.
 * Closing the socket at the same moment would cut QUIT off (or leave the server to log an
 * aborted session on every Save); a server that never answers is closed after QUIT_REPLY_MS.
 */
function quitSession(connection: SMTPConnection): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(done, QUIT_REPLY_MS);
		function done() {
			clearTimeout(timer);
			connection.removeListener('end', done);
			connection.removeListener('error', done);
			resolve();
		}
		connection.once('end', done);
		connection.once('error', done);
		connection.quit();
	});
}

/**
 * A silent port is either not SMTP or an implicit-TLS port waiting for our handshake (Secure off on
 * 465, or any port set up that way). One TLS handshake tells them apart, so the hint can say which.
 * It starts while the session still waits for the greeting and ends with that wait, so a silent
 * port is answered within Connection Timeout, not after it plus a handshake.
 */
interface ImplicitTlsProbe {
	/** Whether the port completed a TLS handshake; false when the probe never started. */
	answer(): Promise<boolean>;
	cancel(): void;
}

function probeImplicitTlsWhileSilent(connection: SMTPConnection, settings: SmtpSettings): ImplicitTlsProbe {
	const timeoutMs = settings.timeoutSeconds * 1000;
	// most servers greet within a second or two; a port silent that long is worth one handshake
	const startAfterMs = Math.min(2000, timeoutMs / 2);
	let result: Promise<boolean> | undefined;
	let finish: ((answer: boolean) => void) | undefined;
	const start = setTimeout(() => {
		if (connection.lastServerResponse) return;
		result = new Promise((resolve) => {
			const socket = tlsConnect({ host: settings.host, port: settings.port, rejectUnauthorized: false });
			// a JS timer, not the socket's own, so it ends no later than the greeting wait
			const deadline = setTimeout(() => finish?.(false), timeoutMs - startAfterMs);
			finish = (answer) => {
				finish = undefined;
				clearTimeout(deadline);
				socket.destroy();
				resolve(answer);
			};
			socket.once('secureConnect', () => finish?.(true));
			socket.once('error', () => finish?.(false));
		});
	}, startAfterMs);
	return {
		answer: async () => (result ? await result : false),
		cancel() {
			clearTimeout(start);
			finish?.(false);
		},
	};
}

/** The server's certificate as seen over the configured TLS path, without verifying it. */
async function peekCertificate(settings: SmtpSettings): Promise<PeerCertificate | undefined> {
	const connection = new SMTPConnection(smtpTransportOptions({ ...settings, allowSelfSigned: true }));
	connection.on('error', () => undefined);
	try {
		await connect(connection);
		return (connection._socket as TLSSocket | null)?.getPeerCertificate?.();
	} catch {
		return undefined;
	} finally {
		connection.close();
	}
}

/** The session as it ended up: encrypted or not, and with which TLS version. */
export interface ReachedSession {
	secure: boolean;
	protocol?: string | null;
}

/** The sentence for a passed test, from the settings and what the session turned out to be. */
export function describeReachedServer(settings: SmtpSettings, session: ReachedSession): string {
	const channel = !session.secure
		? 'without encryption'
		: `over ${settings.secure ? 'implicit TLS' : 'STARTTLS'}${session.protocol ? ` (${session.protocol})` : ''}`;
	const unverified = session.secure && settings.allowSelfSigned ? ', certificate not verified (Allow Self-Signed Certificates is on)' : '';
	const who =
		settings.signIn === 'oauth2'
			? `signed in with OAuth2 as "${settings.user}"`
			: settings.user
				? `authenticated as "${settings.user}"`
				: 'without login (the server asked for none)';
	const sender = settings.fromEmail ? `; the server accepts mail from ${settings.fromEmail}` : '';
	return `Connected to ${endpointLabel(settings)} ${channel}${unverified}, ${who}${sender}.${port25Warning(settings.port, session.secure)}`;
}

function describeSuccess(settings: SmtpSettings, connection: SMTPConnection): string {
	const socket = connection._socket as TLSSocket | null;
	return describeReachedServer(settings, { secure: connection.secure, protocol: connection.secure ? socket?.getProtocol?.() : undefined });
}

/**
 * The credential test (and the node's Check Connection): connect, upgrade TLS as configured, EHLO,
 * AUTH (password or XOAUTH2), probe the envelope, QUIT — with exactly the options sending uses —
 * then the sender domain's DKIM, SPF and DMARC records. Resolves with one sentence, and one more
 * per DNS finding; never throws.
 */
export async function testSmtpConnection(settings: SmtpSettings, auth: SmtpAuth = PASSWORD_AUTH): Promise<ConnectionTestResult> {
	const connection = new SMTPConnection(smtpTransportOptions(settings, auth));
	// errors after the one we report (a late socket reset) must not crash the n8n process
	connection.on('error', () => undefined);
	const implicitTls = settings.secure ? undefined : probeImplicitTlsWhileSilent(connection, settings);
	try {
		await connect(connection);
		implicitTls?.cancel();
		if (settings.user) {
			if (!connection.allowsAuth) {
				const notOffered = Object.assign(new Error('The server did not advertise AUTH'), { code: 'ENOAUTH', command: 'EHLO' });
				return fail(smtpFailure('authNotOffered', notOffered, settings, {}, signInSecrets(settings, auth)));
			}
			await signIn(connection, settings, auth);
		}
		await probeEnvelope(connection, settings.fromEmail);
		const message = redactSecrets(describeSuccess(settings, connection), signInSecrets(settings, auth));
		await quitSession(connection);
		// only once the server said yes: DNS findings are warnings after the OK, never the failure
		return ok([message, ...(await senderDomainFindings(settings))].join(' '));
	} catch (error) {
		const secrets = signInSecrets(settings, auth);
		let failure = classifySmtpError(error, settings, secrets);
		if (failure.hintId === 'greetingTimeout' && (await implicitTls?.answer())) {
			failure = smtpFailure('plainOnImplicitTlsPort', error, settings, {}, secrets);
		}
		if (failure.hintId === 'expiredCertificate') {
			// OpenSSL's verify error carries no certificate; a second, unverified look finds the date
			const validTo = (await peekCertificate(settings))?.valid_to;
			if (validTo) failure = smtpFailure('expiredCertificate', error, settings, { expiredOn: validTo }, secrets);
		}
		return fail(failure);
	} finally {
		implicitTls?.cancel();
		connection.close();
	}
}
