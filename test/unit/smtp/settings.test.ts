import { generateKeyPairSync } from 'node:crypto';
import { MailshitSmtpApi } from '../../../credentials/MailshitSmtpApi.credentials';
import { MailshitSmtpOAuth2Api } from '../../../credentials/MailshitSmtpOAuth2Api.credentials';
import { readOAuth2SmtpSettings, readSmtpSettings } from '../../../nodes/MailshitSmtp/smtp/settings';
import { ConfigurationError } from '../../../nodes/MailshitSmtp/shared/configurationError';

describe('readSmtpSettings: provider presets fill the endpoint', () => {
	it.each([
		['gmail', 'smtp.gmail.com', 587, false, 'required'],
		['outlook365', 'smtp.office365.com', 587, false, 'required'],
		['mailgun', 'smtp.mailgun.org', 587, false, 'required'],
		['mailgunEu', 'smtp.eu.mailgun.org', 587, false, 'required'],
	])('%s → %s:%d', (provider, host, port, secure, startTls) => {
		// stale values from an earlier "custom" choice must not win over the preset
		const settings = readSmtpSettings({ provider, host: 'old.example.com', port: 25, secure: true, user: 'me@x.com', password: 'pw' });
		expect(settings).toMatchObject({ host, port, secure, startTls, user: 'me@x.com', password: 'pw' });
	});

	it('local catcher defaults to localhost:1025, plain, no login', () => {
		expect(readSmtpSettings({ provider: 'localCatcher' })).toMatchObject({
			host: 'localhost',
			port: 1025,
			secure: false,
			startTls: 'opportunistic',
			user: '',
			password: '',
		});
	});

	it('local catcher reads its own fields (a Docker service name, another port)', () => {
		expect(readSmtpSettings({ provider: 'localCatcher', catcherHost: 'mailpit', catcherPort: 2025 })).toMatchObject({ host: 'mailpit', port: 2025 });
	});

	it('local catcher saved the old way (host/port) still works', () => {
		expect(readSmtpSettings({ provider: 'localCatcher', host: 'mailhog', port: 1026 })).toMatchObject({ host: 'mailhog', port: 1026 });
	});

	it.each([
		['a Secure left on under Custom does not reach the catcher', { provider: 'localCatcher', secure: true }, { secure: false, port: 1025 }],
		['a CA pasted under Custom does not reach a Gmail test', { provider: 'gmail', caBundle: 'PEM' }, { caCertificate: '' }],
		['STARTTLS is moot with Secure on', { host: 'mail.example.com', secure: true, startTls: 'disabled' }, { secure: true, startTls: 'opportunistic' }],
	])('hidden fields are ignored: %s', (_label, data, expected) => {
		expect(readSmtpSettings(data)).toMatchObject(expected);
	});

	it('custom server: every field read, trimmed, typed', () => {
		expect(
			readSmtpSettings({
				provider: 'custom',
				host: ' mail.example.com ',
				port: '465',
				secure: false,
				startTls: 'disabled',
				user: ' me ',
				password: ' keeps spaces ',
				fromEmail: 'a@example.com',
				fromName: 'A',
				allowSelfSigned: true,
				caBundle: '-----BEGIN CERTIFICATE-----',
				clientHostName: 'n8n.example.com',
				connectionTimeout: 30,
			}),
		).toEqual({
			provider: 'custom',
			signIn: 'password',
			host: 'mail.example.com',
			port: 465,
			secure: false,
			startTls: 'disabled',
			user: 'me',
			password: ' keeps spaces ',
			fromEmail: 'a@example.com',
			fromName: 'A',
			allowSelfSigned: true,
			caCertificate: '-----BEGIN CERTIFICATE-----',
			clientHostName: 'n8n.example.com',
			timeoutSeconds: 30,
			// DKIM Signing off (absent); the sender-DNS check on, through the system's resolvers
			senderDnsCheck: { enabled: true, servers: [] },
		});
	});

	it('missing provider means custom with the documented defaults', () => {
		expect(readSmtpSettings({ host: 'mail.example.com' })).toMatchObject({ provider: 'custom', port: 587, secure: false, startTls: 'opportunistic', timeoutSeconds: 10 });
	});
});

describe('readOAuth2SmtpSettings: the OAuth2 credential, the same fields the same way', () => {
	it.each([
		['microsoft365', { host: 'smtp.office365.com', port: 587, secure: false, startTls: 'required' }],
		['google', { host: 'smtp.gmail.com', port: 587, secure: false, startTls: 'required' }],
	])('%s fixes the endpoint, whatever host and port say', (provider, endpoint) => {
		expect(readOAuth2SmtpSettings({ provider, host: 'ignored.example', port: 25, user: ' me@contoso.com ', caBundle: 'hidden' })).toMatchObject({
			provider,
			signIn: 'oauth2',
			...endpoint,
			user: 'me@contoso.com',
			password: '',
			caCertificate: '',
		});
	});

	it('no provider stored means Microsoft 365 (the form\'s default)', () => {
		expect(readOAuth2SmtpSettings({ user: 'me@contoso.com' })).toMatchObject({ provider: 'microsoft365', host: 'smtp.office365.com' });
	});

	it('custom: host, port and TLS as typed', () => {
		expect(
			readOAuth2SmtpSettings({ provider: 'custom', host: ' smtp.mail.yahoo.com ', port: 465, secure: true, user: 'me@yahoo.com', fromEmail: 'me@yahoo.com', connectionTimeout: 20 }),
		).toMatchObject({ host: 'smtp.mail.yahoo.com', port: 465, secure: true, startTls: 'opportunistic', fromEmail: 'me@yahoo.com', timeoutSeconds: 20 });
	});

	it('DKIM signing and the sender-DNS check are read as on the password credential, and offered on its form', () => {
		const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const dkim = { dkimSign: true, dkimDomain: 'contoso.com', dkimSelector: 'mail2026', dkimPrivateKey: privateKey, checkSenderDns: false };
		expect(readOAuth2SmtpSettings({ provider: 'custom', host: 'smtp.contoso.com', user: 'me@contoso.com', ...dkim })).toMatchObject({
			dkim: { domain: 'contoso.com', selector: 'mail2026', key: { algorithm: 'ed25519' } },
			senderDnsCheck: { enabled: false },
		});
		const fieldNames = (credential: { properties: Array<{ name: string }> }) => credential.properties.map((field) => field.name);
		const dkimFieldNames = fieldNames(new MailshitSmtpApi()).filter((name) => /^dkim|SenderDns/.test(name));
		expect(dkimFieldNames.length).toBeGreaterThan(3);
		expect(fieldNames(new MailshitSmtpOAuth2Api())).toEqual(expect.arrayContaining(dkimFieldNames));
	});

	it('an empty Mailbox is named before connecting (XOAUTH2 signs in as it)', () => {
		expect(() => readOAuth2SmtpSettings({ provider: 'google', user: ' ' })).toThrow(
			new ConfigurationError('Mailbox is empty: enter the address of the account you connected, e.g. you@contoso.com', 'Mailbox'),
		);
	});
});

describe('readSmtpSettings: a credential that cannot work names the field', () => {
	it.each([
		[{ host: '' }, 'SMTP Host', 'SMTP Host is empty: enter the server name, e.g. smtp.example.com'],
		[{ host: 'smtp://mail.example.com' }, 'SMTP Host', 'is not a host name'],
		[{ host: 'mail.example.com', port: 0 }, 'SMTP Port', 'SMTP Port must be a whole number from 1 to 65535 (got 0)'],
		[{ host: 'mail.example.com', port: 70000 }, 'SMTP Port', '(got 70000)'],
		[{ host: 'mail.example.com', port: 'abc' }, 'SMTP Port', '(got NaN)'],
		[{ host: 'mail.example.com', startTls: 'sometimes' }, 'STARTTLS', 'Unknown STARTTLS policy "sometimes"'],
		[{ host: 'mail.example.com', password: 'x' }, 'Username', 'A password is set but the username is empty'],
		[{ host: 'mail.example.com', connectionTimeout: 0 }, 'Connection Timeout', 'between 1 and 600 seconds (got 0)'],
		[{ host: 'mail.example.com', connectionTimeout: 601 }, 'Connection Timeout', '(got 601)'],
		[{ host: 'mail.example.com', clientHostName: 'my host' }, 'Client Host Name', 'is not a valid EHLO name'],
		[{ provider: 'aol' }, 'Provider', 'Unknown provider "aol"'],
	])('%j → %s', (data, field, message) => {
		let thrown: unknown;
		try {
			readSmtpSettings(data);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(ConfigurationError);
		expect((thrown as ConfigurationError).field).toBe(field);
		expect((thrown as ConfigurationError).message).toContain(message);
	});
});
