/**
 * The credential test with DKIM and the sender-DNS check: a real smtp-server and a real DNS server
 * on 127.0.0.1 serving the domain's records. DNS findings are sentences after the OK, never the
 * failure; a DKIM setting that can never sign is the failure, before any session is opened.
 * (That the look costs at most one DNS timeout is proven on a fake clock in
 * test/unit/transport/senderDnsCheck.test.ts: the sink's own timers need real time.)
 */
import { runCredentialTest } from '../helpers/credentialTest';
import { smtpCredential } from '../helpers/credentials';
import { dkimCredentialFields, generateDkimKey, txtStrings } from '../helpers/dkim';
import { startDnsServer, type TestDnsServer } from '../helpers/dnsServer';
import type { SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const RSA = generateDkimKey('rsa');
const ED25519 = generateDkimKey('ed25519');
const OTHER_RSA = generateDkimKey('rsa');

const SPF = 'v=spf1 ip4:192.0.2.0/24 ~all';
const DMARC = 'v=DMARC1; p=quarantine; rua=mailto:reports@good.test';

let dns: TestDnsServer;
beforeAll(async () => {
	dns = await startDnsServer({
		// everything published, and an unrelated TXT record beside SPF as real domains have
		'good.test': { TXT: ['google-site-verification=abc', SPF], MX: [[10, 'mx.good.test']] },
		'_dmarc.good.test': { TXT: [DMARC] },
		'rsa._domainkey.good.test': { TXT: [txtStrings(RSA.record)] },
		'ed._domainkey.good.test': { TXT: [ED25519.record] },
		'old._domainkey.good.test': { TXT: [txtStrings(OTHER_RSA.record)] },
		'gone._domainkey.good.test': { TXT: ['v=DKIM1; k=rsa; p='] },
		'news.good.test': { TXT: ['v=spf1 include:good.test -all'] },
		// nothing published, the domain exists
		'bare.test': { MX: [[10, 'mx.bare.test']] },
		// strict DKIM alignment, and two SPF records
		'strict.test': { TXT: [SPF, 'v=spf1 -all'] },
		'_dmarc.strict.test': { TXT: ['v=DMARC1; p=reject; adkim=s'] },
		'sub.strict.test': { TXT: [SPF] },
		'rsa._domainkey.strict.test': { TXT: [RSA.record] },
		'broken.test': 'SERVFAIL',
		'_dmarc.broken.test': 'SERVFAIL',
		'rsa._domainkey.broken.test': 'SERVFAIL',
	});
});
afterAll(() => dns.close());

const startSink = useSmtpSinks({ tls: 'plain' });
let sink: SmtpSink;
beforeEach(async () => {
	sink = await startSink();
	dns.queries.length = 0;
});

/** A credential for the sink that signs (when given a key) and checks DNS at the test server. */
function credential(fromEmail: string, dkim?: { domain: string; selector: string; key: typeof RSA }, extra: Record<string, unknown> = {}) {
	return smtpCredential(sink.port, {
		fromEmail,
		checkSenderDns: true,
		senderDnsServers: dns.address,
		...(dkim ? dkimCredentialFields(dkim.domain, dkim.selector, dkim.key) : {}),
		...extra,
	});
}

const connected = (from: string) => `Connected to 127.0.0.1:${sink.port} without encryption, without login (the server asked for none); the server accepts mail from ${from}.`;

describe('credential test: the sender domain in one sentence per finding', () => {
	it('RSA, everything published: the key matches, SPF and DMARC found', async () => {
		const result = await runCredentialTest(credential('news@good.test', { domain: 'good.test', selector: 'rsa', key: RSA }));
		expect(result).toEqual({
			status: 'OK',
			message: [
				connected('news@good.test'),
				'DKIM: every message is signed for good.test with selector rsa (RSA 2048).',
				'DKIM record at rsa._domainkey.good.test matches the private key.',
				'SPF record found for good.test.',
				'DMARC record found at _dmarc.good.test (p=quarantine).',
			].join(' '),
		});
	});

	it('Ed25519, From a subdomain: the parent signs (relaxed alignment), its DMARC record covers the subdomain', async () => {
		const result = await runCredentialTest(credential('alerts@news.good.test', { domain: 'good.test', selector: 'ed', key: ED25519 }));
		expect(result.status).toBe('OK');
		expect(result.message).toBe(
			[
				connected('alerts@news.good.test'),
				'DKIM: every message is signed for good.test with selector ed (Ed25519).',
				'DKIM record at ed._domainkey.good.test matches the private key.',
				'SPF record found for news.good.test.',
				'DMARC record found at _dmarc.good.test, covering news.good.test (p=quarantine).',
			].join(' '),
		);
		// the walk asked the subdomain first, then its parent; never the top-level domain
		expect(dns.queryCount('_dmarc.news.good.test', 'TXT')).toBeGreaterThan(0);
		expect(dns.queryCount('_dmarc.test', 'TXT')).toBe(0);
	});

	it('nothing published: a warning with the fix for DKIM, SPF and DMARC, and the test still passes', async () => {
		const result = await runCredentialTest(credential('hello@bare.test', { domain: 'bare.test', selector: 'rsa', key: RSA }));
		expect(result.status).toBe('OK');
		expect(result.message).toBe(
			[
				connected('hello@bare.test'),
				'DKIM: every message is signed for bare.test with selector rsa (RSA 2048).',
				`Warning: no DKIM record at rsa._domainkey.bare.test, so receivers cannot verify the signature: publish this TXT record there: "${RSA.record}".`,
				`Warning: no SPF record for bare.test: Gmail and Yahoo require SPF and DKIM for bulk senders; publish a TXT record there naming the servers that send for it, e.g. "v=spf1 include:<your provider's SPF domain> ~all".`,
				'Warning: no DMARC record at _dmarc.bare.test: Gmail and Yahoo require one for bulk senders; publish "v=DMARC1; p=none; rua=mailto:dmarc-reports@bare.test" there to start.',
			].join(' '),
		);
	});

	it.each([
		['another key', 'old', RSA, `Warning: the DKIM record at old._domainkey.good.test holds another public key, so signatures fail: publish this key's record there: "${RSA.record}", or set the selector whose key this is.`],
		['a revoked key', 'gone', RSA, `Warning: the DKIM record at gone._domainkey.good.test is revoked (empty p=), so signatures fail: publish this key's record there: "${RSA.record}".`],
		['an RSA key for an Ed25519 private key', 'rsa', ED25519, `Warning: the DKIM record at rsa._domainkey.good.test is for a k=rsa key but the private key is Ed25519: publish this key's record there: "${ED25519.record}".`],
	])('a DKIM record with %s is a warning naming the record to publish', async (_case, selector, key, warning) => {
		const result = await runCredentialTest(credential('news@good.test', { domain: 'good.test', selector, key }));
		expect(result.status).toBe('OK');
		expect(result.message).toContain(` ${warning} SPF record found for good.test.`);
	});

	it('a From domain DKIM does not align with, strict DMARC alignment, and two SPF records: three warnings', async () => {
		const misaligned = await runCredentialTest(credential('news@good.test', { domain: 'strict.test', selector: 'rsa', key: RSA }));
		expect(misaligned.message).toContain(
			'Warning: DKIM signs for strict.test but From Email is at good.test, so DMARC treats the mail as unsigned: send from an address at strict.test, or set DKIM Domain to good.test and publish its key there.',
		);
		const strict = await runCredentialTest(credential('news@sub.strict.test', { domain: 'strict.test', selector: 'rsa', key: RSA }));
		expect(strict.status).toBe('OK');
		expect(strict.message).toContain(
			'DMARC record found at _dmarc.strict.test, covering sub.strict.test (p=reject). Warning: DMARC asks for strict DKIM alignment (adkim=s), so a signature for strict.test does not count for sub.strict.test: set DKIM Domain to sub.strict.test, or relax the record to adkim=r.',
		);
		const twoSpf = await runCredentialTest(credential('news@strict.test'));
		expect(twoSpf.message).toContain('Warning: strict.test has 2 SPF records, which receivers treat as an error (permerror): merge them into one.');
	});

	it('a 1024-bit RSA key signs, with a warning to move to 2048', async () => {
		const small = generateDkimKey('rsa', 1024);
		const result = await runCredentialTest(credential('news@bare.test', { domain: 'bare.test', selector: 'small', key: small }, { checkSenderDns: false }));
		expect(result).toEqual({
			status: 'OK',
			message: `${connected('news@bare.test')} DKIM: every message is signed for bare.test with selector small (RSA 1024). Warning: a 1024-bit RSA key still verifies, but Gmail and Yahoo ask for 2048 bits: make a 2048-bit key and publish it under a new selector.`,
		});
	});

	it('DNS that does not answer is a warning per record, and the test passes', async () => {
		const result = await runCredentialTest(credential('news@broken.test', { domain: 'broken.test', selector: 'rsa', key: RSA }));
		expect(result.status).toBe('OK');
		expect(result.message).toContain(
			`Warning: DKIM record not checked (DNS server failure (SERVFAIL) from DNS server ${dns.address} for the TXT lookup for rsa._domainkey.broken.test).`,
		);
		expect(result.message).toContain('Warning: SPF record not checked (DNS server failure (SERVFAIL)');
		expect(result.message).toContain('Warning: DMARC record not checked (DNS server failure (SERVFAIL)');
	});
});

describe('credential test: when DNS is asked, and when not', () => {
	it('Check Sender DNS off: no query, the DKIM setup is still described', async () => {
		const result = await runCredentialTest(credential('news@good.test', { domain: 'good.test', selector: 'rsa', key: RSA }, { checkSenderDns: false }));
		expect(result.message).toBe(`${connected('news@good.test')} DKIM: every message is signed for good.test with selector rsa (RSA 2048).`);
		expect(dns.queries).toEqual([]);
	});

	it('without DKIM the From domain is still checked (SPF, DMARC), and no DKIM record is guessed at', async () => {
		const result = await runCredentialTest(credential('news@good.test'));
		expect(result.message).toBe(`${connected('news@good.test')} SPF record found for good.test. DMARC record found at _dmarc.good.test (p=quarantine).`);
		expect(dns.queries.filter((query) => query.name.includes('_domainkey'))).toEqual([]);
	});

	it('a local mail catcher delivers nothing: its sender is not looked up unless it signs', async () => {
		const catcher = { provider: 'localCatcher', catcherHost: '127.0.0.1', catcherPort: sink.port };
		const result = await runCredentialTest(credential('news@good.test', undefined, catcher));
		expect(result.message).toBe(connected('news@good.test'));
		expect(dns.queries).toEqual([]);
	});

	it('a refused connection is the answer: DNS is not asked', async () => {
		await sink.close();
		const result = await runCredentialTest(credential('news@good.test', { domain: 'good.test', selector: 'rsa', key: RSA }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Connection refused by/);
		expect(dns.queries).toEqual([]);
	});
});

describe('credential test: a DKIM setting that can never sign fails the test before connecting', () => {
	it.each([
		['a key that does not parse', { dkimPrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----' }, 'DKIM Private Key does not parse as a private key: paste the key file again, unchanged, from -----BEGIN to -----END'],
		['a selector with an underscore', { dkimSelector: 'mail_2025' }, 'DKIM Selector "mail_2025" contains "_", which a selector may not: use letters, digits and hyphens (e.g. mail2025)'],
		['an address as the domain', { dkimDomain: 'news@good.test' }, 'DKIM Domain "news@good.test" is an address: enter only the domain after the @, e.g. good.test'],
	])('%s', async (_case, override, message) => {
		const result = await runCredentialTest(credential('news@good.test', { domain: 'good.test', selector: 'rsa', key: RSA }, override));
		expect(result).toEqual({ status: 'Error', message });
		expect(sink.stats.connections).toBe(0);
		expect(dns.queries).toEqual([]);
	});
});
