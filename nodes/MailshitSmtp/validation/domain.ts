/**
 * The part of an address after the @.
 *
 * Rules, and where they come from:
 *  - letters, digits and hyphens only, no hyphen at either end of a label (RFC 5321 §4.1.2
 *    sub-domain / Let-dig / Ldh-str, RFC 1123 §2.1), so an underscore is refused: it is valid
 *    in some DNS records but never in a mail domain;
 *  - internationalized domains (`bücher.de`, `例子.广告`) are converted to their A-label form the way
 *    nodemailer converts them before sending (node's `url.domainToASCII`, UTS #46 / IDNA,
 *    RFC 5890–5891); a domain that does not convert, or a malformed `xn--` label, is refused;
 *  - every limit is measured on that A-label form, because DNS is where it applies: label ≤ 63,
 *    domain ≤ 253 characters (RFC 1035 §2.3.4; 255 octets on the wire = 253 in text);
 *  - no leading, trailing or doubled dot (RFC 5321 §4.1.2: Domain = sub-domain *("." sub-domain));
 *  - the top-level label is not all digits (RFC 3696 §2), which also keeps `user@1.2.3.4` out;
 *  - at least one dot, unless the caller allows single-label domains (`user@localhost`, which local
 *    test servers such as Mailpit accept but no public MTA routes);
 *  - address literals `[192.0.2.1]` / `[IPv6:2001:db8::1]` (RFC 5321 §4.1.3) only when the caller
 *    allows them: public mail servers rarely accept them, they skip the domain checks above, and in a recipient
 *    field they are far more often a mistake or an attempt to reach an internal host than intent.
 * Functions return the end of the sentence "Invalid email address: …", or undefined when fine.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export interface DomainRules {
	/** Accept `user@localhost` and other dot-less domains (local test servers). Default false. */
	allowSingleLabelDomain?: boolean;
	/** Accept `user@[192.0.2.1]` and `user@[IPv6:…]`. Default false. */
	allowDomainLiteral?: boolean;
}

export const MAX_DOMAIN_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

const LDH_OR_DOT = /^[A-Za-z0-9.-]$/;
const LDH_LABEL = /^[a-z0-9-]+$/;
const ALL_DIGITS = /^[0-9]+$/;
const SPACE = /^\p{Z}$/u;

export function domainProblem(domain: string, rules: DomainRules = {}): string | undefined {
	if (domain === '') return 'nothing after the @';
	if (domain.startsWith('[')) return domainLiteralProblem(domain, rules);

	const rawProblem = rawCharacterProblem(domain) ?? dotProblem(domain.split('.'));
	if (rawProblem) return rawProblem;
	// Checked before conversion: the WHATWG converter reads a numeric last label as an IPv4
	// address and fails, which would hide the real reason behind a vague one.
	const rawLabels = domain.split('.');
	if (ALL_DIGITS.test(rawLabels[rawLabels.length - 1])) return 'the top-level domain is all digits';

	const ace = domainToASCII(domain);
	if (ace === '') return 'the domain is not a valid internationalized domain name';
	return aceDomainProblem(ace, /[^\p{ASCII}]/u.test(domain), rules);
}

/** Checks the A-label (ASCII, lower-case) form of the domain. */
function aceDomainProblem(ace: string, wasConverted: boolean, rules: DomainRules): string | undefined {
	const labels = ace.split('.');
	const structure = dotProblem(labels);
	if (structure) return structure;
	const encoded = wasConverted ? ' (after IDN encoding)' : '';
	for (const label of labels) {
		if (label.length > MAX_LABEL_LENGTH) return `a domain label is longer than ${MAX_LABEL_LENGTH} characters${encoded}`;
		// UTS #46 maps some non-ASCII characters onto ASCII symbols (fullwidth `＿` becomes `_`).
		if (!LDH_LABEL.test(label)) return 'the domain may only contain letters, digits, hyphens and dots';
		if (label.startsWith('-') || label.endsWith('-')) return 'a domain label starts or ends with a hyphen';
	}
	if (ace.length > MAX_DOMAIN_LENGTH) return `the domain is longer than ${MAX_DOMAIN_LENGTH} characters${encoded}`;
	if (labels.length < 2 && !rules.allowSingleLabelDomain) return 'the domain has no dot (expected something like example.com)';
	return undefined;
}

function rawCharacterProblem(domain: string): string | undefined {
	for (const char of domain) {
		if (LDH_OR_DOT.test(char)) continue;
		if (char === ' ' || char === '\t' || SPACE.test(char)) return 'the domain contains a space';
		if (char === '<' || char === '>') return 'it contains < or >';
		// Non-ASCII is left to IDNA. ASCII symbols are refused here and not left to the
		// converter, which would percent-decode `ex%61mple.com` into `example.com`.
		if (char.charCodeAt(0) < 0x80) return `the domain contains ${JSON.stringify(char)}`;
	}
	return undefined;
}

function dotProblem(labels: string[]): string | undefined {
	if (labels[0] === '') return 'the domain starts with a dot';
	if (labels[labels.length - 1] === '') return 'the domain ends with a dot';
	if (labels.includes('')) return 'the domain has two dots in a row';
	return undefined;
}

function domainLiteralProblem(domain: string, rules: DomainRules): string | undefined {
	if (!rules.allowDomainLiteral) return 'IP address literals like [192.0.2.1] are not accepted';
	if (!domain.endsWith(']')) return 'the [ after the @ is not closed';
	const inner = domain.slice(1, -1);
	// RFC 5321 §4.1.3: IPv6-address-literal = "IPv6:" IPv6-addr. A zone id (`%eth0`) is not part
	// of IPv6-addr; node's isIPv6 would accept it.
	const isValid = /^ipv6:/i.test(inner) ? isIPv6(inner.slice(5)) && !inner.includes('%') : isIPv4(inner);
	return isValid ? undefined : 'the IP address in brackets is not a valid IPv4 or IPv6 address';
}
