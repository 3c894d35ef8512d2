/**
 * mailshit's `/verify` for one address: format, domain, MX, disposable and role checks.
 *
 *   verifyAddress('ada@example.com', routes) → { ok: true, value: { email, verification: { valid, format, … } } }
 *
 * `valid` is true when every check passes: the format is right, the domain exists and receives
 * mail, and the address is neither disposable nor a role account. When the format is wrong no
 * other check runs and every other flag is false: a malformed address has no domain to look up.
 * A DNS lookup that got no answer (timeout, SERVFAIL, …) gives `ok: false` with the failure
 * instead of flags, because `domain: false, mxRecords: false` would claim the domain was judged.
 */
import { domainToASCII } from 'node:url';
import { fail, ok, type Result } from '../shared/result';
import { domainOf, validateAddress } from '../validation/addresses';
import type { DnsFailure } from './dnsFailures';
import { isDisposableDomain } from './disposableDomains';
import type { MailRoutingCache } from './mailRoutingCache';
import { isRoleAccount } from './roleAccounts';

/** The `verification` object of a Verify Address output item: exactly these six flags. */
export interface Verification {
	valid: boolean;
	format: boolean;
	domain: boolean;
	mxRecords: boolean;
	disposable: boolean;
	role: boolean;
}

export type AddressVerification = Result<{ email: string; verification: Verification }, { email: string; domain: string; failure: DnsFailure }>;

const MALFORMED: Verification = { valid: false, format: false, domain: false, mxRecords: false, disposable: false, role: false };

/** `email` is one bare address, already trimmed (see readAddressInput). */
export async function verifyAddress(email: string, routes: MailRoutingCache): Promise<AddressVerification> {
	const format = validateAddress(email);
	if (!format.ok) return ok({ email, verification: { ...MALFORMED } });

	const domain = domainOf(email);
	const localPart = email.slice(0, email.length - domain.length - 1);
	const asciiDomain = domainToASCII(domain);

	const routing = await routes.routing(asciiDomain);
	if (routing.kind === 'dns-failed') return fail({ email, domain, failure: routing.failure });

	const verification: Verification = {
		valid: false,
		format: true,
		domain: routing.kind !== 'no-such-domain',
		mxRecords: routing.kind === 'mx' || routing.kind === 'implicit-mx',
		disposable: isDisposableDomain(asciiDomain),
		role: isRoleAccount(localPart),
	};
	verification.valid = verification.domain && verification.mxRecords && !verification.disposable && !verification.role;
	return ok({ email, verification });
}
