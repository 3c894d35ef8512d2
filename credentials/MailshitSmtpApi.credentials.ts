import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { dkimFields } from './dkim.fields';
import { PROVIDER_PRESETS } from './providers';

/** Host and port are typed by the user only for these providers; the others have a fixed endpoint. */
const typedEndpoint = ['custom', 'localCatcher'];

const providerNotices: INodeProperties[] = PROVIDER_PRESETS.map((preset) => ({
	displayName: preset.guidance,
	name: `${preset.id}Notice`,
	type: 'notice',
	default: '',
	displayOptions: { show: { provider: [preset.id] } },
}));

export class MailshitSmtpApi implements ICredentialType {
	name = 'mailshitSmtpApi';

	// the brand is written in lower case on purpose
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-miscased
	displayName = 'mailshit SMTP';

	icon = { light: 'file:../icons/mailshit.svg', dark: 'file:../icons/mailshit.dark.svg' } as const;

	documentationUrl = 'https://github.com/mailshit/n8n-nodes-mailshit#the-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			default: 'custom',
			description: 'Pick a provider to fill in host, port and TLS for you',
			options: PROVIDER_PRESETS.map((preset) => ({ name: preset.label, value: preset.id })),
		},
		...providerNotices,
		{
			displayName: 'SMTP Host',
			name: 'host',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'smtp.example.com',
			description: 'Server name only, without smtp:// or a port, e.g. smtp.gmail.com or mail.mycompany.com',
			displayOptions: { show: { provider: ['custom'] } },
		},
		{
			displayName: 'SMTP Port',
			name: 'port',
			type: 'number',
			default: 587,
			description: '587 or 2525: STARTTLS (Secure off). 465: implicit TLS (Secure on). 25: unencrypted relay, often blocked.',
			displayOptions: { show: { provider: ['custom'] } },
		},
		{
			// The catcher has fields of its own rather than a second "host"/"port": the n8n editor
			// takes a new form's value from the first field of a name, and saves no value equal to
			// the shown field's default, so a same-named twin could neither prefill nor survive a reopen.
			displayName: 'SMTP Host',
			name: 'catcherHost',
			type: 'string',
			required: true,
			default: 'localhost',
			placeholder: 'localhost',
			description: 'Where the catcher listens. From n8n in Docker use its service name, e.g. mailpit.',
			displayOptions: { show: { provider: ['localCatcher'] } },
		},
		{
			displayName: 'SMTP Port',
			name: 'catcherPort',
			type: 'number',
			default: 1025,
			description: 'MailDev, Mailpit, Mailhog and MailCatcher listen on 1025 by default',
			displayOptions: { show: { provider: ['localCatcher'] } },
		},
		{
			displayName: 'Secure (SSL/TLS)',
			name: 'secure',
			type: 'boolean',
			default: false,
			description:
				'Whether to use implicit TLS from the first byte (port 465). Leave off for 587/2525/25: the connection starts plain and upgrades with STARTTLS.',
			displayOptions: { show: { provider: ['custom'] } },
		},
		{
			displayName: 'STARTTLS',
			name: 'startTls',
			type: 'options',
			default: 'opportunistic',
			description: 'Upgrade of a plain connection to TLS',
			options: [
				{
					name: 'Opportunistic',
					value: 'opportunistic',
					description: 'Upgrade when the server offers STARTTLS, stay plain otherwise',
				},
				{
					name: 'Required',
					value: 'required',
					description: 'Fail unless the server offers STARTTLS: nothing is ever sent unencrypted',
				},
				{
					name: 'Disabled',
					value: 'disabled',
					description: 'Never upgrade (only for a trusted local relay)',
				},
			],
			displayOptions: { show: { provider: typedEndpoint, secure: [false] } },
		},
		{
			displayName: 'Username',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'you@example.com',
			description: 'Leave Username and Password empty for servers without login (MailDev, Mailpit, Mailhog, local relays)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'For Gmail and Outlook with 2-step verification: an App Password, not your normal password',
		},
		{
			displayName: 'From Email',
			name: 'fromEmail',
			type: 'string',
			default: '',
			placeholder: 'hello@yourdomain.com',
			description: 'Default sender for every node using this credential; the connection test checks that the server accepts it',
		},
		{
			displayName: 'From Name',
			name: 'fromName',
			type: 'string',
			default: '',
			placeholder: 'Your Company',
			description: 'Display name shown with the From Email (optional)',
		},
		{
			displayName: 'Allow Self-Signed Certificates',
			name: 'allowSelfSigned',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept TLS certificates that cannot be verified (self-signed, expired, other host name). Insecure: only for a server you control. Applies to the connection test too.',
		},
		{
			displayName: 'CA Certificate (PEM)',
			name: 'caBundle',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: "PEM certificate of a private CA to trust, for relays signed by your company's CA (safer than allowing self-signed)",
			displayOptions: { show: { provider: typedEndpoint } },
		},
		{
			displayName: 'Client Host Name',
			name: 'clientHostName',
			type: 'string',
			default: '',
			placeholder: 'n8n.example.com',
			description:
				"Name sent in EHLO. Leave empty to use this machine's host name; set it when the server rejects container names such as 3f9a1c2b.",
		},
		{
			displayName: 'Connection Timeout (Seconds)',
			name: 'connectionTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 10,
			description: 'How long to wait to connect, for the greeting, and for each reply',
		},
		...dkimFields,
	];
}
