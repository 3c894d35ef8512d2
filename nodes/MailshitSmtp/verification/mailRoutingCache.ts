/**
 * Mail routing per domain, looked up once per execution.
 *
 * A list of 1,000 recipients at one company is one MX lookup, not 1,000: the cache holds the
 * *promise*, so items checked concurrently share the lookup already in flight. Failures are kept
 * too — a domain whose server timed out for the first item would time out for the next 999, each
 * costing the full DNS Timeout. The cache lives as long as one execution of the node, so the next
 * run asks again; TTLs do not matter at that scale.
 */
import { Memo } from '../shared/memo';
import type { DnsLookup } from './dnsLookup';
import { resolveMailRouting, type MailRouting } from './mailRouting';

export interface MailRoutingCache {
	/** `domain` in A-label form; case does not matter. */
	routing(domain: string): Promise<MailRouting>;
}

export function createMailRoutingCache(lookup: DnsLookup): MailRoutingCache {
	const byDomain = new Memo<string, Promise<MailRouting>>();
	return {
		routing(domain) {
			const key = domain.toLowerCase();
			return byDomain.get(key, () => resolveMailRouting(key, lookup));
		},
	};
}
