import type { INodeProperties } from 'n8n-workflow';

export type EmailFiles = 'none' | 'html' | 'htmlAndEml';

/**
 * The rendered email as files on the output item, for n8n's binary viewer (the output panel's
 * Binary tab shows email.html as a page) or for a next node (Write Files, Google Drive, an archive).
 */
export function emailFilesOption(defaultValue: EmailFiles): INodeProperties {
	return {
		displayName: 'Email Files',
		name: 'emailFiles',
		type: 'options',
		default: defaultValue,
		options: [
			{ name: 'None', value: 'none', description: 'Only the JSON output' },
			{ name: 'HTML', value: 'html', description: 'Binary property "html": email.html (text/html), opens in the output panel\'s binary viewer' },
			{ name: 'HTML and EML', value: 'htmlAndEml', description: 'Also binary property "eml": email.eml (message/rfc822), the whole message for a mail client' },
		],
		description: 'Whether to add the rendered email as files to the output item',
	};
}

/** Which schemes a value that is a whole link (href="{{url}}") may have besides http, https and mailto. */
export const urlSchemesOption: INodeProperties = {
	displayName: 'URL Schemes',
	name: 'urlSchemes',
	type: 'string',
	default: '',
	placeholder: 'tel, sms, cid',
	description:
		'More schemes a variable that is a whole link (href="{{link}}", src="{{image}}") may have, comma-separated, besides http, https and mailto; * allows any (javascript: included). Other links are refused so data cannot turn a link into a script.',
};
