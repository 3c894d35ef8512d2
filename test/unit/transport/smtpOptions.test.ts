import { smtpTransportOptions } from '../../../nodes/MailshitSmtp/transport/smtpOptions';
import { readSmtpSettings } from '../../../nodes/MailshitSmtp/smtp/settings';

const base = { host: 'mail.example.com', port: 587, connectionTimeout: 7 };

describe('smtpTransportOptions: credential → nodemailer', () => {
	it('always denies file and URL access and keeps nodemailer quiet', () => {
		expect(smtpTransportOptions(readSmtpSettings(base))).toMatchObject({
			disableFileAccess: true,
			disableUrlAccess: true,
			logger: false,
			debug: false,
		});
	});

	it('one timeout drives connect, greeting and socket', () => {
		expect(smtpTransportOptions(readSmtpSettings(base))).toMatchObject({
			connectionTimeout: 7000,
			greetingTimeout: 7000,
			socketTimeout: 7000,
		});
	});

	it.each([
		['Secure on: implicit TLS, STARTTLS policy irrelevant', { secure: true, startTls: 'required' }, { secure: true }, ['requireTLS', 'ignoreTLS']],
		['opportunistic: nodemailer default (upgrade when offered)', { startTls: 'opportunistic' }, { secure: false }, ['requireTLS', 'ignoreTLS']],
		['required: requireTLS', { startTls: 'required' }, { secure: false, requireTLS: true }, ['ignoreTLS']],
		['disabled: ignoreTLS', { startTls: 'disabled' }, { secure: false, ignoreTLS: true }, ['requireTLS']],
	])('%s', (_label, fields, expected, absent) => {
		const options = smtpTransportOptions(readSmtpSettings({ ...base, ...fields }));
		expect(options).toMatchObject(expected);
		for (const key of absent) expect(options).not.toHaveProperty(key);
	});

	it.each([
		['verified by default', {}, { rejectUnauthorized: true }],
		['self-signed allowed', { allowSelfSigned: true }, { rejectUnauthorized: false }],
		['private CA trusted', { caBundle: 'PEM' }, { rejectUnauthorized: true, ca: 'PEM' }],
	])('TLS: %s', (_label, fields, tls) => {
		expect(smtpTransportOptions(readSmtpSettings({ ...base, ...fields })).tls).toEqual(tls);
	});

	it('login only when a username is set', () => {
		expect(smtpTransportOptions(readSmtpSettings(base))).not.toHaveProperty('auth');
		expect(smtpTransportOptions(readSmtpSettings({ ...base, user: 'u', password: 'p:w@%' })).auth).toEqual({ user: 'u', pass: 'p:w@%' });
	});

	it('EHLO name only when set (nodemailer falls back to the machine name)', () => {
		expect(smtpTransportOptions(readSmtpSettings(base))).not.toHaveProperty('name');
		expect(smtpTransportOptions(readSmtpSettings({ ...base, clientHostName: 'n8n.example.com' })).name).toBe('n8n.example.com');
	});

	it('presets map like typed values', () => {
		expect(smtpTransportOptions(readSmtpSettings({ provider: 'gmail', user: 'me@gmail.com', password: 'app' }))).toMatchObject({
			host: 'smtp.gmail.com',
			port: 587,
			secure: false,
			requireTLS: true,
		});
	});
});
