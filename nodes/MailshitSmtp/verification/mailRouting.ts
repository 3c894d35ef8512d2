/**
 * Can this domain receive mail, and where would it go? The rules a sending MTA follows:
 *
 *  - MX records name the mail exchangers (RFC 5321 §5.1);
 *  - a null MX — one MX whose exchange is the root `.` (RFC 7505 §3) — says the domain accepts
 *    no mail at all; being an MX record, it also rules out the A/AAAA fallback below (RFC 7505);
 *  - no MX records at all (NOERROR, empty answer): the domain itself is the mail host if it has an
 *    address, A or AAAA — the "implicit MX" of RFC 5321 §5.1; with neither, nothing receives mail;
 *  - NXDOMAIN: the domain does not exist;
 *  - a lookup that got no answer (timeout, SERVFAIL, REFUSED) decides nothing: it is reported as
 *    such and never as "no mail" — a DNS hiccup must not turn a good address into a bad one.
 */
import type { DnsFailure } from './dnsFailures';
import type { DnsLookup, MxRecord } from './dnsLookup';

export type MailRouting =
	| { kind: 'mx'; exchanges: string[] }
	| { kind: 'implicit-mx'; record: 'A' | 'AAAA' }
	| { kind: 'null-mx' }
	| { kind: 'no-mail-host' }
	| { kind: 'no-such-domain' }
	| { kind: 'dns-failed'; failure: DnsFailure };

/** `domain` is in A-label (ASCII) form: that is what DNS holds. */
export async function resolveMailRouting(domain: string, lookup: DnsLookup): Promise<MailRouting> {
	const mx = await lookup.mx(domain);
	if (mx.kind === 'failed') return { kind: 'dns-failed', failure: mx.failure };
	if (mx.kind === 'nxdomain') return { kind: 'no-such-domain' };
	if (mx.kind === 'records') return routingFromMx(mx.records);

	for (const record of ['A', 'AAAA'] as const) {
		const address = await lookup.addresses(record, domain);
		if (address.kind === 'failed') return { kind: 'dns-failed', failure: address.failure };
		if (address.kind === 'records') return { kind: 'implicit-mx', record };
		// the name vanished between the two queries: trust the newer answer
		if (address.kind === 'nxdomain') return { kind: 'no-such-domain' };
	}
	return { kind: 'no-mail-host' };
}

/**
 * RFC 7505 §3 defines the null MX as the only MX record. A zone that (against §3) lists `.` next
 * to real exchangers still has those exchangers, so `.` is dropped and the rest are used; only
 * when nothing but `.` remains does the domain refuse mail.
 */
function routingFromMx(records: MxRecord[]): MailRouting {
	const exchanges = records
		.filter((record) => record.exchange !== '' && record.exchange !== '.')
		.sort((a, b) => a.priority - b.priority)
		.map((record) => record.exchange);
	return exchanges.length ? { kind: 'mx', exchanges } : { kind: 'null-mx' };
}

/** Why mail to `domain` cannot be delivered, or undefined when it can (or when DNS did not say). */
export function mailRoutingProblem(domain: string, routing: MailRouting): string | undefined {
	switch (routing.kind) {
		case 'no-such-domain':
			return `the domain ${domain} does not exist (NXDOMAIN)`;
		case 'null-mx':
			return `the domain ${domain} accepts no mail (it publishes a null MX, RFC 7505)`;
		case 'no-mail-host':
			return `the domain ${domain} has no MX, A or AAAA record, so no server receives its mail`;
		default:
			return undefined;
	}
}
