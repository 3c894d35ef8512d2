import type { INodeProperties } from 'n8n-workflow';
import { PAGE_CSS_VARIABLES } from '../actions/sendAndWait/pageLayout';
import { PAGE_LANGUAGES, phrasesFor } from '../actions/sendAndWait/phrases';
import { responseFields } from './sendAndWaitResponse.fields';
import { sendOptionFields } from './sendOptions.fields';

/** Send's options that make sense for one email: its delivery, headers, attachments and checks. */
const SEND_OPTIONS_FOR_ONE_EMAIL = new Set([
	'useItemOverrides',
	'attachments',
	'headers',
	'dnsServers',
	'dnsTimeout',
	'inlineImages',
	'maxAttachmentSizeMb',
	'priority',
	'resendUncertain',
	'retries',
	'retryDelaySeconds',
	'validationRules',
	'verifyRecipientDomain',
]);
const sendOptions = (sendOptionFields[0].options as INodeProperties[]).filter((option) => SEND_OPTIONS_FOR_ONE_EMAIL.has(option.name));

const waitOptions: INodeProperties[] = [
	{
		displayName: 'Limit Wait Time',
		name: 'limitWaitTime',
		type: 'fixedCollection',
		description: 'Whether the execution goes on without an answer after a while; it then outputs the input item with data.timedOut = true',
		default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Limit Type',
						name: 'limitType',
						type: 'options',
						default: 'afterTimeInterval',
						options: [
							{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Wait at most this long' },
							{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Wait until this date and time' },
						],
					},
					{
						displayName: 'Amount',
						name: 'resumeAmount',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 1,
						displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					},
					{
						displayName: 'Unit',
						name: 'resumeUnit',
						type: 'options',
						default: 'hours',
						options: [
							{ name: 'Minutes', value: 'minutes' },
							{ name: 'Hours', value: 'hours' },
							{ name: 'Days', value: 'days' },
						],
						displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					},
					{
						displayName: 'Max Date and Time',
						name: 'maxDateAndTime',
						type: 'dateTime',
						default: '',
						description: "In the workflow's time zone",
						displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Append Attribution',
		name: 'appendAttribution',
		type: 'boolean',
		default: true,
		description: 'Whether to end the email and the response pages with "This message was sent automatically with n8n"',
	},
	{
		displayName: 'Page Language',
		name: 'pageLanguage',
		type: 'options',
		default: 'en',
		options: PAGE_LANGUAGES.map((value) => ({ name: phrasesFor(value).languageName, value })),
		description: 'Language of the response pages, of default button labels and of the attribution line',
	},
];

const approvalOnlyOptions: INodeProperties[] = [
	{
		displayName: 'Ask for Confirmation',
		name: 'confirmApproval',
		type: 'boolean',
		default: false,
		description:
			'Whether a button link opens a page with a button to press instead of answering at once. Link scanners never answer either way; this also stops those that pretend to be a browser.',
	},
];

const formOnlyOptions: INodeProperties[] = [
	{ displayName: 'Message Button Label', name: 'messageButtonLabel', type: 'string', default: '', placeholder: 'Respond', description: 'The link in the email; empty: "Respond" in the Page Language' },
	{ displayName: 'Response Form Title', name: 'responseFormTitle', type: 'string', default: '', placeholder: 'Your answer' },
	{ displayName: 'Response Form Description', name: 'responseFormDescription', type: 'string', typeOptions: { rows: 3 }, default: '' },
	{ displayName: 'Response Form Button Label', name: 'responseFormButtonLabel', type: 'string', default: '', placeholder: 'Submit' },
	{
		displayName: 'Response Field Label',
		name: 'responseFieldLabel',
		type: 'string',
		default: '',
		placeholder: 'Response',
		description: 'Label of the text box; empty: "Response" in the Page Language',
		displayOptions: { show: { '/responseType': ['freeText'] } },
	},
	{
		displayName: 'Response Form Custom Styling',
		name: 'responseFormCustomCss',
		type: 'string',
		typeOptions: { rows: 10, editor: 'cssEditor' },
		default: PAGE_CSS_VARIABLES,
		description: 'CSS added after the pages’ own: change the variables, or add rules',
	},
];

const byName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** Send and Wait's own fields: the response type and its options. Recipients and template are Send's. */
export const sendAndWaitFields: INodeProperties[] = [
	...responseFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [...waitOptions, ...approvalOnlyOptions, ...sendOptions].sort(byName),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { responseType: ['freeText', 'customForm'] } },
		options: [...waitOptions, ...formOnlyOptions, ...sendOptions].sort(byName),
	},
];
