import type { INodeProperties } from 'n8n-workflow';
import { dnsOptionFields } from './dnsOptions.fields';

/** Verify Address: one address per item, and the DNS options. */
export const verifyFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@email.com',
		description: "The address to verify, one per item: usually an expression that reads the item's address field",
	},
	{
		displayName: 'Options',
		name: 'verifyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...dnsOptionFields],
	},
];
