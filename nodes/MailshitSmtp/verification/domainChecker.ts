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
import { fail, ok, type Result } from '../shared/result';
import { domainOf } from '../validation/addresses';
import { createDnsLookup, type DnsLookupOptions } from './dnsLookup';
import { mailRoutingProblem } from './mailRouting';
import { createMailRoutingCache } from './mailRoutingCache';

export type DomainCheckerOptions = DnsLookupOptions;

/** A domain that cannot receive mail; with `code` and `hint` when DNS gave no answer (timeout, SERVFAIL, …), so the domain was not judged. */
export interface UndeliverableDomain {
	error: string;
	/** node's DNS error code. */
	code?: string;
	hint?: string;
}

export type DomainCheck = Result<undefined, UndeliverableDomain>;

export interface DomainChecker {
	check(address: string): Promise<DomainCheck>;
}

export function createDomainChecker(options: DomainCheckerOptions = {}): DomainChecker {
	const routes = createMailRoutingCache(createDnsLookup(options));
	return {
		async check(address) {
			const domain = domainOf(address);
			// An address literal (user@[192.0.2.1]) names its host: there is no domain to look up.
			if (domain.startsWith('[')) return ok();
			const asciiDomain = domainToASCII(domain);
			if (asciiDomain === '') return fail({ error: `Invalid email address ${JSON.stringify(address)}: the domain is not valid` });

			const routing = await routes.routing(asciiDomain);
			if (routing.kind === 'dns-failed') {
				const { failure } = routing;
				return fail({ code: failure.code, hint: failure.hint, error: `Could not check the domain of ${address}: ${failure.error}` });
			}
			const problem = mailRoutingProblem(domain, routing);
			return problem === undefined ? ok() : fail({ error: `${address} cannot receive mail: ${problem}` });
		},
	};
}
