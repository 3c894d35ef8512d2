/**
 * A DNS lookup that got no usable answer, in one sentence plus a hint, the way the SMTP hint
 * table (transport/smtpErrorHints.ts) words connection failures.
 *
 * A failure is not a verdict on the address: NXDOMAIN and "no such record" are answers (the
 * domain does not exist / has no mail host), whereas a timeout, SERVFAIL or REFUSED says nothing
 * about the domain, only that no answer came. The codes are node's `dns` error codes (c-ares).
 */
export type DnsQueryType = 'MX' | 'A' | 'AAAA' | 'TXT';

export interface DnsFailure {
	/** node's dns error code: ETIMEOUT, ESERVFAIL, EREFUSED, ECONNREFUSED, … */
	code: string;
	/** One sentence naming the query and what went wrong. */
	error: string;
	/** Cause and fix. */
	hint: string;
}

export interface DnsFailureContext {
	code: string;
	query: DnsQueryType;
	domain: string;
	/** The servers asked; empty = the system's resolvers. */
	servers: string[];
	timeoutMs: number;
}

const NOT_JUDGED = 'The address was not judged valid or invalid.';

function serversAsked(servers: string[]): string {
	return servers.length ? `DNS server ${servers.join(', ')}` : "the system's DNS resolver";
}

function seconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(2))} s`;
}

export function describeDnsFailure(context: DnsFailureContext): DnsFailure {
	const { code, query, domain, servers, timeoutMs } = context;
	const asked = serversAsked(servers);
	const lookup = `the ${query} lookup for ${domain}`;
	switch (code) {
		case 'ETIMEOUT':
			return {
				code,
				error: `DNS timeout: ${asked} did not answer ${lookup} within ${seconds(timeoutMs)}`,
				hint: `Check DNS Servers (empty = the system's resolver) and the network, or raise DNS Timeout. ${NOT_JUDGED}`,
			};
		case 'ESERVFAIL':
			return {
				code,
				error: `DNS server failure (SERVFAIL) from ${asked} for ${lookup}`,
				hint: `The resolver could not get an answer from the domain's own name servers (a broken delegation or DNSSEC); try again later. ${NOT_JUDGED}`,
			};
		case 'EREFUSED':
			return {
				code,
				error: `DNS query refused (REFUSED) by ${asked} for ${lookup}`,
				hint: `That server does not resolve names for this host: set DNS Servers to a resolver that does, or leave it empty for the system's. ${NOT_JUDGED}`,
			};
		case 'ECONNREFUSED':
			return {
				code,
				error: `Nothing answers at ${asked} (connection refused) for ${lookup}`,
				hint: `Check the address and port in DNS Servers. ${NOT_JUDGED}`,
			};
		default:
			return {
				code,
				error: `DNS lookup failed (${code}) at ${asked} for ${lookup}`,
				hint: `Check DNS Servers and the network, then try again. ${NOT_JUDGED}`,
			};
	}
}
