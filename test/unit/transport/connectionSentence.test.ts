import { describeReachedServer } from '../../../nodes/MailshitSmtp/transport/connectionTest';
import { readSmtpSettings } from '../../../nodes/MailshitSmtp/smtp/settings';

const settings = (fields: Record<string, unknown>) => readSmtpSettings({ host: 'mx.example.com', port: 587, fromEmail: 'ada@example.com', connectionTimeout: 5, ...fields });

/**
 * The port-25 warning, proven on the sentence the credential test returns (the integration suite
 * shows the test returns this sentence): binding port 25 needs root and fails next to a local MTA.
 */
describe('the sentence of a passed credential test', () => {
	it('port 25 without TLS carries the relay and encryption warning', () => {
		expect(describeReachedServer(settings({ port: 25 }), { secure: false })).toBe(
			'Connected to mx.example.com:25 without encryption, without login (the server asked for none); the server accepts mail from ada@example.com. Warning: port 25 is meant for server-to-server relay, is often blocked by ISPs and clouds and this session was not encrypted; prefer 587 (STARTTLS) or 465 (Secure on).',
		);
	});

	it('port 25 with STARTTLS warns about relay only', () => {
		expect(describeReachedServer(settings({ port: 25, user: 'ada', password: 'x' }), { secure: true, protocol: 'TLSv1.3' })).toBe(
			'Connected to mx.example.com:25 over STARTTLS (TLSv1.3), authenticated as "ada"; the server accepts mail from ada@example.com. Warning: port 25 is meant for server-to-server relay, is often blocked by ISPs and clouds; prefer 587 (STARTTLS) or 465 (Secure on).',
		);
	});

	it('other ports carry no warning', () => {
		expect(describeReachedServer(settings({ port: 587 }), { secure: true, protocol: 'TLSv1.3' })).not.toContain('Warning');
	});
});
