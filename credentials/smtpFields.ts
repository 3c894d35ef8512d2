import type { INodeProperties } from 'n8n-workflow';

/**
 * The SMTP fields both credentials share (the password one and the OAuth2 one), so a field means
 * the same in either and a new one (signing, say) is added in one place. Each takes the provider
 * values that show it: a preset with a fixed endpoint hides what it fixes.
 */
const showFor = (providers: string[]) => ({ displayOptions: { show: { provider: providers } } });

/** One notice per provider, shown under the picker while that provider is chosen: its guidance. */
export function providerNotices(presets: ReadonlyArray<{ id: string; guidance: string }>): INodeProperties[] {
	return presets.map((preset) => ({
		displayName: preset.guidance,
		name: `${preset.id}Notice`,
		type: 'notice',
		default: '',
		...showFor([preset.id]),
	}));
}

export function hostField(providers: string[]): INodeProperties {
	return {
		displayName: 'SMTP Host',
		name: 'host',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'smtp.example.com',
		description: 'Server name only, without smtp:// or a port, e.g. smtp.gmail.com or mail.mycompany.com',
		...showFor(providers),
	};
}

export function portField(providers: string[]): INodeProperties {
	return {
		displayName: 'SMTP Port',
		name: 'port',
		type: 'number',
		default: 587,
		description: '587 or 2525: STARTTLS (Secure off). 465: implicit TLS (Secure on). 25: unencrypted relay, often blocked.',
		...showFor(providers),
	};
}

export function secureField(providers: string[]): INodeProperties {
	return {
		displayName: 'Secure (SSL/TLS)',
		name: 'secure',
		type: 'boolean',
		default: false,
		description:
			'Whether to use implicit TLS from the first byte (port 465). Leave off for 587/2525/25: the connection starts plain and upgrades with STARTTLS.',
		...showFor(providers),
	};
}

export function startTlsField(providers: string[]): INodeProperties {
	return {
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
		displayOptions: { show: { provider: providers, secure: [false] } },
	};
}

export const senderFields: INodeProperties[] = [
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
];

/** TLS trust, the EHLO name and the time limit; the CA field only where the user types the endpoint. */
export function sessionFields(typedEndpointProviders: string[]): INodeProperties[] {
	return [
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
			...showFor(typedEndpointProviders),
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
	];
}
