/**
 * TLS on the sending path: verified by default, and STARTTLS "required" fails closed.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { testCertificates, type TestCertificates } from '../helpers/certificates';
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import type { SinkOptions } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

let certs: TestCertificates;
beforeAll(async () => {
	certs = await testCertificates();
});
const startSink = useSmtpSinks();

async function sendOne(sinkOptions: SinkOptions, credential: ICredentialDataDecryptedObject) {
	const sink = await startSink(sinkOptions);
	const result = await runMailshitNode({
		items: jsonItems([{ email: 'ada@example.com' }]),
		parameters: { operation: 'send', toEmail: '={{ $json.email }}', subject: 'TLS', templateFormat: 'text', template: 'secret content' },
		credential: smtpCredential(sink.port, credential),
		onError: 'continueRegularOutput',
	});
	return { sink, json: result.main[0].json };
}

describe('certificates are verified unless the user allows self-signed', () => {
	it('a self-signed STARTTLS server is refused by default, nothing sent', async () => {
		const { sink, json } = await sendOne({ tls: 'starttls', pem: certs.selfSigned }, {});
		expect(json).toMatchObject({ type: 'send_failed', code: 'ESOCKET' });
		expect(json.hint).toContain('is self-signed or signed by an unknown authority');
		expect(sink.messages).toHaveLength(0);
	});

	it('with "Allow Self-Signed Certificates" it is sent, encrypted', async () => {
		const { sink, json } = await sendOne({ tls: 'starttls', pem: certs.selfSigned }, { allowSelfSigned: true });
		expect(json.type).toBe('sent');
		expect(sink.messages[0].session.secure).toBe(true);
	});

	it('with the server CA pasted in, it is sent and verified', async () => {
		const { sink, json } = await sendOne({ tls: 'implicit', pem: certs.trusted }, { secure: true, caBundle: certs.ca.cert });
		expect(json.type).toBe('sent');
		expect(sink.messages[0].session.secure).toBe(true);
	});
});

describe('STARTTLS policy', () => {
	it('required: fails closed against a server that does not offer STARTTLS, nothing sent', async () => {
		const { sink, json } = await sendOne({ tls: 'plain' }, { startTls: 'required' });
		expect(json).toMatchObject({ type: 'send_failed', code: 'ETLS' });
		expect(json.hint).toContain('STARTTLS is set to Required but');
		expect(sink.messages).toHaveLength(0);
	});

	it('opportunistic: upgrades when offered', async () => {
		const { sink, json } = await sendOne({ tls: 'starttls', pem: certs.trusted }, { caBundle: certs.ca.cert });
		expect(json.type).toBe('sent');
		expect(sink.messages[0].session.secure).toBe(true);
	});

	it('opportunistic: stays plain when not offered (a local relay)', async () => {
		const { sink, json } = await sendOne({ tls: 'plain' }, {});
		expect(json.type).toBe('sent');
		expect(sink.messages[0].session.secure).toBe(false);
	});

	it('disabled: never upgrades, even when offered', async () => {
		const { sink, json } = await sendOne({ tls: 'starttls', pem: certs.trusted }, { startTls: 'disabled' });
		expect(json.type).toBe('sent');
		expect(sink.messages[0].session.secure).toBe(false);
	});
});
