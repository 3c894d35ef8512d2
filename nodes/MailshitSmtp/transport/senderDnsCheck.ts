/**
 * The connection test's look at the sender's domain: what the credential's DKIM settings imply,
 * then the DKIM, SPF and DMARC records as receivers would read them. Every lookup runs at once,
 * each bounded by the DNS timeout Verify Address uses, so the whole look costs at most one timeout.
 */
import { domainToASCII } from 'node:url';
import { dkimRecordName } from '../smtp/dkim/dkimSettings';
import { dmarcLookupNames } from '../smtp/dkim/mailDnsRecords';
import { dkimRecordFinding, dkimSetupFindings, dmarcFindings, spfFinding } from '../smtp/dkim/senderFindings';
import type { SmtpSettings } from '../smtp/settings';
import { domainOf } from '../validation/addresses';
import { domainProblem } from '../validation/domain';
import { createDnsLookup, DEFAULT_DNS_TIMEOUT_MS } from '../verification/dnsLookup';

/** The From Email's domain in A-label form, when it is one DNS can be asked about. */
function fromDomainOf(fromEmail: string): string | undefined {
	if (!fromEmail.includes('@')) return undefined;
	const domain = domainOf(fromEmail);
	return domainProblem(domain) ? undefined : domainToASCII(domain);
}

/**
 * Sentences for the test's answer, problems as "Warning: …". The domain looked up is the From
 * Email's, else the DKIM domain. A local mail catcher delivers nothing, so its sender's DNS is
 * looked up only when it signs.
 */
export async function senderDomainFindings(settings: SmtpSettings, timeoutMs = DEFAULT_DNS_TIMEOUT_MS): Promise<string[]> {
	const fromDomain = fromDomainOf(settings.fromEmail);
	const { dkim, senderDnsCheck } = settings;
	const findings = dkim ? dkimSetupFindings(dkim, fromDomain) : [];
	const senderDomain = fromDomain ?? dkim?.domain;
	const looksUp = senderDnsCheck.enabled && senderDomain && (dkim || settings.provider !== 'localCatcher');
	if (!looksUp) return findings;

	const lookup = createDnsLookup({ servers: senderDnsCheck.servers, timeoutMs });
	const dmarcNames = dmarcLookupNames(senderDomain);
	// started together, read in order (a lookup reports a failure, it never rejects)
	const dkimAnswer = dkim && lookup.txt(dkimRecordName(dkim));
	const spfAnswer = lookup.txt(senderDomain);
	const dmarcAnswers = Promise.all(dmarcNames.map(async (name) => ({ name, answer: await lookup.txt(name) })));
	if (dkim && dkimAnswer) findings.push(dkimRecordFinding(dkim, await dkimAnswer));
	findings.push(spfFinding(senderDomain, await spfAnswer));
	findings.push(...dmarcFindings(senderDomain, await dmarcAnswers, dkim));
	return findings;
}
