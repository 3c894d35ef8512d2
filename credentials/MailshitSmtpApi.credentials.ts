import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { dkimFields } from './dkim.fields';
import { PROVIDER_PRESETS } from './providers';
import { hostField, portField, providerNotices, secureField, senderFields, sessionFields, startTlsField } from './smtpFields';

/** Host and port are typed by the user only for these providers; the others have a fixed endpoint. */
const typedEndpoint = ['custom', 'localCatcher'];

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
		...providerNotices(PROVIDER_PRESETS),
		hostField(['custom']),
		portField(['custom']),
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
		secureField(['custom']),
		startTlsField(typedEndpoint),
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
		...senderFields,
		...sessionFields(typedEndpoint),
		...dkimFields,
	];
}
