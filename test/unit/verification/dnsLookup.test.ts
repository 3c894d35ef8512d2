/**
 * One DNS query against a real server on 127.0.0.1: answers, error replies, and a server that
 * never answers, which must cost the configured timeout and no more (proven on a fake clock).
 */
import { createSocket } from 'node:dgram';
import { createDnsLookup, type DnsAnswer } from '../../../nodes/MailshitSmtp/verification';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer';
import { fakeJsTimers, watch } from '../../helpers/fakeClock';
import { TEST_TIMEOUT_MS, ZONE } from './zone';

let dns: TestDnsServer;
beforeAll(async () => {
	dns = await startDnsServer(ZONE);
});
afterAll(() => dns.close());

function lookup() {
	return createDnsLookup({ servers: [dns.address], timeoutMs: TEST_TIMEOUT_MS });
}

/** A UDP port on 127.0.0.1 where nothing listens: bound, then closed again. */
async function closedPort(): Promise<number> {
	const socket = createSocket('udp4');
	await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
	const { port } = socket.address();
	await new Promise<void>((resolve) => socket.close(() => resolve()));
	return port;
}

describe('answers: records, NODATA and NXDOMAIN are answers about the domain', () => {
	it.each([
		['mx.test', { kind: 'records', records: expect.arrayContaining([{ exchange: 'mail.mx.test', priority: 10 }, { exchange: 'backup.mx.test', priority: 20 }]) }],
		['null-mx.test', { kind: 'records', records: [{ exchange: '', priority: 0 }] }],
		['a-only.test', { kind: 'nodata' }],
		['nowhere.test', { kind: 'nxdomain' }],
	])('MX %s → %j', async (domain, answer) => {
		expect(await lookup().mx(domain)).toEqual(answer);
	});

	it.each([
		['A', 'a-only.test', { kind: 'records', records: ['192.0.2.10'] }],
		['AAAA', 'aaaa-only.test', { kind: 'records', records: ['2001:db8::10'] }],
		['AAAA', 'a-only.test', { kind: 'nodata' }],
		['A', 'nowhere.test', { kind: 'nxdomain' }],
	] as const)('%s %s → %j', async (type, domain, answer) => {
		expect(await lookup().addresses(type, domain)).toEqual(answer);
	});
});

describe('failures: no answer is a failure with a code, never an answer', () => {
	it.each([
		['servfail.test', 'ESERVFAIL', 'DNS server failure (SERVFAIL)'],
		['refused.test', 'EREFUSED', 'DNS query refused (REFUSED)'],
	])('MX %s → %s', async (domain, code, error) => {
		const answer = await lookup().mx(domain);
		expect(answer).toEqual({ kind: 'failed', failure: { code, error: expect.stringContaining(error), hint: expect.any(String) } });
	});

	it('a server that never answers is a DNS timeout with the configured budget in its words', async () => {
		const answer = await lookup().mx('silent.test');
		expect(answer).toEqual({
			kind: 'failed',
			failure: {
				code: 'ETIMEOUT',
				error: `DNS timeout: DNS server ${dns.address} did not answer the MX lookup for silent.test within 0.3 s`,
				hint: expect.stringContaining('DNS Timeout'),
			},
		});
		expect(dns.queryCount('silent.test', 'MX')).toBeGreaterThanOrEqual(1);
	});
});

describe('the time limit is our own timer, not c-ares\' retry schedule', () => {
	/**
	 * With a 60 s budget c-ares gets 15 s per try in real time, so it cannot give up while the test
	 * runs; only the fake clock moves. Pending a millisecond before the budget and timed out at it
	 * means the deadline is our JS timer, and that it costs the budget and no more.
	 */
	const BUDGET_MS = 60_000;
	beforeEach(fakeJsTimers);
	afterEach(() => jest.useRealTimers());

	it('a server that never answers: pending 1 ms before the budget, ETIMEOUT at it', async () => {
		const answer = watch(createDnsLookup({ servers: [dns.address], timeoutMs: BUDGET_MS }).mx('silent.test'));
		await dns.waitForQueries(dns.queries.length + 1);
		await jest.advanceTimersByTimeAsync(BUDGET_MS - 1);
		expect(answer.settled).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(answer.value).toEqual({
			kind: 'failed',
			failure: {
				code: 'ETIMEOUT',
				error: `DNS timeout: DNS server ${dns.address} did not answer the MX lookup for silent.test within 60 s`,
				hint: expect.stringContaining('DNS Timeout'),
			},
		});
	});

	it('a wholly silent server: every record type, in parallel, times out at the one budget', async () => {
		const silent = await startDnsServer({}, { silent: true });
		try {
			const quiet = createDnsLookup({ servers: [silent.address], timeoutMs: BUDGET_MS });
			const answers = [quiet.mx('mx.test'), quiet.addresses('A', 'a-only.test'), quiet.addresses('AAAA', 'a-only.test')].map((lookup) => watch<DnsAnswer<unknown>>(lookup));
			await silent.waitForQueries(3);
			await jest.advanceTimersByTimeAsync(BUDGET_MS - 1);
			expect(answers.map((answer) => answer.settled)).toEqual([false, false, false]);
			await jest.advanceTimersByTimeAsync(1);
			expect(answers.map((answer) => answer.value?.kind === 'failed' && answer.value.failure.code)).toEqual(['ETIMEOUT', 'ETIMEOUT', 'ETIMEOUT']);
		} finally {
			await silent.close();
		}
	});
});

describe('failures of the server\'s address', () => {
	it('nothing listening on the port: connection refused, named as such', async () => {
		const port = await closedPort();
		const answer = await createDnsLookup({ servers: [`127.0.0.1:${port}`], timeoutMs: TEST_TIMEOUT_MS }).mx('mx.test');
		// on loopback the kernel answers with ICMP "port unreachable", which c-ares reports as ECONNREFUSED
		expect(answer).toEqual({
			kind: 'failed',
			failure: { code: 'ECONNREFUSED', error: `Nothing answers at DNS server 127.0.0.1:${port} (connection refused) for the MX lookup for mx.test`, hint: expect.stringContaining('DNS Servers') },
		});
	});

	it('a malformed server address fails when the lookup is created, not per query', () => {
		expect(() => createDnsLookup({ servers: ['not-an-ip'] })).toThrow();
	});
});
