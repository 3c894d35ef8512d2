import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_DNS_TIMEOUT_MS, MAX_DNS_TIMEOUT_MS, MIN_DNS_TIMEOUT_MS } from '../verification';

/** The field is in seconds (5, from 0.05 to 60): the default and the bounds readDnsOptions applies. */
const DEFAULT_DNS_TIMEOUT_SECONDS = DEFAULT_DNS_TIMEOUT_MS / 1000;

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
		// a name, not `ms / 1000`: n8n's lint rule takes a literal or a name as `default`
		default: DEFAULT_DNS_TIMEOUT_SECONDS,
		typeOptions: { minValue: MIN_DNS_TIMEOUT_MS / 1000, maxValue: MAX_DNS_TIMEOUT_MS / 1000, numberPrecision: 2 },
		description: 'How long one DNS lookup may take, retries included. A lookup without an answer is reported as a DNS error, never as an invalid address.',
	},
];
