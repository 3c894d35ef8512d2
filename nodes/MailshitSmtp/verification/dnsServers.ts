/**
 * The node's "DNS Servers" option: which resolvers to ask instead of the system's.
 *
 * Accepted: a comma- or space-separated list of IP addresses, each with an optional port, in the
 * forms `node:dns` `setServers` takes — `1.1.1.1`, `127.0.0.1:5353`, `2001:db8::1`,
 * `[2001:db8::1]:5353`. Host names are refused: a resolver cannot resolve the name of the resolver
 * it is about to use. Empty = the system's resolvers (/etc/resolv.conf), the default.
 */
import { isIP, isIPv6 } from 'node:net';
import { fail, ok, type Result } from '../shared/result';

export type DnsServersResult = Result<string[], string>;

const IPV6_WITH_PORT = /^\[([^\]]+)\](?::(\d+))?$/;
const IPV4_WITH_PORT = /^([^:]+):(\d+)$/;

export function parseDnsServers(text: string | undefined): DnsServersResult {
	const entries = (text ?? '').split(/[\s,;]+/).filter((entry) => entry !== '');
	const servers: string[] = [];
	for (const entry of entries) {
		const problem = dnsServerProblem(entry);
		if (problem) return fail(`DNS Servers: ${JSON.stringify(entry)} ${problem}`);
		servers.push(entry);
	}
	return ok(servers);
}

function dnsServerProblem(entry: string): string | undefined {
	const bracketed = IPV6_WITH_PORT.exec(entry);
	if (bracketed) return isIPv6(bracketed[1]) ? portProblem(bracketed[2]) : 'is not an IPv6 address in brackets';
	if (isIP(entry)) return undefined;
	const withPort = IPV4_WITH_PORT.exec(entry);
	if (withPort && isIP(withPort[1]) === 4) return portProblem(withPort[2]);
	return 'is not an IP address (write 1.1.1.1, 127.0.0.1:5353 or [2001:db8::1]:53; host names cannot be used)';
}

function portProblem(port: string | undefined): string | undefined {
	if (port === undefined) return undefined;
	const value = Number(port);
	return value >= 1 && value <= 65535 ? undefined : 'has a port outside 1–65535';
}
