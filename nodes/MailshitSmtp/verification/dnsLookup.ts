/**
 * One DNS query with a hard time limit, through node's own resolver (`node:dns` Resolver, c-ares).
 *
 * Every query gets a Resolver of its own (about 20 µs to create): on our deadline that one query
 * is cancelled and nothing is left running — cancelling a shared Resolver would cancel every other
 * lookup in flight too. The time limit is ours, not c-ares': its retry schedule differs between
 * c-ares versions (1.34 waits about twice `timeout` before its first retransmission, and for a
 * 300 ms setting took 680–830 ms to give up). So c-ares gets a quarter of the budget per try and
 * two tries — one retransmission near the middle, for a lost UDP packet — and the timer below
 * guarantees that a server that never answers costs `timeoutMs`, whatever c-ares does.
 */
import { Resolver } from 'node:dns/promises';
import { describeDnsFailure, type DnsFailure, type DnsQueryType } from './dnsFailures';

export const DEFAULT_DNS_TIMEOUT_MS = 5000;

/**
 * Domains looked up at once (Verify Address, and Send's Verify Recipient Domain): enough that
 * 1,000 distinct domains do not take 1,000 round trips one after another, few enough that a
 * public resolver does not rate-limit us.
 */
export const LOOKUPS_IN_FLIGHT = 8;

export interface DnsLookupOptions {
	/** Resolver addresses (see parseDnsServers); empty or absent = the system's resolvers. */
	servers?: string[];
	/** The budget of one lookup, retries included. Default 5 s. */
	timeoutMs?: number;
}

export interface MxRecord {
	/** `''` for the root name `.`: a null MX (RFC 7505). */
	exchange: string;
	priority: number;
}

/** NXDOMAIN and NODATA are answers about the domain; `failed` is the absence of one. */
export type DnsAnswer<T> =
	| { kind: 'records'; records: T[] }
	| { kind: 'nodata' }
	| { kind: 'nxdomain' }
	| { kind: 'failed'; failure: DnsFailure };

export interface DnsLookup {
	mx(domain: string): Promise<DnsAnswer<MxRecord>>;
	addresses(type: 'A' | 'AAAA', domain: string): Promise<DnsAnswer<string>>;
	/** Each TXT record as one string: its character-strings joined, as SPF, DKIM and DMARC read them. */
	txt(domain: string): Promise<DnsAnswer<string>>;
}

const C_ARES_TRIES = 2;

export function createDnsLookup(options: DnsLookupOptions = {}): DnsLookup {
	const servers = options.servers ?? [];
	const timeoutMs = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
	// A malformed server address throws here, once, rather than inside every lookup.
	if (servers.length) new Resolver().setServers(servers);

	async function query<T>(type: DnsQueryType, domain: string, run: (resolver: Resolver) => Promise<T[]>): Promise<DnsAnswer<T>> {
		const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / 4)), tries: C_ARES_TRIES });
		if (servers.length) resolver.setServers(servers);
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<'deadline'>((resolve) => {
			timer = setTimeout(() => resolve('deadline'), timeoutMs);
		});
		const settled = run(resolver).then(
			(records) => ({ records }),
			(error: unknown) => ({ code: errorCode(error) }),
		);
		try {
			const outcome = await Promise.race([settled, deadline]);
			if (outcome === 'deadline') {
				resolver.cancel();
				return { kind: 'failed', failure: describeDnsFailure({ code: 'ETIMEOUT', query: type, domain, servers, timeoutMs }) };
			}
			if ('records' in outcome) return outcome.records.length ? { kind: 'records', records: outcome.records } : { kind: 'nodata' };
			// c-ares names NXDOMAIN "ENOTFOUND" and an empty NOERROR answer "ENODATA".
			if (outcome.code === 'ENOTFOUND') return { kind: 'nxdomain' };
			if (outcome.code === 'ENODATA') return { kind: 'nodata' };
			return { kind: 'failed', failure: describeDnsFailure({ code: outcome.code, query: type, domain, servers, timeoutMs }) };
		} finally {
			clearTimeout(timer);
		}
	}

	return {
		mx: (domain) => query('MX', domain, (resolver) => resolver.resolveMx(domain)),
		addresses: (type, domain) => query(type, domain, (resolver) => (type === 'A' ? resolver.resolve4(domain) : resolver.resolve6(domain))),
		txt: (domain) => query('TXT', domain, async (resolver) => (await resolver.resolveTxt(domain)).map((strings) => strings.join(''))),
	};
}

function errorCode(error: unknown): string {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : 'EUNKNOWN';
}
