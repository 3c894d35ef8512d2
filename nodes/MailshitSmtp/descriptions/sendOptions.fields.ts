import type { INodeProperties } from 'n8n-workflow';
import { DELIVERY_NUMBERS } from '../actions/send/deliverySettings';
import { dnsOptionFields } from './dnsOptions.fields';
import { emailFilesOption, urlSchemesOption } from './emailOutput.fields';

/** Everything about a send that most workflows leave at its default. */
export const sendOptionFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Apply Item Overrides',
				name: 'useItemOverrides',
				type: 'boolean',
				default: true,
				description: 'Whether fields named _to, _cc, _bcc, _replyTo and _subject in the input item replace the values set on this node',
			},
			{
				displayName: 'Attachments',
				name: 'attachments',
				type: 'string',
				default: '',
				placeholder: 'data, invoice',
				description: 'Names of binary properties to attach, comma-separated (or an array from an expression)',
			},
			{
				displayName: 'Custom Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Header',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'X-Campaign' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			...dnsOptionFields.map((field) => ({
				...field,
				description: `${field.description} Used by Verify Recipient Domain.`,
			})),
			emailFilesOption('none'),
			{
				displayName: 'Inline Images',
				name: 'inlineImages',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Inline Image',
				description: 'Binary properties embedded in the HTML: reference them as &lt;img src="cid:logo"&gt;',
				options: [
					{
						displayName: 'Image',
						name: 'image',
						values: [
							{ displayName: 'Binary Property', name: 'binaryProperty', type: 'string', default: 'data' },
							{
								displayName: 'Content ID',
								name: 'cid',
								type: 'string',
								default: '',
								placeholder: 'logo',
								description: 'The name used in src="cid:…"',
							},
						],
					},
				],
			},
			{
				displayName: 'List-Unsubscribe',
				name: 'listUnsubscribe',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Unsubscribe Link',
				description: 'Adds the List-Unsubscribe header Gmail and Yahoo require for bulk senders',
				options: [
					{
						displayName: 'Unsubscribe',
						name: 'link',
						values: [
							{
								displayName: 'URL',
								name: 'url',
								type: 'string',
								default: '',
								placeholder: 'https://example.com/unsubscribe?u={{subscriber}}',
								description: 'HTTPS link; may use {{variables}}',
							},
							{
								displayName: 'Email',
								name: 'email',
								type: 'string',
								default: '',
								placeholder: 'unsubscribe@example.com',
								description: 'Mailbox that unsubscribes whoever writes to it (sent as mailto:)',
							},
							{
								displayName: 'One-Click (RFC 8058)',
								name: 'oneClick',
								type: 'boolean',
								default: true,
								description: 'Whether to add List-Unsubscribe-Post for one-click unsubscribe; needs an HTTPS URL that accepts POST',
							},
						],
					},
				],
			},
			{
				displayName: 'Log Each Sent Message',
				name: 'logSentMessages',
				type: 'boolean',
				default: true,
				description:
					"Whether to write to n8n's log every message the server accepted (its Message-ID, recipients and execution; messages accepted together share a line), on the instance that sent it: who has the email is known even when the execution's output is lost, e.g. a queue-mode worker that died mid-run",
			},
			{
				displayName: 'Max Attachment Size (MB)',
				name: 'maxAttachmentSizeMb',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 25,
				description: 'Refuse an item whose attachments add up to more than this (most providers stop at 25 MB); 0 = no limit',
			},
			{
				displayName: 'Max Connections',
				name: 'maxConnections',
				type: 'number',
				typeOptions: { minValue: DELIVERY_NUMBERS.maxConnections.min, maxValue: DELIVERY_NUMBERS.maxConnections.max },
				default: 5,
				description: 'SMTP connections used in parallel, all from one pool that lives for the execution',
			},
			{
				displayName: 'Messages per Second',
				name: 'messagesPerSecond',
				type: 'number',
				typeOptions: { minValue: DELIVERY_NUMBERS.messagesPerSecond.min, maxValue: DELIVERY_NUMBERS.messagesPerSecond.max },
				default: 0,
				description: 'Evenly spaced sending for providers with quotas (Gmail, Microsoft 365); 0 = unlimited',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'normal',
				options: [
					{ name: 'High', value: 'high' },
					{ name: 'Normal', value: 'normal' },
					{ name: 'Low', value: 'low' },
				],
			},
			{
				displayName: 'Resend When Delivery Is Uncertain',
				name: 'resendUncertain',
				type: 'boolean',
				default: false,
				description:
					'Whether to resend a message when the connection drops after the whole message was sent but before the server confirmed it. Off: such an item is reported as send_failed and never duplicated (at-most-once). On: it is retried and may arrive twice (at-least-once).',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: DELIVERY_NUMBERS.retries.min, maxValue: DELIVERY_NUMBERS.retries.max },
				default: 2,
				description: 'Extra attempts, with backoff, for temporary failures (4xx replies, a connection lost before the server took the message): at most Retries + 1 attempts per message reach the server; permanent 5xx refusals are never retried',
			},
			{
				displayName: 'Retry Delay (Seconds)',
				name: 'retryDelaySeconds',
				type: 'number',
				typeOptions: { minValue: DELIVERY_NUMBERS.retryDelaySeconds.min, maxValue: DELIVERY_NUMBERS.retryDelaySeconds.max },
				default: 1,
				description: 'Wait before the first retry; it doubles for each further attempt, with random jitter',
			},
			urlSchemesOption,
			{
				displayName: 'Sent Log File',
				name: 'sentLogFile',
				type: 'string',
				default: '',
				placeholder: '/home/node/.n8n-files/mailshit-sent.jsonl',
				description:
					'Append a JSON line per message to this file as the execution runs: "sending" before it goes out, then "sent", "failed" or "uncertain". Lets you re-send only what a crashed run did not send. The folder must exist and be allowed by N8N_RESTRICT_FILE_ACCESS_TO; in queue mode put it on storage every worker shares.',
			},
			{
				displayName: 'Server Restart Tolerance (Seconds)',
				name: 'restartToleranceSeconds',
				type: 'number',
				typeOptions: { minValue: DELIVERY_NUMBERS.restartToleranceSeconds.min, maxValue: DELIVERY_NUMBERS.restartToleranceSeconds.max },
				default: 60,
				description:
					'Once the server has accepted a message in this run, how long to keep trying when it refuses connections or does not answer them (a restart), without using up Retries. The first connection of a run still fails at once when it is refused.',
			},
			{
				displayName: 'Validation Rules',
				name: 'validationRules',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Rule',
				description: 'Refuse an item (validation_failed) unless a variable matches a pattern',
				options: [
					{
						displayName: 'Rule',
						name: 'rule',
						values: [
							{
								displayName: 'Variable Name or ID',
								name: 'variable',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getTemplateVariables' },
								default: '',
								description:
									'A variable of the template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
							},
							{
								displayName: 'Pattern',
								name: 'pattern',
								type: 'string',
								default: '',
								placeholder: '^[A-Z]{2}-\\d+$',
								description: 'Regular expression the value must match',
							},
							{
								displayName: 'Message',
								name: 'message',
								type: 'string',
								default: '',
								placeholder: 'Order IDs look like AB-123',
								description: 'Error shown when the value does not match',
							},
						],
					},
				],
			},
			{
				displayName: 'Verify Recipient Domain',
				name: 'verifyRecipientDomain',
				type: 'boolean',
				default: false,
				description:
					'Whether to look up every To, CC and BCC domain in DNS before anything is sent, and refuse an address whose domain does not exist, publishes a null MX, or has no MX, A or AAAA record (one lookup per domain per execution)',
			},
		],
	},
];
