import { generateKeyPairSync } from 'node:crypto';
import { readSenderDomainSettings } from '../../../../nodes/MailshitSmtp/smtp/dkim/dkimSettings';
import { ConfigurationError } from '../../../../nodes/MailshitSmtp/shared/configurationError';

const PEM = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signing = (fields: Record<string, unknown>) => ({ dkimSign: true, dkimDomain: 'example.com', dkimSelector: 'mail2025', dkimPrivateKey: PEM, ...fields });

function problem(data: Record<string, unknown>): { field: string; message: string } | undefined {
	try {
		readSenderDomainSettings(data);
		return undefined;
	} catch (error) {
		if (!(error instanceof ConfigurationError)) throw error;
		return { field: error.field, message: error.message };
	}
}

describe('DKIM fields: read only when DKIM Signing is on', () => {
	it('off (or a credential saved before DKIM existed): no DKIM, whatever hidden fields still hold', () => {
		expect(readSenderDomainSettings({ dkimDomain: 'not a domain', dkimPrivateKey: 'junk' })).toEqual({ senderDnsCheck: { enabled: true, servers: [] } });
		expect(readSenderDomainSettings({ dkimSign: false, dkimSelector: 'bad_selector' }).dkim).toBeUndefined();
	});

	it.each([
		['as typed', 'example.com', 'mail2025', 'example.com', 'mail2025'],
		['upper case, spaces and the trailing dot of a DNS tool', ' Example.COM. ', ' Mail2025 ', 'example.com', 'mail2025'],
		['an internationalized domain in its A-label form', 'bücher.example', 's1', 'xn--bcher-kva.example', 's1'],
		['a dotted selector', 'example.com', 'eu.2025-01', 'example.com', 'eu.2025-01'],
	])('on: domain and selector %s', (_case, dkimDomain, dkimSelector, domain, selector) => {
		const { dkim } = readSenderDomainSettings(signing({ dkimDomain, dkimSelector }));
		expect(dkim).toMatchObject({ domain, selector, key: { algorithm: 'ed25519' } });
	});
});

describe('DKIM fields that can never sign: the field and the fix', () => {
	it.each([
		[{ dkimDomain: '' }, 'DKIM Domain', 'DKIM Domain is empty: enter the domain you sign for, usually the one of your From Email, e.g. example.com'],
		[{ dkimDomain: 'news@example.com' }, 'DKIM Domain', 'DKIM Domain "news@example.com" is an address: enter only the domain after the @, e.g. example.com'],
		[{ dkimDomain: 'example' }, 'DKIM Domain', 'DKIM Domain "example" is not a domain name: the domain has no dot (expected something like example.com)'],
		[{ dkimDomain: 'exa mple.com' }, 'DKIM Domain', 'DKIM Domain "exa mple.com" is not a domain name: the domain contains a space'],
		[{ dkimSelector: '' }, 'DKIM Selector', 'DKIM Selector is empty: enter the name the public key is published under, e.g. mail2025 for mail2025._domainkey.example.com'],
		[{ dkimSelector: 'mail_2025' }, 'DKIM Selector', 'DKIM Selector "mail_2025" contains "_", which a selector may not: use letters, digits and hyphens (e.g. mail2025)'],
		[{ dkimSelector: 'mail 2025' }, 'DKIM Selector', 'DKIM Selector "mail 2025" contains " ", which a selector may not: use letters, digits and hyphens (e.g. mail2025)'],
		[{ dkimSelector: 's1._domainkey.example.com' }, 'DKIM Selector', 'DKIM Selector "s1._domainkey.example.com" is the whole record name: enter only the part before ._domainkey (here "s1")'],
		[{ dkimSelector: 'a..b' }, 'DKIM Selector', 'DKIM Selector "a..b" has an empty part between dots: write it like mail2025 or mail.2025'],
		[{ dkimSelector: '-mail' }, 'DKIM Selector', 'DKIM Selector "-mail" has a part that starts or ends with a hyphen or is longer than 63 characters'],
		[{ dkimSelector: 'x'.repeat(64) }, 'DKIM Selector', `DKIM Selector "${'x'.repeat(64)}" has a part that starts or ends with a hyphen or is longer than 63 characters`],
		[{ dkimSelector: Array(5).fill('x'.repeat(60)).join('.') }, 'DKIM Selector', expect.stringContaining('makes the record name longer than 253 characters: use a shorter one')],
		[{ dkimPrivateKey: '  ' }, 'DKIM Private Key', 'DKIM Private Key is empty: paste the PEM private key, or switch DKIM Signing off'],
		[{ dkimPrivateKey: 'hunter2' }, 'DKIM Private Key', expect.stringContaining('DKIM Private Key is not a PEM key')],
	])('%j', (fields, field, message) => {
		expect(problem(signing(fields))).toEqual({ field, message });
	});
});

describe('the sender-DNS check', () => {
	it.each([
		[{}, { enabled: true, servers: [] }],
		[{ checkSenderDns: false, senderDnsServers: 'not read' }, { enabled: false, servers: [] }],
		[{ checkSenderDns: true, senderDnsServers: '1.1.1.1, 127.0.0.1:5353' }, { enabled: true, servers: ['1.1.1.1', '127.0.0.1:5353'] }],
	])('%j → %j', (data, senderDnsCheck) => {
		expect(readSenderDomainSettings(data).senderDnsCheck).toEqual(senderDnsCheck);
	});

	it('a resolver given by name is refused: it could not be looked up with itself', () => {
		expect(problem({ senderDnsServers: 'dns.google' })).toEqual({
			field: 'DNS Servers',
			message: 'DNS Servers: "dns.google" is not an IP address (write 1.1.1.1, 127.0.0.1:5353 or [2001:db8::1]:53; host names cannot be used)',
		});
	});
});
