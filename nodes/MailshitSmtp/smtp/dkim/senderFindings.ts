/**
 * What the connection test tells the user about the sender's domain: one sentence per finding,
 * problems as "Warning: …" with the fix. Made from the DKIM settings and from DNS answers already
 * fetched (transport/senderDnsCheck.ts asks); pure.
 *
 * None of this fails the test: a receiver's verdict on a domain is not the SMTP server's, and a
 * record published a minute ago may not have reached the resolver yet.
 */
import type { DnsAnswer } from '../../verification/dnsLookup';
import { dkimAlignment, misalignmentWarning } from './alignment';
import { dkimRecordName, type DkimSettings } from './dkimSettings';
import {
	dkimKeyRecords,
	dmarcRecords,
	judgeDkimRecord,
	parseDmarcRecord,
	spfAllowsEveryone,
	spfRecords,
	type DkimRecordVerdict,
} from './mailDnsRecords';
import { dkimRecordText, keyLabel, RECOMMENDED_RSA_BITS } from './signingKey';

type TxtAnswer = DnsAnswer<string>;

const warning = (sentence: string) => `Warning: ${sentence}.`;

function notChecked(what: string, answer: Extract<TxtAnswer, { kind: 'failed' }>): string {
	return warning(`${what} not checked (${answer.failure.error})`);
}

/** What the credential itself says about signing, before any DNS. */
export function dkimSetupFindings(dkim: DkimSettings, fromDomain: string | undefined): string[] {
	const findings = [`DKIM: every message is signed for ${dkim.domain} with selector ${dkim.selector} (${keyLabel(dkim.key)}).`];
	if (dkim.key.algorithm === 'rsa' && dkim.key.bits < RECOMMENDED_RSA_BITS) {
		findings.push(warning(`a ${dkim.key.bits}-bit RSA key still verifies, but Gmail and Yahoo ask for ${RECOMMENDED_RSA_BITS} bits: make a ${RECOMMENDED_RSA_BITS}-bit key and publish it under a new selector`));
	}
	const misaligned = fromDomain && misalignmentWarning(dkim.domain, fromDomain, 'From Email');
	if (misaligned) findings.push(warning(misaligned));
	return findings;
}

function dkimVerdictFinding(verdict: DkimRecordVerdict, name: string, dkim: DkimSettings): string {
	const publish = `publish this key's record there: "${dkimRecordText(dkim.key)}"`;
	switch (verdict.kind) {
		case 'matches':
			return `DKIM record at ${name} matches the private key.`;
		case 'revoked':
			return warning(`the DKIM record at ${name} is revoked (empty p=), so signatures fail: ${publish}`);
		case 'otherKey':
			return warning(`the DKIM record at ${name} holds another public key, so signatures fail: ${publish}, or set the selector whose key this is`);
		case 'otherAlgorithm':
			return warning(`the DKIM record at ${name} is for a k=${verdict.recordAlgorithm} key but the private key is ${keyLabel(dkim.key)}: ${publish}`);
		case 'invalid':
			return warning(`the DKIM record at ${name} is not valid (${verdict.reason}): ${publish}`);
	}
}

export function dkimRecordFinding(dkim: DkimSettings, answer: TxtAnswer): string {
	const name = dkimRecordName(dkim);
	if (answer.kind === 'failed') return notChecked('DKIM record', answer);
	const records = answer.kind === 'records' ? dkimKeyRecords(answer.records) : [];
	if (records.length === 0) {
		return warning(`no DKIM record at ${name}, so receivers cannot verify the signature: publish this TXT record there: "${dkimRecordText(dkim.key)}"`);
	}
	if (records.length > 1) return warning(`${records.length} DKIM records at ${name}, and receivers read only one: keep just "${dkimRecordText(dkim.key)}"`);
	return dkimVerdictFinding(judgeDkimRecord(records[0], dkim.key), name, dkim);
}

export function spfFinding(domain: string, answer: TxtAnswer): string {
	if (answer.kind === 'failed') return notChecked('SPF record', answer);
	if (answer.kind === 'nxdomain') return warning(`${domain} does not exist in DNS, so receivers refuse mail from it: send from a domain that exists`);
	const records = answer.kind === 'records' ? spfRecords(answer.records) : [];
	if (records.length === 0) {
		return warning(
			`no SPF record for ${domain}: Gmail and Yahoo require SPF and DKIM for bulk senders; publish a TXT record there naming the servers that send for it, e.g. "v=spf1 include:<your provider's SPF domain> ~all"`,
		);
	}
	if (records.length > 1) return warning(`${domain} has ${records.length} SPF records, which receivers treat as an error (permerror): merge them into one`);
	if (spfAllowsEveryone(records[0])) return warning(`the SPF record for ${domain} ends in +all, which lets anyone send as ${domain}: end it with ~all or -all`);
	return `SPF record found for ${domain}.`;
}

/**
 * `answers` are the DMARC lookups in dmarcLookupNames order (the From domain first, then its
 * parents); the most specific name with a record is the one receivers apply.
 */
export function dmarcFindings(fromDomain: string, answers: Array<{ name: string; answer: TxtAnswer }>, dkim: DkimSettings | undefined): string[] {
	const found = answers.find(({ answer }) => answer.kind === 'records' && dmarcRecords(answer.records).length > 0);
	if (!found) {
		const own = answers[0];
		if (own?.answer.kind === 'failed') return [notChecked('DMARC record', own.answer)];
		return [
			warning(
				`no DMARC record at _dmarc.${fromDomain}: Gmail and Yahoo require one for bulk senders; publish "v=DMARC1; p=none; rua=mailto:dmarc-reports@${fromDomain}" there to start`,
			),
		];
	}
	const records = dmarcRecords((found.answer as Extract<TxtAnswer, { kind: 'records' }>).records);
	if (records.length > 1) return [warning(`${records.length} DMARC records at ${found.name}, so receivers apply none: keep one`)];
	const parsed = parseDmarcRecord(records[0]);
	if (!parsed.ok) return [warning(`the DMARC record at ${found.name} is ignored by receivers: ${parsed.failure}`)];
	const inherited = found.name !== answers[0].name;
	const policy = inherited ? (parsed.value.subdomainPolicy ?? parsed.value.policy) : parsed.value.policy;
	const findings = [`DMARC record found at ${found.name}${inherited ? `, covering ${fromDomain}` : ''} (p=${policy}).`];
	if (dkim && parsed.value.dkimAlignment === 's' && dkimAlignment(dkim.domain, fromDomain) === 'relaxed') {
		findings.push(
			warning(`DMARC asks for strict DKIM alignment (adkim=s), so a signature for ${dkim.domain} does not count for ${fromDomain}: set DKIM Domain to ${fromDomain}, or relax the record to adkim=r`),
		);
	}
	return findings;
}
