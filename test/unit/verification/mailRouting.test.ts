/**
 * Where mail for a domain goes, by RFC 5321 §5.1 (MX, else the implicit MX of A/AAAA) and RFC 7505
 * (null MX), against a real DNS server.
 */
import { createDnsLookup, mailRoutingProblem, resolveMailRouting, type MailRouting } from '../../../nodes/MailshitSmtp/verification';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer';
import { TEST_TIMEOUT_MS, ZONE } from './zone';

let dns: TestDnsServer;
beforeAll(async () => {
	dns = await startDnsServer(ZONE);
});
afterAll(() => dns.close());

function routing(domain: string): Promise<MailRouting> {
	return resolveMailRouting(domain, createDnsLookup({ servers: [dns.address], timeoutMs: TEST_TIMEOUT_MS }));
}

describe('mail routing of a domain', () => {
	it.each<[string, MailRouting['kind'], Partial<MailRouting> | null]>([
		['mx.test', 'mx', { exchanges: ['mail.mx.test', 'backup.mx.test'] }],
		['a-only.test', 'implicit-mx', { record: 'A' }],
		['aaaa-only.test', 'implicit-mx', { record: 'AAAA' }],
		['null-mx.test', 'null-mx', null],
		['null-and-real-mx.test', 'mx', { exchanges: ['mail.null-and-real-mx.test'] }],
		['no-mail-host.test', 'no-mail-host', null],
		['nowhere.test', 'no-such-domain', null],
		['servfail.test', 'dns-failed', null],
		['refused.test', 'dns-failed', null],
		['a-servfail.test', 'dns-failed', null],
		['a-silent.test', 'dns-failed', null],
		['xn--bcher-kva.test', 'mx', null],
	])('%s → %s', async (domain, kind, details) => {
		const result = await routing(domain);
		expect(result.kind).toBe(kind);
		if (details) expect(result).toMatchObject(details);
	});

	it('a null MX is final: the A record next to it is never asked for', async () => {
		const before = dns.queryCount('null-mx.test', 'A');
		await routing('null-mx.test');
		expect(dns.queryCount('null-mx.test', 'A')).toBe(before);
	});

	it('the implicit MX is only asked for when there is no MX at all', async () => {
		const before = dns.queryCount('mx.test', 'A');
		await routing('mx.test');
		expect(dns.queryCount('mx.test', 'A')).toBe(before);
	});

	it('a failure in the A/AAAA fallback names that lookup, and is not "no mail host"', async () => {
		const result = await routing('a-servfail.test');
		expect(result).toEqual({ kind: 'dns-failed', failure: expect.objectContaining({ code: 'ESERVFAIL', error: expect.stringContaining('the A lookup for a-servfail.test') }) });
	});
});

describe('why a domain cannot receive mail', () => {
	it.each<[MailRouting, string | undefined]>([
		[{ kind: 'mx', exchanges: ['mx.example.com'] }, undefined],
		[{ kind: 'implicit-mx', record: 'A' }, undefined],
		[{ kind: 'null-mx' }, 'the domain example.com accepts no mail (it publishes a null MX, RFC 7505)'],
		[{ kind: 'no-mail-host' }, 'the domain example.com has no MX, A or AAAA record, so no server receives its mail'],
		[{ kind: 'no-such-domain' }, 'the domain example.com does not exist (NXDOMAIN)'],
		[{ kind: 'dns-failed', failure: { code: 'ETIMEOUT', error: 'x', hint: 'y' } }, undefined],
	])('%j → %j', (route, problem) => {
		expect(mailRoutingProblem('example.com', route)).toBe(problem);
	});
});
