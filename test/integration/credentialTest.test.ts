import { X509Certificate } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import type { INodeCredentialTestResult } from 'n8n-workflow';
import { startBlackhole } from '../helpers/blackhole';
import { testCertificates, type TestCertificates } from '../helpers/certificates';
import { runCredentialTest } from '../helpers/credentialTest';
import { passwordForms, smtpCredential, TEST_PASSWORD } from '../helpers/credentials';
import { closedPort, startScriptedServer, startSilentServer } from '../helpers/smtpSink';
import { setTimeout as realDelay } from 'node:timers/promises';
import { fakeJsTimers, watch } from '../helpers/fakeClock';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

/** The password, and its forms on the wire, must appear in no message. */
function expectNoSecret(result: INodeCredentialTestResult): void {
	for (const form of passwordForms('user', TEST_PASSWORD)) {
		expect(result.message).not.toContain(form);
	}
}

const USER = { user: 'user', pass: TEST_PASSWORD };
let certs: TestCertificates;
const sink = useSmtpSinks();

beforeAll(async () => {
	certs = await testCertificates();
});

describe('credential test: success says what was reached', () => {
	it('plain relay without login', async () => {
		const server = await sink({ tls: 'plain' });
		const result = await runCredentialTest(smtpCredential(server.port));
		expect(result).toEqual({
			status: 'OK',
			message: `Connected to 127.0.0.1:${server.port} without encryption, without login (the server asked for none); the server accepts mail from sender@example.com.`,
		});
	});

	it('STARTTLS with a trusted CA and login', async () => {
		const server = await sink({ tls: 'starttls', pem: certs.trusted, auth: USER });
		const result = await runCredentialTest(
			smtpCredential(server.port, { user: 'user', password: TEST_PASSWORD, caBundle: certs.ca.cert, startTls: 'required' }),
		);
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(
			new RegExp(`^Connected to 127\\.0\\.0\\.1:${server.port} over STARTTLS \\(TLSv1\\.[23]\\), authenticated as "user"; the server accepts mail from sender@example\\.com\\.$`),
		);
		expectNoSecret(result);
		expect(server.messages).toHaveLength(0);
	});

	it('implicit TLS with a self-signed certificate when allowed', async () => {
		const server = await sink({ tls: 'implicit', pem: certs.selfSigned, auth: USER });
		const result = await runCredentialTest(
			smtpCredential(server.port, { secure: true, user: 'user', password: TEST_PASSWORD, allowSelfSigned: true }),
		);
		expect(result.status).toBe('OK');
		expect(result.message).toContain('over implicit TLS (TLSv1.');
		expect(result.message).toContain('certificate not verified (Allow Self-Signed Certificates is on), authenticated as "user"');
	});
});

describe('credential test: each failure names its cause and fix', () => {
	it('refused', async () => {
		const port = await closedPort();
		const result = await runCredentialTest(smtpCredential(port));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Connection refused by 127.0.0.1:${port}: nothing accepts connections on that port, so check SMTP Host and Port (try 587 (STARTTLS), 465 (Secure on) or 2525) and that a firewall lets n8n connect out.`,
		);
	});

	it('host not found', async () => {
		// a 64-character label is refused by the resolver library itself: no DNS packet leaves the machine
		const host = `${'x'.repeat(64)}.invalid`;
		const result = await runCredentialTest(smtpCredential(25, { host }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Host not found: "${host}" does not resolve in DNS, so check the spelling of SMTP Host`);
	});

	it('connection timeout (SYN dropped)', async () => {
		const blackhole = await startBlackhole();
		try {
			const result = await runCredentialTest(smtpCredential(blackhole.port, { connectionTimeout: 1 }));
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`No answer from 127.0.0.1:${blackhole.port} within 1 s: a firewall is probably dropping the connection`);
		} finally {
			await blackhole.close();
		}
	});

	it('no greeting from a port that is not SMTP', async () => {
		const silent = await startSilentServer();
		try {
			const result = await runCredentialTest(smtpCredential(silent.port, { connectionTimeout: 1 }));
			expect(result.message).toContain(`Connected to 127.0.0.1:${silent.port} but no SMTP greeting came within 1 s`);
		} finally {
			await silent.close();
		}
	});

	describe('a port that accepts but never greets is answered within Connection Timeout + 1 s', () => {
		afterEach(() => jest.useRealTimers());

		it('Connection Timeout 10 s: still waiting at 9.999 s, answered by 11 s (the TLS probe runs during the wait)', async () => {
			const silent = await startSilentServer();
			try {
				fakeJsTimers();
				const test = watch(runCredentialTest(smtpCredential(silent.port, { connectionTimeout: 10 })));
				await silent.waitForConnections(1);
				// the one TLS handshake that tells a silent SMTP port from an implicit-TLS one starts while we wait
				await jest.advanceTimersByTimeAsync(2_000);
				await silent.waitForConnections(2);
				await jest.advanceTimersByTimeAsync(7_999);
				expect(test.settled).toBe(false);
				await jest.advanceTimersByTimeAsync(1_001);
				// settles on our JS timers alone: a socket's own (real-time) timer would need seconds more
				const outcome = await Promise.race([test.promise, realDelay(3_000).then(() => 'still waiting')]);
				expect(outcome).toEqual({
					status: 'Error',
					message: `Connected to 127.0.0.1:${silent.port} but no SMTP greeting came within 10 s: the port may expect TLS from the first byte (turn Secure on for 465) or may not be an SMTP server, so check Port and Secure.`,
				});
			} finally {
				jest.useRealTimers();
				await silent.close();
			}
		});
	});

	it('Secure off on an implicit-TLS port', async () => {
		const server = await sink({ tls: 'implicit', pem: certs.selfSigned });
		const result = await runCredentialTest(smtpCredential(server.port, { connectionTimeout: 1 }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Port ${server.port} expects TLS from the first byte (implicit TLS) but Secure is off, so the server waited for a TLS handshake: turn Secure on, or use port 587 with Secure off.`,
		);
	});

	it('Secure on a STARTTLS port ("wrong version number")', async () => {
		const server = await sink({ tls: 'starttls', pem: certs.selfSigned });
		const result = await runCredentialTest(smtpCredential(server.port, { secure: true }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Secure is on but 127.0.0.1:${server.port} speaks plain SMTP first ("wrong version number"): turn Secure off for STARTTLS ports (587, 2525, 25), or keep Secure on and use port 465.`,
		);
		expect(result.message).not.toMatch(/SSL routines|openssl/i);
	});

	it.each([
		['STARTTLS', 'starttls', false],
		['implicit TLS', 'implicit', true],
	] as const)('self-signed certificate over %s', async (_label, tls, secure) => {
		const server = await sink({ tls, pem: certs.selfSigned });
		const result = await runCredentialTest(smtpCredential(server.port, { secure }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`The certificate of 127.0.0.1:${server.port} is self-signed or signed by an unknown authority (self-signed certificate): turn on "Allow Self-Signed Certificates"`);
	});

	it('expired certificate', async () => {
		const server = await sink({ tls: 'implicit', pem: certs.expired });
		const result = await runCredentialTest(smtpCredential(server.port, { secure: true, caBundle: certs.ca.cert }));
		const validTo = new Date(new X509Certificate(certs.expired.cert).validTo).getTime();
		const stated = /expired on (.+ GMT):/.exec(result.message)?.[1];
		expect(result.message).toContain(`The TLS certificate of 127.0.0.1:${server.port} expired on `);
		expect(result.message).toContain(`: the server's administrator must renew it`);
		expect(new Date(stated ?? '').getTime()).toBe(validTo);
	});

	it('certificate for another host name', async () => {
		const server = await sink({ tls: 'starttls', pem: certs.wrongHost });
		const result = await runCredentialTest(smtpCredential(server.port, { caBundle: certs.ca.cert }));
		expect(result.message).toBe(
			`The TLS certificate of 127.0.0.1:${server.port} is not valid for "127.0.0.1" (it names mail.example.test): set SMTP Host to a name the certificate lists.`,
		);
	});

	it('STARTTLS required but not offered', async () => {
		const server = await sink({ tls: 'plain' });
		const result = await runCredentialTest(smtpCredential(server.port, { startTls: 'required' }));
		expect(result.message).toBe(
			`STARTTLS is set to Required but 127.0.0.1:${server.port} did not offer it, so the connection would be unencrypted and was stopped: use port 465 with Secure on, or a port that offers STARTTLS (587).`,
		);
	});

	it('wrong password: App Password hint, and no trace of the password', async () => {
		const server = await sink({ tls: 'plain', auth: { user: 'user', pass: 'the-right-one' } });
		const result = await runCredentialTest(smtpCredential(server.port, { user: 'user', password: TEST_PASSWORD }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Authentication failed for user "user" (535 Authentication credentials invalid): check Username and Password; Gmail and Outlook need an App Password when 2-step verification is on.',
		);
		expectNoSecret(result);
		expect(server.stats.authAttempts).toBe(1);
	});

	it('server needs login but none is set (verify() alone says OK here)', async () => {
		const server = await sink({ tls: 'plain', auth: USER, authRequired: true });
		const result = await runCredentialTest(smtpCredential(server.port));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`127.0.0.1:${server.port} requires authentication (530 Error: authentication Required) but no Username and Password are set: fill them in (for Gmail and Outlook use an App Password).`,
		);
		expect(server.messages).toHaveLength(0);
	});

	it('login set but the server offers no AUTH (credentials would never be checked)', async () => {
		const server = await sink({ tls: 'plain' });
		const result = await runCredentialTest(smtpCredential(server.port, { user: 'user', password: TEST_PASSWORD }));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`127.0.0.1:${server.port} did not offer AUTH on this connection, so Username and Password were never checked: many servers offer login only after STARTTLS (set STARTTLS to Opportunistic or Required), or clear Username and Password for a relay without login.`,
		);
		expectNoSecret(result);
	});

	describe('the envelope probe (MAIL FROM, RCPT TO the sender, RSET) catches what every send would meet', () => {
		/** A relay without login that answers MAIL FROM and RCPT TO as told, and records the commands. */
		async function envelopeServer(mailFrom: string, rcptTo: string) {
			const commands: string[] = [];
			const server = await startScriptedServer('220 relay.test ESMTP', (command) => {
				// the verb (and EHLO's argument, the Client Host Name); not the addresses
				commands.push(command.split(':')[0]);
				if (/^EHLO/i.test(command)) return '250-relay.test\r\n250 8BITMIME';
				if (/^MAIL FROM/i.test(command)) return mailFrom;
				if (/^RCPT TO/i.test(command)) return rcptTo;
				if (/^RSET/i.test(command)) return '250 2.0.0 Reset';
				return command === 'QUIT' ? '221 bye' : '502 5.5.2 Unknown command';
			});
			return { server, commands };
		}

		it.each([
			[
				'a sender the account may not use (553 at MAIL FROM)',
				'553 5.7.1 <sender@example.com>: Sender address rejected: not owned by user',
				'250 2.1.5 Ok',
				'The server refused the sender address (553 5.7.1 <sender@example.com>: Sender address rejected: not owned by user): use a From Email that user "(none)" may send as, on a domain the provider has verified.',
				['EHLO n8n.test', 'MAIL FROM', 'RSET'],
			],
			[
				'a relay that will not relay (554 at RCPT TO)',
				'250 2.1.0 Ok',
				'554 5.7.1 <sender@example.com>: Relay access denied',
				'The server will not relay to that recipient (554 5.7.1 <sender@example.com>: Relay access denied): log in with Username and Password, or send through a server that accepts mail from n8n.',
				['EHLO n8n.test', 'MAIL FROM', 'RCPT TO', 'RSET'],
			],
		])('%s fails the test, and nothing is sent', async (_label, mailFrom, rcptTo, message, sequence) => {
			const { server, commands } = await envelopeServer(mailFrom, rcptTo);
			try {
				expect(await runCredentialTest(smtpCredential(server.port))).toEqual({ status: 'Error', message });
				expect(commands.slice(0, sequence.length)).toEqual(sequence);
				expect(commands).not.toContain('DATA');
			} finally {
				await server.close();
			}
		});

		it('an unknown mailbox at RCPT TO is not the credential\'s fault: the test passes', async () => {
			const { server, commands } = await envelopeServer('250 2.1.0 Ok', '550 5.1.1 <sender@example.com>: Recipient address rejected: User unknown');
			try {
				expect(await runCredentialTest(smtpCredential(server.port))).toEqual({
					status: 'OK',
					message: `Connected to 127.0.0.1:${server.port} without encryption, without login (the server asked for none); the server accepts mail from sender@example.com.`,
				});
				expect(commands).not.toContain('DATA');
			} finally {
				await server.close();
			}
		});
	});

	it('configuration mistakes are named before connecting', async () => {
		const result = await runCredentialTest(smtpCredential(587, { host: 'smtp://mail.example.com:587' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'SMTP Host "smtp://mail.example.com:587" is not a host name: enter only the name, e.g. smtp.example.com, without smtp:// or a port',
		});
	});

	describe('a session that breaks mid-way ends the test with an error, never a hang', () => {
		const ehlo = (command: string) => (/^EHLO/i.test(command) ? '250-mail.test\r\n250 AUTH PLAIN LOGIN' : command === 'QUIT' ? '221 bye' : undefined);

		it.each([
			['the server closes before its greeting', 'close' as const, () => 'close' as const, 'closed the connection unexpectedly'],
			['the server closes the connection at AUTH', '220 mail.test ESMTP', (c: string) => ehlo(c) ?? 'close', 'closed the connection unexpectedly'],
			['the server never answers AUTH', '220 mail.test ESMTP', (c: string) => ehlo(c) ?? 'silent', 'stopped answering for 1 s'],
			['the server closes the connection at MAIL FROM', '220 mail.test ESMTP', (c: string) => ehlo(c) ?? (/^AUTH/i.test(c) ? '235 ok' : 'close'), 'closed the connection unexpectedly'],
		])('%s', async (_label, greeting, reply, phrase) => {
			const server = await startScriptedServer(greeting, reply as (c: string) => string);
			try {
				const result = await runCredentialTest(smtpCredential(server.port, { user: 'user', password: TEST_PASSWORD, connectionTimeout: 1 }));
				expect(result.status).toBe('Error');
				expect(result.message).toContain(phrase);
				expectNoSecret(result);
			} finally {
				await server.close();
			}
		});
	});
});

describe('credential test: the session ends as SMTP asks', () => {
	it('sends QUIT and waits for the 221 before closing (the test is not over until the server answered)', async () => {
		const events: string[] = [];
		const seen = new EventEmitter();
		let answerQuit = () => undefined as void;
		const server = net.createServer((socket) => {
			socket.on('error', () => undefined);
			socket.on('end', () => {
				events.push('client closed');
				seen.emit('closed');
			});
			socket.write('220 relay.test ESMTP\r\n');
			let buffer = '';
			socket.on('data', (chunk: Buffer) => {
				buffer += chunk.toString('latin1');
				for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
					const line = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					if (/^EHLO/i.test(line)) socket.write('250-relay.test\r\n250 8BITMIME\r\n');
					else if (line === 'QUIT') {
						events.push('QUIT');
						answerQuit = () => {
							events.push('221');
							socket.write('221 2.0.0 Bye\r\n');
						};
						seen.emit('quit');
					} else socket.write('250 2.0.0 Ok\r\n');
				}
			});
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		try {
			const port = (server.address() as net.AddressInfo).port;
			const result = watch(runCredentialTest(smtpCredential(port)));
			await once(seen, 'quit');
			// the server holds its answer to QUIT: the test must still be waiting for it
			await new Promise((resolve) => setImmediate(resolve));
			expect(result.settled).toBe(false);
			const closed = once(seen, 'closed');
			answerQuit();
			expect(await result.promise).toMatchObject({ status: 'OK' });
			await closed;
			expect(events).toEqual(['QUIT', '221', 'client closed']);
		} finally {
			server.close();
		}
	});
});
