import type { INodeProperties } from 'n8n-workflow';

const ADDRESS_FORMS = 'Comma-separated, an array from an expression, or "Name <address>"';

/** Who the email goes to. Item fields _to, _cc, _bcc and _replyTo override these (see Options). */
export const recipientFields: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'toEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ada@example.com, Bob <bob@example.com>',
		description: `Recipients. ${ADDRESS_FORMS}. An item field _to replaces this.`,
	},
	{
		displayName: 'Additional Recipients and Sender',
		name: 'addressing',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'BCC',
				name: 'bccEmail',
				type: 'string',
				default: '',
				description: `Blind copies. ${ADDRESS_FORMS}. An item field _bcc replaces this.`,
			},
			{
				displayName: 'CC',
				name: 'ccEmail',
				type: 'string',
				default: '',
				description: `Copies. ${ADDRESS_FORMS}. An item field _cc replaces this.`,
			},
			{
				displayName: 'From Email',
				name: 'fromEmail',
				type: 'string',
				default: '',
				placeholder: 'news@yourdomain.com',
				description: "Sender address; the credential's From Email when empty",
			},
			{
				displayName: 'From Name',
				name: 'fromName',
				type: 'string',
				default: '',
				placeholder: 'Your Company',
				description: "Sender display name; the credential's From Name when empty",
			},
			{
				displayName: 'Reply-To',
				name: 'replyTo',
				type: 'string',
				default: '',
				description: `Where replies go. ${ADDRESS_FORMS}. An item field _replyTo replaces this.`,
			},
		],
	},
];
