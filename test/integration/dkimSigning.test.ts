/**
 * DKIM on the wire: the node sends through n8n's engine to a real smtp-server, and a real verifier
 * (mailauth) checks what arrived against the public key served by a DNS server on 127.0.0.1.
 */
import { smtpCredential } from '../helpers/credentials';
import { dkimCredentialFields, generateDkimKey, txtStrings, verifyDkim, type TestDkimKey } from '../helpers/dkim';
import { startDnsServer, type TestDnsServer } from '../helpers/dnsServer';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const DOMAIN = 'signed.test';
const KEYS: Record<'rsa' | 'ed25519', TestDkimKey> = { rsa: generateDkimKey('rsa'), ed25519: generateDkimKey('ed25519') };

// whitespace a signer must canonicalize the way verifiers do: runs of spaces, trailing spaces,
// tabs, blank lines at the end, and a subject long and non-ASCII enough to be folded
const TEXT_TEMPLATE = 'Hello   {{name}},\t\nline with trailing spaces   \n\n\tindented\n\n\n';
const LONG_SUBJECT = 'Ünïcode subject that is long enough to be folded over several header lines for {{name}} — ✓ 送信';

let dns: TestDnsServer;
beforeAll(async () => {
	dns = await startDnsServer({
		// RSA 2048's record is longer than one 255-octet character-string, as in real zones
		[`rsa2048._domainkey.${DOMAIN}`]: { TXT: [txtStrings(KEYS.rsa.record)] },
		[`ed._domainkey.${DOMAIN}`]: { TXT: [KEYS.ed25519.record] },
	});
});
afterAll(() => dns.close());

const startSink = useSmtpSinks({ tls: 'plain' });

const CASES = [
	{ algorithm: 'rsa', selector: 'rsa2048', algo: 'rsa-sha256' },
	{ algorithm: 'ed25519', selector: 'ed', algo: 'ed25519-sha256' },
] as const;

async function sendSigned(algorithm: 'rsa' | 'ed25519', selector: string, parameters: Record<string, unknown>, items = jsonItems([{ name: 'Ada', email: 'ada@example.com' }])) {
	const sink = await startSink();
	const credential = smtpCredential(sink.port, { fromEmail: `news@${DOMAIN}`, ...dkimCredentialFields(DOMAIN, selector, KEYS[algorithm]) });
	const run = await runMailshitNode({ items, credential, parameters: { operation: 'send', toEmail: '={{ $json.email }}', ...parameters } });
	expect(run.error).toBeUndefined();
	return sink.waitForMessages(items.length);
}

describe.each(CASES)('DKIM $algorithm: every message carries a signature a verifier passes', ({ algorithm, selector, algo }) => {
	it('an MJML email (HTML and text, a folded non-ASCII subject, one-click unsubscribe) passes, aligned with From', async () => {
		const [message] = await sendSigned(algorithm, selector, {
			subject: LONG_SUBJECT,
			template: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{name}}</mj-text></mj-column></mj-section></mj-body></mjml>',
			options: { listUnsubscribe: { link: { url: 'https://signed.test/u/{{name}}', oneClick: true } } },
		});
		expect(message.raw.toString('latin1')).toMatch(/^Subject: [^\r\n]*\r\n[ \t]/m);
		expect(await verifyDkim(message.raw, dns.address)).toEqual([{ result: 'pass', signingDomain: DOMAIN, selector, algorithm: algo, aligned: DOMAIN }]);
		// one-click unsubscribe counts only when the signature covers both List-Unsubscribe fields (RFC 8058)
		const signatureField = /^DKIM-Signature:[\s\S]*?\bb=/m.exec(message.raw.toString('latin1'))![0];
		expect(signatureField.replace(/\s+/g, '')).toMatch(/h=[^;]*list-unsubscribe:list-unsubscribe-post/);
	});

	it('a plain-text body full of whitespace to canonicalize passes', async () => {
		const [message] = await sendSigned(algorithm, selector, { templateFormat: 'text', subject: 'Plain {{name}}', template: TEXT_TEMPLATE });
		expect(await verifyDkim(message.raw, dns.address)).toEqual([expect.objectContaining({ result: 'pass', algorithm: algo })]);
	});

	it('every message of a pooled batch, attachments included, passes', async () => {
		const items = jsonItems([1, 2, 3, 4, 5].map((n) => ({ name: `Reader ${n}`, email: `reader${n}@example.com` })));
		for (const item of items) item.binary = { report: { data: Buffer.alloc(20_000, 'report line\n').toString('base64'), mimeType: 'text/csv', fileName: 'report.csv' } };
		const messages = await sendSigned(
			algorithm,
			selector,
			{ subject: 'Report for {{name}}', template: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{name}}</mj-text></mj-column></mj-section></mj-body></mjml>', options: { attachments: 'report' } },
			items,
		);
		const verdicts = await Promise.all(messages.map((message) => verifyDkim(message.raw, dns.address)));
		expect(verdicts).toEqual(messages.map(() => [expect.objectContaining({ result: 'pass', algorithm: algo })]));
		expect(messages.every((message) => message.parsed.attachments.length === 1)).toBe(true);
	});

	it('a key pasted into a single-line field (line breaks lost) still signs', async () => {
		const oneLine = { ...KEYS[algorithm], privateKeyPem: KEYS[algorithm].privateKeyPem.replace(/\n/g, '') };
		const sink = await startSink();
		const credential = smtpCredential(sink.port, { fromEmail: `news@${DOMAIN}`, ...dkimCredentialFields(DOMAIN, selector, oneLine) });
		const run = await runMailshitNode({ items: jsonItems([{ email: 'ada@example.com' }]), credential, parameters: { operation: 'send', toEmail: '={{ $json.email }}', subject: 'One line', templateFormat: 'text', template: 'Hi' } });
		expect(run.error).toBeUndefined();
		const [message] = await sink.waitForMessages(1);
		expect(await verifyDkim(message.raw, dns.address)).toEqual([expect.objectContaining({ result: 'pass' })]);
	});

	// mailauth words a changed body as `neutral` ("body hash did not verify") and a changed signed
	// header as `fail`: either way the signature no longer vouches for the message
	it.each([
		['body', (raw: string) => raw.replace(/Hi Ada/, 'Hi Eve'), { result: 'neutral', comment: 'body hash did not verify' }],
		['subject', (raw: string) => raw.replace(/^Subject: .*$/m, 'Subject: Your invoice is overdue'), { result: 'fail' }],
		['From address', (raw: string) => raw.replace(/news@signed\.test/, 'ceo@signed.test'), { result: 'fail' }],
	])('a message whose %s was altered after signing no longer passes', async (_part, alter, verdict) => {
		const [message] = await sendSigned(algorithm, selector, {
			subject: 'Hello {{name}}',
			template: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{name}}</mj-text></mj-column></mj-section></mj-body></mjml>',
		});
		const original = message.raw.toString('latin1');
		const altered = alter(original);
		expect(altered).not.toBe(original);
		expect(await verifyDkim(message.raw, dns.address)).toEqual([expect.objectContaining({ result: 'pass' })]);
		expect(await verifyDkim(Buffer.from(altered, 'latin1'), dns.address)).toEqual([expect.objectContaining({ ...verdict, signingDomain: DOMAIN })]);
	});
});

describe('Send with DKIM: settings that cannot sign stop the node, a From that does not align is a warning', () => {
	it('a public key pasted as the private key stops the node before anything is sent, even with Continue On Fail', async () => {
		const sink = await startSink();
		const credential = smtpCredential(sink.port, { ...dkimCredentialFields(DOMAIN, 'ed', KEYS.ed25519), dkimPrivateKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----' });
		const result = await runMailshitNode({
			items: jsonItems([{ email: 'ada@example.com' }]),
			credential,
			parameters: { operation: 'send', toEmail: '={{ $json.email }}', subject: 'x', templateFormat: 'text', template: 'Hi' },
			onError: 'continueRegularOutput',
		});
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'DKIM Private Key holds a public key or certificate: paste the private key (-----BEGIN PRIVATE KEY-----); the public key goes into DNS',
			description: 'Field: credential: DKIM Private Key',
		});
		expect(sink.stats.connections).toBe(0);
	});

	it('items sent From a domain the signature does not align with are sent, signed, and reported in one warning per domain', async () => {
		const sink = await startSink();
		const credential = smtpCredential(sink.port, { fromEmail: `news@${DOMAIN}`, ...dkimCredentialFields(DOMAIN, 'ed', KEYS.ed25519) });
		const items = jsonItems([
			{ email: 'a@example.com' },
			{ email: 'b@example.com', from: 'sales@other.test' },
			{ email: 'c@example.com', from: 'support@other.test' },
			{ email: 'd@example.com', from: `team@mail.${DOMAIN}` },
		]);
		const run = await runMailshitNode({
			items,
			credential,
			parameters: { operation: 'send', toEmail: '={{ $json.email }}', addressing: { fromEmail: `={{ $json.from ?? "" }}` }, subject: 'x', templateFormat: 'text', template: 'Hi' },
		});
		expect(run.error).toBeUndefined();
		expect(run.main.map((item) => item.json.type)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(run.hints).toEqual([
			{
				type: 'warning',
				location: 'outputPane',
				message: `DKIM signs for ${DOMAIN} but the From of 2 items is at other.test, so DMARC treats the mail as unsigned: send from an address at ${DOMAIN}, or set DKIM Domain to other.test and publish its key there.`,
			},
		]);
		const messages = await sink.waitForMessages(4);
		const verdicts = await Promise.all(messages.map(async (message) => [message.envelope.from, (await verifyDkim(message.raw, dns.address))[0]] as const));
		expect(new Map(verdicts)).toEqual(
			new Map([
				[`news@${DOMAIN}`, expect.objectContaining({ result: 'pass', aligned: DOMAIN })],
				['sales@other.test', expect.objectContaining({ result: 'pass', aligned: false })],
				['support@other.test', expect.objectContaining({ result: 'pass', aligned: false })],
				[`team@mail.${DOMAIN}`, expect.objectContaining({ result: 'pass', aligned: DOMAIN })],
			]),
		);
	});
});
