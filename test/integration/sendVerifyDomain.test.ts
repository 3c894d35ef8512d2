/**
 * Send with "Verify Recipient Domain": a domain that cannot receive mail is refused before
 * anything is sent, with one DNS lookup per domain per execution.
 */
import { smtpCredential } from '../helpers/credentials';
import { startDnsServer, type TestDnsServer } from '../helpers/dnsServer';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import type { SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';
import { ZONE } from '../unit/verification/zone';

let dns: TestDnsServer;
let sink: SmtpSink;
beforeAll(async () => {
	dns = await startDnsServer(ZONE);
});
afterAll(async () => {
	await dns.close();
});
const startSink = useSmtpSinks({ tls: 'plain' });
beforeEach(async () => {
	sink = await startSink();
});

/** Send with Verify Recipient Domain on; with Continue On Fail unless `stopOnFail`. */
const run = (items: ReturnType<typeof jsonItems>, extra: Record<string, unknown> = {}, { server = dns, stopOnFail = false } = {}) =>
	runMailshitNode({
		items,
		parameters: {
			operation: 'send',
			toEmail: '={{ $json.email }}',
			subject: 'Hi',
			templateFormat: 'text',
			template: 'Hello',
			options: { verifyRecipientDomain: true, dnsServers: server.address, dnsTimeout: 2, ...extra },
		},
		credential: smtpCredential(sink.port),
		...(stopOnFail ? {} : { onError: 'continueRegularOutput' as const }),
	});

describe('Send: Verify Recipient Domain', () => {
	it.each([
		['a domain with MX', 'ada@mx.test', null],
		['a domain with only an A record (implicit MX)', 'ada@a-only.test', null],
		['a null MX', 'ada@null-mx.test', '_to'],
		['NXDOMAIN', 'ada@does-not-exist.test', '_to'],
		['a domain without any mail host', 'ada@no-mail-host.test', '_to'],
		['a DNS server that never answers (fails closed)', 'ada@silent.test', '_to'],
	])('%s', async (_label, email, refusedField) => {
		const result = await run(jsonItems([{ email }]));
		if (refusedField === null) {
			expect(result.main[0].json).toMatchObject({ type: 'sent', accepted: [email] });
			expect(sink.messages).toHaveLength(1);
		} else {
			expect(result.main[0].json).toMatchObject({ success: false, type: 'validation_failed', field: refusedField });
			expect(String(result.main[0].json.error)).toContain(email.split('@')[1]);
			expect(sink.messages).toHaveLength(0);
		}
	});

	it('a bad CC domain names _cc; nothing is sent for that item', async () => {
		const result = await run(jsonItems([{ email: 'ada@mx.test' }]));
		expect(result.main[0].json.type).toBe('sent');
		const withCc = await run(jsonItems([{ email: 'ada@mx.test', _cc: 'bob@null-mx.test' }]));
		expect(withCc.main[0].json).toMatchObject({ type: 'validation_failed', field: '_cc' });
		expect(sink.messages).toHaveLength(1);
	});

	it('100 recipients on one domain cost one MX query', async () => {
		const before = dns.queries.filter((q) => q.name === 'a-only.test').length;
		const result = await run(jsonItems(Array.from({ length: 100 }, (_, i) => ({ email: `r${i}@a-only.test` }))));
		expect(result.main.every((item) => item.json.type === 'sent')).toBe(true);
		const asked = dns.queries.filter((q) => q.name === 'a-only.test').slice(before);
		expect(asked.map((q) => q.type).sort()).toEqual(['A', 'MX']);
	});

	it('items on different domains are checked 8 at a time, as Verify Address looks them up', async () => {
		const domains = Array.from({ length: 20 }, (_, i) => `d${i}.mx.test`);
		const held = await startDnsServer(Object.fromEntries(domains.map((domain) => [domain, { MX: [[10, `mail.${domain}`]] }])), { holdReplies: true });
		try {
			// the timeout is only a safety net: every reply is held until eight lookups are in flight
			const running = run(jsonItems(domains.map((domain) => ({ email: `ada@${domain}` }))), { dnsTimeout: 20 }, { server: held });
			// one lookup at a time would ask one domain and wait for its answer forever (to the timeout)
			await held.waitForQueries(8, 10_000);
			const askedBeforeAnyAnswer = new Set(held.queries.map((query) => query.name));
			held.releaseReplies();
			const result = await running;
			expect(askedBeforeAnyAnswer.size).toBe(8);
			expect(result.main.map((item) => item.json.accepted)).toEqual(domains.map((domain) => [`ada@${domain}`]));
			expect(new Set(held.queries.map((query) => query.name)).size).toBe(20);
		} finally {
			await held.close();
		}
	});

	it('without Continue On Fail, the first bad item by index stops the node, whichever answer came first', async () => {
		const emails = ['a@mx.test', 'b@a-only.test', 'c@silent.test', 'd@mx.test', 'e@does-not-exist.test', 'f@mx.test'];
		const result = await run(jsonItems(emails.map((email) => ({ email }))), {}, { stopOnFail: true });
		// item 4's NXDOMAIN answers long before item 2's silent server times out
		expect(result.error).toMatchObject({ context: { itemIndex: 2 } });
		expect(result.error?.message).toContain('silent.test');
		expect(sink.messages).toHaveLength(0);
	});

	it('off by default: no DNS query at all', async () => {
		const before = dns.queries.length;
		await runMailshitNode({
			items: jsonItems([{ email: 'ada@null-mx.test' }]),
			parameters: { operation: 'send', toEmail: '={{ $json.email }}', subject: 'Hi', templateFormat: 'text', template: 'Hello' },
			credential: smtpCredential(sink.port),
		});
		expect(dns.queries.length).toBe(before);
		expect(sink.messages).toHaveLength(1);
	});
});
