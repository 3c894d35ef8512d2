/**
 * mailshit's `/verify` for one address: format, domain, MX, disposable and role checks.
 *
 *   verifyAddress('ada@example.com', routes) → { ok: true, email, verification: { valid, format, … } }
 *
 * `valid` is true when every check passes: the format is right, the domain exists and receives
 * mail, and the address is neither disposable nor a role account. When the format is wrong no
 * other check runs and every other flag is false: a malformed address has no domain to look up.
 * A DNS lookup that got no answer (timeout, SERVFAIL, …) gives `ok: false` with the failure
 * instead of flags, because `domain: false, mxRecords: false` would claim the domain was judged.
 */
import { domainToASCII } from 'node:url';
import { validateAddress } from '../validation/addresses';
import type { DnsFailure } from './dnsFailures';
import { isDisposableDomain } from './disposableDomains';
import { mailRoutingProblem } from './mailRouting';
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

export type AddressVerification =
	| {
			ok: true;
			email: string;
			verification: Verification;
			/** Why `valid` is false, as the end of a sentence; absent when valid. Not part of the output shape. */
			reason?: string;
	  }
	| { ok: false; email: string; domain: string; failure: DnsFailure };

const MALFORMED: Verification = { valid: false, format: false, domain: false, mxRecords: false, disposable: false, role: false };

/** `email` is one bare address, already trimmed (see readAddressInput). */
export async function verifyAddress(email: string, routes: MailRoutingCache): Promise<AddressVerification> {
	const format = validateAddress(email);
	if (!format.ok) return { ok: true, email, verification: { ...MALFORMED }, reason: format.reason };

	// A valid address has no @ in its domain; a quoted local part may hold one, so split at the last.
	const at = email.lastIndexOf('@');
	const localPart = email.slice(0, at);
	const domain = email.slice(at + 1);
	const asciiDomain = domainToASCII(domain);

	const routing = await routes.routing(asciiDomain);
	if (routing.kind === 'dns-failed') return { ok: false, email, domain, failure: routing.failure };

	const verification: Verification = {
		valid: false,
		format: true,
		domain: routing.kind !== 'no-such-domain',
		mxRecords: routing.kind === 'mx' || routing.kind === 'implicit-mx',
		disposable: isDisposableDomain(asciiDomain),
		role: isRoleAccount(localPart),
	};
	verification.valid = verification.domain && verification.mxRecords && !verification.disposable && !verification.role;
	const reason =
		mailRoutingProblem(domain, routing) ??
		(verification.disposable ? `${domain} is a disposable (throwaway) mail service` : undefined) ??
		(verification.role ? `${localPart}@ is a role account, not a person` : undefined);
	return reason === undefined ? { ok: true, email, verification } : { ok: true, email, verification, reason };
}
