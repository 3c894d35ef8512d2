/**
 * The check Send runs with "Verify Recipient Domain": one checker per execution, one lookup per
 * domain, a reason for every refusal, and DNS failures marked as such.
 */
import { createDomainChecker, type DomainChecker } from '../../../nodes/MailshitSmtp/verification';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer';
import { fakeJsTimers, watch } from '../../helpers/fakeClock';
import { TEST_TIMEOUT_MS, ZONE } from './zone';

let dns: TestDnsServer;
let checker: DomainChecker;
beforeEach(async () => {
	dns = await startDnsServer(ZONE);
	checker = createDomainChecker({ servers: [dns.address], timeoutMs: TEST_TIMEOUT_MS });
});
afterEach(() => dns.close());

describe('recipient domain can receive mail', () => {
	it.each([
		'ada@mx.test',
		'ada@a-only.test',
		'ada@aaaa-only.test',
		'ada@null-and-real-mx.test',
		'ada@bücher.test',
		'info@mx.test', // role and disposable addresses are deliverable: not this check's business
		'ada@mailinator.com',
		'ada@[192.0.2.1]', // an address literal names its host, there is nothing to look up
	])('%s → ok', async (address) => {
		expect(await checker.check(address)).toEqual({ ok: true });
	});

	it.each([
		['ada@null-mx.test', 'ada@null-mx.test cannot receive mail: the domain null-mx.test accepts no mail (it publishes a null MX, RFC 7505)'],
		['ada@nowhere.test', 'ada@nowhere.test cannot receive mail: the domain nowhere.test does not exist (NXDOMAIN)'],
		['ada@no-mail-host.test', 'ada@no-mail-host.test cannot receive mail: the domain no-mail-host.test has no MX, A or AAAA record, so no server receives its mail'],
	])('%s → refused: %s', async (address, reason) => {
		expect(await checker.check(address)).toEqual({ ok: false, failure: { error: reason } });
	});

	it.each([
		['ada@servfail.test', 'ESERVFAIL'],
		['ada@silent.test', 'ETIMEOUT'],
	])('%s → not judged, dnsError %s', async (address, code) => {
		expect(await checker.check(address)).toEqual({
			ok: false,
			failure: {
				code,
				hint: expect.stringContaining('not judged'),
				error: expect.stringMatching(new RegExp(`^Could not check the domain of ${address}: DNS `)),
			},
		});
	});

	it('a silent domain costs one DNS Timeout: pending 1 ms before it, not judged at it', async () => {
		// c-ares cannot give up on its own within a 60 s budget while only the fake clock moves
		fakeJsTimers();
		try {
			const check = watch(createDomainChecker({ servers: [dns.address], timeoutMs: 60_000 }).check('ada@silent.test'));
			await dns.waitForQueries(1);
			await jest.advanceTimersByTimeAsync(59_999);
			expect(check.settled).toBe(false);
			await jest.advanceTimersByTimeAsync(1);
			expect(check.value).toMatchObject({ ok: false, failure: { code: 'ETIMEOUT' } });
			expect(dns.queries).toEqual([{ name: 'silent.test', type: 'MX' }]);
		} finally {
			jest.useRealTimers();
		}
	});

	it('1,000 recipients on one domain are one lookup', async () => {
		const checks = await Promise.all(Array.from({ length: 1000 }, (_, i) => checker.check(`user${i}@mx.test`)));
		expect(checks.every((check) => check.ok)).toBe(true);
		expect(dns.queries).toEqual([{ name: 'mx.test', type: 'MX' }]);
	});

	it('a checker made without servers uses the system resolver: nothing reaches the test server', async () => {
		// A bare IP literal needs no lookup at all, so this stays offline whatever the system resolver is.
		expect(await createDomainChecker().check('ada@[192.0.2.1]')).toEqual({ ok: true });
		expect(dns.queries).toHaveLength(0);
	});
});
