/**
 * mailshit's /verify for one address: the six flags, against a real DNS server.
 */
import { createDnsLookup, createMailRoutingCache, verifyAddress, type MailRoutingCache, type Verification } from '../../../nodes/MailshitSmtp/verification';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer';
import { TEST_TIMEOUT_MS, ZONE } from './zone';

let dns: TestDnsServer;
let routes: MailRoutingCache;
beforeAll(async () => {
	dns = await startDnsServer(ZONE);
	routes = createMailRoutingCache(createDnsLookup({ servers: [dns.address], timeoutMs: TEST_TIMEOUT_MS }));
});
afterAll(() => dns.close());

const flags = (valid: boolean, format: boolean, domain: boolean, mxRecords: boolean, disposable: boolean, role: boolean): Verification => ({
	valid,
	format,
	domain,
	mxRecords,
	disposable,
	role,
});
const MALFORMED = flags(false, false, false, false, false, false);

describe('verification flags per address', () => {
	it.each<[string, Verification, string | null]>([
		// valid: every check passes
		['ada@mx.test', flags(true, true, true, true, false, false), null],
		['Ada.Lovelace+news@MX.test', flags(true, true, true, true, false, false), null],
		['ada@a-only.test', flags(true, true, true, true, false, false), null], // implicit MX (RFC 5321 §5.1)
		['ada@aaaa-only.test', flags(true, true, true, true, false, false), null],
		['ada@bücher.test', flags(true, true, true, true, false, false), null], // IDN: looked up as xn--bcher-kva.test
		['"john doe"@mx.test', flags(true, true, true, true, false, false), null], // quoted local part
		['"a@b"@mx.test', flags(true, true, true, true, false, false), null], // an @ inside quotes
		['用户@bücher.test', flags(true, true, true, true, false, false), null], // SMTPUTF8 local part
		// the domain cannot receive mail
		['ada@null-mx.test', flags(false, true, true, false, false, false), 'accepts no mail (it publishes a null MX, RFC 7505)'],
		['ada@no-mail-host.test', flags(false, true, true, false, false, false), 'has no MX, A or AAAA record'],
		['ada@nowhere.test', flags(false, true, false, false, false, false), 'does not exist (NXDOMAIN)'],
		// deliverable, but not a person's lasting address
		['ada@mailinator.com', flags(false, true, true, true, true, false), 'disposable'],
		['info@mx.test', flags(false, true, true, true, false, true), 'role account'],
		['webmaster@mailinator.com', flags(false, true, true, true, true, true), 'disposable'],
		// malformed: no lookup, every flag false
		['ada', MALFORMED, 'missing @'],
		['ada@', MALFORMED, 'nothing after the @'],
		['ada@@mx.test', MALFORMED, 'more than one @'],
		['ada lovelace@mx.test', MALFORMED, 'space'],
		['ada..lovelace@mx.test', MALFORMED, 'two dots in a row'],
		['ada@mx..test', MALFORMED, 'two dots in a row'],
		['ada@localhost', MALFORMED, 'no dot'],
		['ada@[192.0.2.1]', MALFORMED, 'IP address literals'],
		['<ada@mx.test>', MALFORMED, '< or >'], // a bare address, not a header value
		['Ada <ada@mx.test>', MALFORMED, 'space'],
		['ada@mx.test, bob@mx.test', MALFORMED, 'more than one @'], // one address per item
		['ada@under_score.test', MALFORMED, 'the domain contains "_"'],
		['john."doe"@mx.test', MALFORMED, 'quote'],
	])('%s', async (email, verification) => {
		// the third column says why: the flags are the whole answer
		expect(await verifyAddress(email, routes)).toEqual({ ok: true, value: { email, verification } });
	});

	it('a malformed address is never looked up', async () => {
		const before = dns.queries.length;
		await verifyAddress('ada@mx..nowhere-else.test', routes);
		await verifyAddress('ada@under_score.test', routes);
		expect(dns.queries.length).toBe(before);
	});
});

describe('a DNS failure is reported as such, never as an invalid address', () => {
	it.each([
		['ada@servfail.test', 'ESERVFAIL'],
		['ada@refused.test', 'EREFUSED'],
		['ada@a-servfail.test', 'ESERVFAIL'],
		['ada@silent.test', 'ETIMEOUT'],
	])('%s → %s', async (email, code) => {
		const result = await verifyAddress(email, routes);
		expect(result).toEqual({ ok: false, failure: { email, domain: email.split('@')[1], failure: { code, error: expect.any(String), hint: expect.stringContaining('not judged') } } });
	});
});
