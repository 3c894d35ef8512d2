import type { INodeProperties } from 'n8n-workflow';

/**
 * DKIM signing and the connection test's sender-DNS check: the same fields on every mailshit SMTP
 * credential (password and OAuth2), read by nodes/MailshitSmtp/smtp/dkim/dkimSettings.ts.
 */
export const dkimFields: INodeProperties[] = [
	{
		displayName: 'DKIM Signing',
		name: 'dkimSign',
		type: 'boolean',
		default: false,
		description:
			"Whether to sign every message with your domain's DKIM key. Turn on when your server does not sign for you (Postfix, a self-hosted relay, many custom SMTP setups): Gmail and Yahoo put unsigned bulk mail in spam or refuse it.",
	},
	{
		displayName: 'DKIM Domain',
		name: 'dkimDomain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'example.com',
		description: "The domain you sign for (d=): your From Email's domain or a parent of it, so DMARC sees them aligned",
		displayOptions: { show: { dkimSign: [true] } },
	},
	{
		displayName: 'DKIM Selector',
		name: 'dkimSelector',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'mail2025',
		description: 'Names the DNS record that holds the public key: <selector>._domainkey.<domain>. Letters, digits and hyphens.',
		displayOptions: { show: { dkimSign: [true] } },
	},
	{
		displayName: 'DKIM Private Key (PEM)',
		name: 'dkimPrivateKey',
		type: 'string',
		typeOptions: { password: true, rows: 4 },
		required: true,
		default: '',
		placeholder: '-----BEGIN PRIVATE KEY-----',
		description: 'RSA (2048 bits recommended; 1024–4096 accepted) or Ed25519, unencrypted PEM. The README shows how to make one and the TXT record to publish.',
		displayOptions: { show: { dkimSign: [true] } },
	},
	{
		displayName: 'Check Sender DNS',
		name: 'checkSenderDns',
		type: 'boolean',
		default: true,
		description:
			"Whether the connection test also looks up the sender domain's DKIM, SPF and DMARC records and says what is missing. Findings are warnings: they never fail the test.",
	},
	{
		displayName: 'DNS Servers',
		name: 'senderDnsServers',
		type: 'string',
		default: '',
		placeholder: '1.1.1.1',
		description:
			"Resolvers for that check, as IP addresses with an optional port; empty = the system's. Use a public one when n8n's network sees an internal view of your domain.",
		displayOptions: { show: { checkSenderDns: [true] } },
	},
];
