/**
 * The sentences for answers the loopback DNS integration tests do not serve; the common ones
 * (matching key, missing records, timeouts) are asserted in test/integration/credentialSenderDns.test.ts.
 */
import { readDkimSigningKey } from '../../../../nodes/MailshitSmtp/smtp/dkim/signingKey';
import { dkimRecordFinding, dmarcFindings, spfFinding } from '../../../../nodes/MailshitSmtp/smtp/dkim/senderFindings';
import type { DnsAnswer } from '../../../../nodes/MailshitSmtp/verification';
import { generateDkimKey } from '../../../helpers/dkim';

const records = (...list: string[]): DnsAnswer<string> => ({ kind: 'records', records: list });
const KEY = generateDkimKey('ed25519');
const parsed = readDkimSigningKey(KEY.privateKeyPem);
if (!parsed.ok) throw new Error(parsed.failure);
const DKIM = { domain: 'example.com', selector: 's1', key: parsed.value };

describe('DKIM record findings', () => {
	it.each([
		[records(KEY.record, 'v=DKIM1; k=rsa; p=MIIB'), `Warning: 2 DKIM records at s1._domainkey.example.com, and receivers read only one: keep just "${KEY.record}".`],
		[records('v=DKIM1; k=ed25519'), `Warning: the DKIM record at s1._domainkey.example.com is not valid (it has no p= (public key) tag): publish this key's record there: "${KEY.record}".`],
		[records('some-verification=1'), `Warning: no DKIM record at s1._domainkey.example.com, so receivers cannot verify the signature: publish this TXT record there: "${KEY.record}".`],
		[{ kind: 'nxdomain' } as const, `Warning: no DKIM record at s1._domainkey.example.com, so receivers cannot verify the signature: publish this TXT record there: "${KEY.record}".`],
	])('%j', (answer, finding) => {
		expect(dkimRecordFinding(DKIM, answer)).toBe(finding);
	});
});

describe('SPF findings', () => {
	it.each([
		[records('v=spf1 +all'), 'Warning: the SPF record for example.com ends in +all, which lets anyone send as example.com: end it with ~all or -all.'],
		[{ kind: 'nxdomain' } as const, 'Warning: example.com does not exist in DNS, so receivers refuse mail from it: send from a domain that exists.'],
		[{ kind: 'nodata' } as const, expect.stringMatching(/^Warning: no SPF record for example\.com: /)],
	])('%j', (answer, finding) => {
		expect(spfFinding('example.com', answer)).toEqual(finding);
	});
});

describe('DMARC findings', () => {
	const at = (name: string, answer: DnsAnswer<string>) => ({ name, answer });
	it.each([
		[[at('_dmarc.example.com', records('v=DMARC1; p=none', 'v=DMARC1; p=reject'))], ['Warning: 2 DMARC records at _dmarc.example.com, so receivers apply none: keep one.']],
		[[at('_dmarc.example.com', records('v=DMARC1; p=monitor'))], ['Warning: the DMARC record at _dmarc.example.com is ignored by receivers: p= must be none, quarantine or reject.']],
		// the subdomain policy applies to a subdomain that inherits the record
		[
			[at('_dmarc.news.example.com', { kind: 'nxdomain' }), at('_dmarc.example.com', records('v=DMARC1; p=reject; sp=none'))],
			['DMARC record found at _dmarc.example.com, covering news.example.com (p=none).'],
		],
	])('%j', (answers, findings) => {
		const fromDomain = answers[0].name.slice('_dmarc.'.length);
		expect(dmarcFindings(fromDomain, answers, undefined)).toEqual(findings);
	});
});
