import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { dkimAlignment } from '../../../../nodes/MailshitSmtp/smtp/dkim/alignment';
import {
	dkimKeyRecords,
	dmarcLookupNames,
	dmarcRecords,
	judgeDkimRecord,
	parseDmarcRecord,
	parseTagList,
	spfAllowsEveryone,
	spfRecords,
} from '../../../../nodes/MailshitSmtp/smtp/dkim/mailDnsRecords';
import { publicKeyRecordOf } from '../../../../nodes/MailshitSmtp/smtp/dkim/signingKey';

const rsaPublic = createPublicKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
const RSA = { algorithm: 'rsa' as const, publicKeyRecord: publicKeyRecordOf(rsaPublic) };
const OTHER_RSA = publicKeyRecordOf(createPublicKey(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey));
const ED = { algorithm: 'ed25519' as const, publicKeyRecord: publicKeyRecordOf(createPublicKey(generateKeyPairSync('ed25519').privateKey)) };

describe('parseTagList (RFC 6376 §3.2)', () => {
	it.each([
		['v=DKIM1; k=rsa; p=abc', [['v', 'DKIM1'], ['k', 'rsa'], ['p', 'abc']]],
		['  v = DKIM1 ;p=a b c;  ', [['v', 'DKIM1'], ['p', 'a b c']]],
		['p=', [['p', '']]],
	])('%j', (record, tags) => {
		expect([...parseTagList(record)!]).toEqual(tags);
	});

	it.each(['v=DKIM1; v=DKIM1', 'no equals sign', '=value', '1x=y'])('%j is not a tag list', (record) => {
		expect(parseTagList(record)).toBeUndefined();
	});
});

describe('judgeDkimRecord: what a receiver makes of the record for our key', () => {
	const pkcs1 = rsaPublic.export({ type: 'pkcs1', format: 'der' }).toString('base64');
	it.each([
		['our key', `v=DKIM1; k=rsa; p=${RSA.publicKeyRecord}`, RSA, { kind: 'matches' }],
		['our key without v= and k= (both optional, k defaults to rsa)', `p=${RSA.publicKeyRecord}`, RSA, { kind: 'matches' }],
		['our key as PKCS#1, split by spaces', `v=DKIM1; p=${pkcs1.replace(/.{50}/g, '$& ')}`, RSA, { kind: 'matches' }],
		['our key with h=sha256 and t=s', `v=DKIM1; h=sha1:sha256; t=s; p=${RSA.publicKeyRecord}`, RSA, { kind: 'matches' }],
		['our Ed25519 key', `v=DKIM1; k=ed25519; p=${ED.publicKeyRecord}`, ED, { kind: 'matches' }],
		['another key', `v=DKIM1; k=rsa; p=${OTHER_RSA}`, RSA, { kind: 'otherKey' }],
		['a revoked key', 'v=DKIM1; k=rsa; p=', RSA, { kind: 'revoked' }],
		['an RSA record for an Ed25519 key', `v=DKIM1; p=${RSA.publicKeyRecord}`, ED, { kind: 'otherAlgorithm', recordAlgorithm: 'rsa' }],
		['v= not first', `k=rsa; v=DKIM1; p=${RSA.publicKeyRecord}`, RSA, { kind: 'invalid', reason: 'v= must come first and read DKIM1' }],
		['v=DKIM2', `v=DKIM2; p=${RSA.publicKeyRecord}`, RSA, { kind: 'invalid', reason: 'v= must come first and read DKIM1' }],
		['h=sha1 only', `v=DKIM1; h=sha1; p=${RSA.publicKeyRecord}`, RSA, { kind: 'invalid', reason: 'h=sha1 excludes sha256, the only hash signers use' }],
		['no p=', 'v=DKIM1; k=rsa', RSA, { kind: 'invalid', reason: 'it has no p= (public key) tag' }],
		['a p= that is no key', 'v=DKIM1; k=rsa; p=bm90IGEga2V5', RSA, { kind: 'invalid', reason: 'p= is not a valid RSA public key' }],
		['a short Ed25519 p=', 'v=DKIM1; k=ed25519; p=bm90IGEga2V5', ED, { kind: 'invalid', reason: 'p= is not a valid Ed25519 public key' }],
	] as const)('%s', (_case, record, key, verdict) => {
		expect(judgeDkimRecord(record, key)).toEqual(verdict);
	});

	it('only DKIM key records count among the TXT records at the selector', () => {
		expect(dkimKeyRecords(['google-site-verification=x', 'v=DKIM1; p=abc', 'k=rsa; p=def'])).toEqual(['v=DKIM1; p=abc', 'k=rsa; p=def']);
	});
});

describe('SPF', () => {
	it('one record among the domain TXT records, by its v=spf1 prefix', () => {
		expect(spfRecords(['v=spf1 -all', 'v=spf10 x', 'V=SPF1 mx ~all', 'site-verification=v=spf1'])).toEqual(['v=spf1 -all', 'V=SPF1 mx ~all']);
	});

	it.each([
		['v=spf1 +all', true],
		['v=spf1 mx all', true],
		['v=spf1 include:_spf.example.com ~all', false],
		['v=spf1 -all', false],
		['v=spf1 ?all', false],
	])('%j lets anyone send: %s', (record, everyone) => {
		expect(spfAllowsEveryone(record)).toBe(everyone);
	});
});

describe('DMARC', () => {
	it.each([
		['v=DMARC1; p=none', { policy: 'none', dkimAlignment: 'r' }],
		['v=DMARC1;p=Reject;sp=quarantine;adkim=s;rua=mailto:d@example.com', { policy: 'reject', subdomainPolicy: 'quarantine', dkimAlignment: 's' }],
	])('%j', (record, value) => {
		expect(parseDmarcRecord(record)).toEqual({ ok: true, value });
	});

	it.each([
		['p=none; v=DMARC1', 'it must start with v=DMARC1;'],
		['v=DMARC1; p=monitor', 'p= must be none, quarantine or reject'],
		['v=DMARC1; rua=mailto:d@example.com', 'p= must be none, quarantine or reject'],
	])('%j is ignored: %s', (record, failure) => {
		expect(parseDmarcRecord(record)).toEqual({ ok: false, failure });
	});

	it('DMARC records among the TXT records at _dmarc', () => {
		expect(dmarcRecords(['v=DMARC1; p=none', 'v=DMARC10; p=none', 'unrelated', 'v=DMARC1'])).toEqual(['v=DMARC1; p=none', 'v=DMARC1']);
	});

	it.each([
		['example.com', ['_dmarc.example.com']],
		['news.eu.example.co.uk', ['_dmarc.news.eu.example.co.uk', '_dmarc.eu.example.co.uk', '_dmarc.example.co.uk', '_dmarc.co.uk']],
		['a.b.c.d.e.f.g.h.i.j.example', ['_dmarc.a.b.c.d.e.f.g.h.i.j.example', '_dmarc.e.f.g.h.i.j.example', '_dmarc.f.g.h.i.j.example', '_dmarc.g.h.i.j.example', '_dmarc.h.i.j.example', '_dmarc.i.j.example', '_dmarc.j.example']],
	])('the tree walk for %s: itself, then its parents from 7 labels down, never the top-level domain', (domain, names) => {
		expect(dmarcLookupNames(domain)).toEqual(names);
	});
});

describe('dkimAlignment (DMARC, RFC 7489 §3.1.1)', () => {
	it.each([
		['example.com', 'example.com', 'strict'],
		['Example.COM', 'example.com', 'strict'],
		['example.com', 'news.example.com', 'relaxed'],
		['news.example.com', 'example.com', 'relaxed'],
		['bücher.example', 'xn--bcher-kva.example', 'strict'],
		['example.com', 'example.org', 'none'],
		['example.com', 'notexample.com', 'none'],
		['a.example.com', 'b.example.com', 'none'],
	])('signing %s, From %s: %s', (signing, from, alignment) => {
		expect(dkimAlignment(signing, from)).toBe(alignment);
	});
});
