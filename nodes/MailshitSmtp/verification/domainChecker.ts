/**
 * The Send operation's "Verify Recipient Domain": can each recipient's domain receive mail?
 *
 *   const domains = createDomainChecker({ servers, timeoutMs });   // once per execution
 *   const check = await domains.check('ada@example.com');          // per recipient
 *
 * Only the domain is judged (exists, has MX or an implicit MX, no null MX); disposable and role
 * addresses are deliverable and are the Verify Address operation's business. One cache per
 * checker: 1,000 recipients on one domain are one lookup. Addresses are expected to have passed
 * the format check already (validation/addresses).
 */
import { domainToASCII } from 'node:url';
import { createDnsLookup, type DnsLookupOptions } from './dnsLookup';
import { mailRoutingProblem } from './mailRouting';
import { createMailRoutingCache } from './mailRoutingCache';

export type DomainCheckerOptions = DnsLookupOptions;

export type DomainCheck =
	| { ok: true }
	/** `dnsError`: DNS gave no answer (timeout, SERVFAIL, …), so the domain was not judged; `code` is node's. */
	| { ok: false; reason: string; dnsError?: boolean; code?: string; hint?: string };

export interface DomainChecker {
	check(address: string): Promise<DomainCheck>;
}

export function createDomainChecker(options: DomainCheckerOptions = {}): DomainChecker {
	const routes = createMailRoutingCache(createDnsLookup(options));
	return {
		async check(address) {
			const domain = address.slice(address.lastIndexOf('@') + 1);
			// An address literal (user@[192.0.2.1]) names its host: there is no domain to look up.
			if (domain.startsWith('[')) return { ok: true };
			const asciiDomain = domainToASCII(domain);
			if (asciiDomain === '') return { ok: false, reason: `Invalid email address ${JSON.stringify(address)}: the domain is not valid` };

			const routing = await routes.routing(asciiDomain);
			if (routing.kind === 'dns-failed') {
				const { failure } = routing;
				return { ok: false, dnsError: true, code: failure.code, hint: failure.hint, reason: `Could not check the domain of ${address}: ${failure.error}` };
			}
			const problem = mailRoutingProblem(domain, routing);
			return problem === undefined ? { ok: true } : { ok: false, reason: `${address} cannot receive mail: ${problem}` };
		},
	};
}
