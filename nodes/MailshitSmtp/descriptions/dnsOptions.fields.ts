import type { INodeProperties } from 'n8n-workflow';

/**
 * DNS settings, shared by Verify Address and Send's "Verify Recipient Domain": entries for an
 * Options collection, read with verification/dnsOptions.ts readDnsOptions.
 */
export const dnsOptionFields: INodeProperties[] = [
	{
		displayName: 'DNS Servers',
		name: 'dnsServers',
		type: 'string',
		default: '',
		placeholder: '1.1.1.1, 192.168.1.53:5353',
		description:
			"Resolvers to ask instead of the system's: comma-separated IP addresses, each with an optional port. Empty = the resolvers of the machine n8n runs on.",
	},
	{
		displayName: 'DNS Timeout (Seconds)',
		name: 'dnsTimeout',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0.05, maxValue: 60, numberPrecision: 2 },
		description: 'How long one DNS lookup may take, retries included. A lookup without an answer is reported as a DNS error, never as an invalid address.',
	},
];
