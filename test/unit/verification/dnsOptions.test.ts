import { parseDnsServers, readDnsOptions } from '../../../nodes/MailshitSmtp/verification';

describe('DNS Servers option: IP addresses with optional ports, nothing else', () => {
	it.each([
		['', []],
		[undefined, []],
		['1.1.1.1', ['1.1.1.1']],
		['127.0.0.1:5353', ['127.0.0.1:5353']],
		['1.1.1.1, 9.9.9.9;8.8.8.8  192.0.2.1:53', ['1.1.1.1', '9.9.9.9', '8.8.8.8', '192.0.2.1:53']],
		['2001:db8::1', ['2001:db8::1']],
		['[2001:db8::1]:5353', ['[2001:db8::1]:5353']],
		['[::1]', ['[::1]']],
	])('%j is accepted as %j', (text, servers) => {
		expect(parseDnsServers(text)).toEqual({ ok: true, value: servers });
	});

	it.each([
		['dns.google', 'is not an IP address'],
		['1.1.1.1, resolver.local', 'is not an IP address'],
		['1.1.1.1:0', 'has a port outside 1–65535'],
		['1.1.1.1:65536', 'has a port outside 1–65535'],
		['[dns.google]:53', 'is not an IPv6 address in brackets'],
		['256.1.1.1', 'is not an IP address'],
		['1.1.1.1:53:53', 'is not an IP address'],
	])('%j is refused: %s', (text, problem) => {
		const result = parseDnsServers(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure).toContain(problem);
	});
});

describe('DNS options as lookup options', () => {
	it.each([
		[{}, { servers: [], timeoutMs: 5000 }],
		[{ dnsServers: '127.0.0.1:5353', dnsTimeout: 0.3 }, { servers: ['127.0.0.1:5353'], timeoutMs: 300 }],
		[{ dnsTimeout: 2.5 }, { servers: [], timeoutMs: 2500 }],
		[{ dnsTimeout: 0 }, { servers: [], timeoutMs: 50 }], // clamped: a zero budget could never answer
		[{ dnsTimeout: -1 }, { servers: [], timeoutMs: 50 }],
		[{ dnsTimeout: 3600 }, { servers: [], timeoutMs: 60000 }],
		[{ dnsTimeout: Number.NaN }, { servers: [], timeoutMs: 5000 }],
	])('%j → %j', (values, options) => {
		expect(readDnsOptions(values)).toEqual({ ok: true, value: options });
	});

	it('a bad server list names the option', () => {
		expect(readDnsOptions({ dnsServers: 'localhost' })).toEqual({ ok: false, failure: { field: 'DNS Servers', error: expect.stringContaining('DNS Servers: "localhost" is not an IP address') } });
	});
});
