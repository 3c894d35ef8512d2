/**
 * Verify Address through n8n's engine, against a real DNS server on 127.0.0.1: the exact
 * `{ email, verification }` shape, pairing, empty addresses, DNS failures and the per-execution cache.
 */
import type { IDataObject } from 'n8n-workflow';
import { startDnsServer, type TestDnsServer } from '../helpers/dnsServer';
import { jsonItems, runMailshitNode, type RunNodeOptions } from '../helpers/n8nEngine';
import { ZONE } from '../unit/verification/zone';

let dns: TestDnsServer;
beforeEach(async () => {
	dns = await startDnsServer(ZONE);
});
afterEach(() => dns.close());

/**
 * The lookups' time limit. The silent server's items wait all of it, so it is short; but an
 * answering server must beat it on a loaded laptop too (0.3 s timed out under a parallel build).
 */
const DNS_TIMEOUT_SECONDS = 2;

function verify(rows: IDataObject[], extra: Partial<RunNodeOptions> = {}, options: IDataObject = {}) {
	return runMailshitNode({
		items: jsonItems(rows),
		parameters: { operation: 'verify', email: '={{ $json.email }}', verifyOptions: { dnsServers: dns.address, dnsTimeout: DNS_TIMEOUT_SECONDS, ...options } },
		...extra,
	});
}

describe('Verify Address: one { email, verification } per item', () => {
	it('returns exactly the /verify shape, paired with its item', async () => {
		const result = await verify([
			{ email: 'ada@mx.test' },
			{ email: ' info@a-only.test ' },
			{ email: 'ada@null-mx.test' },
			{ email: 'ada@nowhere.test' },
			{ email: 'ada@mailinator.com' },
			{ email: 'ada@@mx.test' },
		]);
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json)).toEqual([
			{ email: 'ada@mx.test', verification: { valid: true, format: true, domain: true, mxRecords: true, disposable: false, role: false } },
			{ email: 'info@a-only.test', verification: { valid: false, format: true, domain: true, mxRecords: true, disposable: false, role: true } },
			{ email: 'ada@null-mx.test', verification: { valid: false, format: true, domain: true, mxRecords: false, disposable: false, role: false } },
			{ email: 'ada@nowhere.test', verification: { valid: false, format: true, domain: false, mxRecords: false, disposable: false, role: false } },
			{ email: 'ada@mailinator.com', verification: { valid: false, format: true, domain: true, mxRecords: true, disposable: true, role: false } },
			{ email: 'ada@@mx.test', verification: { valid: false, format: false, domain: false, mxRecords: false, disposable: false, role: false } },
		]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
	});

	it('asks DNS once per domain in an execution: 200 items on one domain are one query', async () => {
		const result = await verify(Array.from({ length: 200 }, (_, i) => ({ email: `user${i}@mx.test` })));
		expect(result.main).toHaveLength(200);
		expect(result.main.every((item) => (item.json.verification as IDataObject).valid === true)).toBe(true);
		expect(dns.queries).toEqual([{ name: 'mx.test', type: 'MX' }]);
	});
});

describe('an empty or missing address is a per-item error', () => {
	const rows = [{ email: 'ada@mx.test' }, { email: '' }, { name: 'no email field' }];

	it('without Continue On Fail: stops the node naming the item and the field, before any DNS lookup', async () => {
		const result = await verify(rows);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(/^Item 1: No email address to verify/),
			context: { itemIndex: 1 },
			description: expect.stringContaining('Field: email'),
		});
		expect(result.main).toHaveLength(0);
		expect(dns.queries).toHaveLength(0);
	});

	it('with Continue On Fail: a validation_failed item in its place, the others verified', async () => {
		const result = await verify(rows, { onError: 'continueRegularOutput' });
		expect(result.main.map((item) => item.json)).toEqual([
			{ email: 'ada@mx.test', verification: expect.objectContaining({ valid: true }) },
			{ success: false, type: 'validation_failed', field: 'email', error: expect.stringMatching(/^No email address to verify/) },
			{ success: false, type: 'validation_failed', field: 'email', error: expect.stringMatching(/^No email address to verify/) },
		]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('a DNS failure is a dns_failed item, never an "invalid" verdict', () => {
	const rows = [{ email: 'ada@mx.test' }, { email: 'ada@silent.test' }, { email: 'bob@servfail.test' }];

	it('with Continue On Fail: the code, the sentence and the hint, and no verification flags', async () => {
		const result = await verify(rows, { onError: 'continueRegularOutput' });
		expect(result.main.map((item) => item.json)).toEqual([
			{ email: 'ada@mx.test', verification: expect.objectContaining({ valid: true }) },
			{
				success: false,
				type: 'dns_failed',
				code: 'ETIMEOUT',
				error: `DNS timeout: DNS server ${dns.address} did not answer the MX lookup for silent.test within ${DNS_TIMEOUT_SECONDS} s`,
				hint: expect.stringContaining('not judged'),
				email: 'ada@silent.test',
			},
			{ success: false, type: 'dns_failed', code: 'ESERVFAIL', error: expect.stringContaining('SERVFAIL'), hint: expect.any(String), email: 'bob@servfail.test' },
		]);
	});

	it('without Continue On Fail: a NodeApiError naming the item, with the hint as description', async () => {
		const result = await verify([{ email: 'ada@silent.test' }]);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: expect.stringMatching(/^Item 0: could not verify ada@silent\.test: DNS timeout/),
			description: expect.stringContaining('DNS Timeout'),
			context: { itemIndex: 0 },
		});
	});

	it('with the error output: failures go to the error branch, verdicts stay on the main one', async () => {
		const result = await verify(rows, { onError: 'continueErrorOutput' });
		expect(result.main.map((item) => item.json.email)).toEqual(['ada@mx.test']);
		// n8n merges an error-branch item into its input item, so the input's own `email` is there too
		expect(result.errorOutput.map((item) => item.json)).toEqual([
			{ email: 'ada@silent.test', error: expect.objectContaining({ type: 'dns_failed', code: 'ETIMEOUT' }), message: expect.stringMatching(/^DNS timeout/) },
			{ email: 'bob@servfail.test', error: expect.objectContaining({ type: 'dns_failed', code: 'ESERVFAIL' }), message: expect.stringContaining('SERVFAIL') },
		]);
	});
});

describe('settings', () => {
	it('a DNS Servers entry that is not an IP address stops the node naming the option', async () => {
		const result = await verify([{ email: 'ada@mx.test' }], {}, { dnsServers: 'dns.example.com' });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: expect.stringContaining('DNS Servers: "dns.example.com" is not an IP address'), description: 'Field: DNS Servers' });
	});

	it('needs no credential', async () => {
		const result = await verify([{ email: 'ada@mx.test' }], { credential: undefined });
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(1);
	});
});
