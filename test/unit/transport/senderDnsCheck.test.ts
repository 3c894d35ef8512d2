/**
 * The sender-DNS look, against real DNS servers on 127.0.0.1: every lookup at once, so a resolver
 * that never answers costs one DNS timeout in all (proven on a fake clock), and findings still come.
 */
import { readSmtpSettings } from '../../../nodes/MailshitSmtp/smtp/settings';
import { senderDomainFindings } from '../../../nodes/MailshitSmtp/transport/senderDnsCheck';
import { DEFAULT_DNS_TIMEOUT_MS } from '../../../nodes/MailshitSmtp/verification';
import { smtpCredential } from '../../helpers/credentials';
import { dkimCredentialFields, generateDkimKey } from '../../helpers/dkim';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer';
import { fakeJsTimers, watch } from '../../helpers/fakeClock';

const KEY = generateDkimKey('ed25519');

let silent: TestDnsServer;
beforeAll(async () => {
	silent = await startDnsServer({}, { silent: true });
});
afterAll(() => silent.close());
afterEach(() => jest.useRealTimers());

// only DNS is asked: the credential's SMTP port is never dialled
function settings(fromEmail: string, servers: string) {
	return readSmtpSettings(smtpCredential(587, { fromEmail, checkSenderDns: true, senderDnsServers: servers, ...dkimCredentialFields('example.test', 's1', KEY) }));
}

describe('senderDomainFindings: bounded by the DNS timeout', () => {
	it(`a resolver that never answers costs ${DEFAULT_DNS_TIMEOUT_MS} ms once, not once per record, then every record is "not checked"`, async () => {
		fakeJsTimers();
		const findings = watch(senderDomainFindings(settings('news@mail.example.test', silent.address)));
		// DKIM, SPF, and DMARC for mail.example.test and example.test: four lookups, all out at once
		await silent.waitForQueries(4);
		expect(new Set(silent.queries.map((query) => query.name))).toEqual(
			new Set(['s1._domainkey.example.test', 'mail.example.test', '_dmarc.mail.example.test', '_dmarc.example.test']),
		);
		await jest.advanceTimersByTimeAsync(DEFAULT_DNS_TIMEOUT_MS - 1);
		expect(findings.settled).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(findings.settled).toBe(true);
		expect(findings.value).toEqual([
			'DKIM: every message is signed for example.test with selector s1 (Ed25519).',
			`Warning: DKIM record not checked (DNS timeout: DNS server ${silent.address} did not answer the TXT lookup for s1._domainkey.example.test within 5 s).`,
			`Warning: SPF record not checked (DNS timeout: DNS server ${silent.address} did not answer the TXT lookup for mail.example.test within 5 s).`,
			`Warning: DMARC record not checked (DNS timeout: DNS server ${silent.address} did not answer the TXT lookup for _dmarc.mail.example.test within 5 s).`,
		]);
	});
});
