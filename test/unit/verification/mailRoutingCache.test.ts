/**
 * One lookup per domain per execution, proven by counting the queries that reach the DNS server.
 * The server answers with TTL 0, so c-ares' own cache stays out of it (the first case shows that:
 * without our cache every check is a query).
 */
import { createDnsLookup, createMailRoutingCache, type MailRoutingCache } from '../../../nodes/MailshitSmtp/verification';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer';
import { TEST_TIMEOUT_MS, ZONE } from './zone';

let dns: TestDnsServer;
beforeEach(async () => {
	dns = await startDnsServer(ZONE);
});
afterEach(() => dns.close());

function cache(): MailRoutingCache {
	return createMailRoutingCache(createDnsLookup({ servers: [dns.address], timeoutMs: TEST_TIMEOUT_MS }));
}

describe('per-execution DNS cache', () => {
	it('the server counts every query: two executions (two caches) ask twice', async () => {
		await cache().routing('mx.test');
		await cache().routing('mx.test');
		expect(dns.queryCount('mx.test', 'MX')).toBe(2);
	});

	it('1,000 items on one domain, one after another, are one MX query', async () => {
		const routes = cache();
		for (let i = 0; i < 1000; i++) expect((await routes.routing('mx.test')).kind).toBe('mx');
		expect(dns.queryCount('mx.test', 'MX')).toBe(1);
		expect(dns.queries).toHaveLength(1);
	});

	it('1,000 items on one domain at once share the lookup in flight', async () => {
		const routes = cache();
		const results = await Promise.all(Array.from({ length: 1000 }, () => routes.routing('mx.test')));
		expect(new Set(results.map((result) => result.kind))).toEqual(new Set(['mx']));
		expect(dns.queries).toHaveLength(1);
	});

	it('an implicit-MX domain is one MX and one A query for 1,000 items', async () => {
		const routes = cache();
		await Promise.all(Array.from({ length: 1000 }, () => routes.routing('a-only.test')));
		expect(dns.queries).toEqual([
			{ name: 'a-only.test', type: 'MX' },
			{ name: 'a-only.test', type: 'A' },
		]);
	});

	it('domains differ only in case share one entry', async () => {
		const routes = cache();
		await routes.routing('MX.test');
		await routes.routing('mx.TEST');
		expect(dns.queryCount('mx.test', 'MX')).toBe(1);
	});

	it('failures are kept too: a timed-out domain costs one timeout, not one per item', async () => {
		const routes = cache();
		await routes.routing('silent.test');
		const afterFirst = dns.queryCount('silent.test');
		const results = await Promise.all(Array.from({ length: 100 }, () => routes.routing('silent.test')));
		expect(results.every((result) => result.kind === 'dns-failed')).toBe(true);
		expect(dns.queryCount('silent.test')).toBe(afterFirst);
	});

	it('different domains are looked up separately', async () => {
		const routes = cache();
		await Promise.all(['mx.test', 'null-mx.test', 'nowhere.test', 'mx.test', 'nowhere.test'].map((domain) => routes.routing(domain)));
		expect(dns.queries.filter((query) => query.type === 'MX').map((query) => query.name).sort()).toEqual(['mx.test', 'nowhere.test', 'null-mx.test']);
	});
});
