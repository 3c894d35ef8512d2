/**
 * DMARC alignment of the DKIM signature with the From address (RFC 7489 §3.1.1): a receiver
 * applies the domain's DMARC policy to a message whose valid signature is for another domain as if
 * it were unsigned. Strict alignment wants the same domain; relaxed (the default) the same
 * organizational domain.
 *
 * The organizational domain needs the Public Suffix List, which this package does not ship: so a
 * signing domain counts as aligned when it equals the From domain or one is a subdomain of the
 * other (`example.com` signing for `news.example.com`), which is how DKIM is set up in practice.
 * Two sibling subdomains (`a.example.com` signing for `b.example.com`) are reported as not
 * aligned, although relaxed DMARC would accept them: signing with the parent domain avoids both
 * that warning and the question.
 */
import { domainToASCII } from 'node:url';

type Alignment = 'strict' | 'relaxed' | 'none';

export function dkimAlignment(signingDomain: string, fromDomain: string): Alignment {
	const signing = domainToASCII(signingDomain) || signingDomain.toLowerCase();
	const from = domainToASCII(fromDomain) || fromDomain.toLowerCase();
	if (signing === from) return 'strict';
	if (from.endsWith(`.${signing}`) || signing.endsWith(`.${from}`)) return 'relaxed';
	return 'none';
}

/** The sentence for a From domain the signature does not align with, with the fix; undefined when aligned. */
export function misalignmentWarning(signingDomain: string, fromDomain: string, where: string): string | undefined {
	if (dkimAlignment(signingDomain, fromDomain) !== 'none') return undefined;
	return `DKIM signs for ${signingDomain} but ${where} is at ${fromDomain}, so DMARC treats the mail as unsigned: send from an address at ${signingDomain}, or set DKIM Domain to ${fromDomain} and publish its key there`;
}
