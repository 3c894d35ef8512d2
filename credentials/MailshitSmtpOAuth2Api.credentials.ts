import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { dkimFields } from './dkim.fields';
import { DEFAULT_MICROSOFT_TENANT, OAUTH2_PROVIDER_PRESETS, type OAuth2ProviderPreset } from './providers';
import { hostField, portField, providerNotices, secureField, senderFields, sessionFields, startTlsField } from './smtpFields';

type Authorization = NonNullable<OAuth2ProviderPreset['authorization']>;

/** The provider the form opens with, and the one an expression falls back to when none is stored. */
const DEFAULT_PROVIDER = 'microsoft365';
const CUSTOM = ['custom'];

/** A literal of the preset, with `{tenant}` replaced by the Tenant field (Microsoft's URLs). */
function presetValue(text: string): string {
	return text
		.split('{tenant}')
		.map((part) => JSON.stringify(part))
		.join(` + String($self["tenant"] || "${DEFAULT_MICROSOFT_TENANT}").trim() + `);
}

/**
 * An n8n expression for a hidden field: the chosen preset's value, or the Custom field the user
 * typed. n8n resolves it with `$self` = this credential's data whenever it reads the credential
 * (building the authorization URL, the token exchange, every refresh), in 1.x and 2.x alike.
 * Hidden, so both keep using it: n8n 1.x replaces a stored scope of a type whose name contains
 * "OAuth2" by the type's default, and 2.x always uses the default of a hidden pinned field.
 */
function perProvider(value: (authorization: Authorization) => string, customField: string): string {
	const fallback = OAUTH2_PROVIDER_PRESETS.find((preset) => preset.id === DEFAULT_PROVIDER)!;
	const branches = OAUTH2_PROVIDER_PRESETS.filter((preset) => preset.id !== DEFAULT_PROVIDER).map((preset) => {
		const chosen = preset.authorization ? presetValue(value(preset.authorization)) : `$self["${customField}"]`;
		return `$self["provider"] === "${preset.id}" ? ${chosen} : `;
	});
	return `={{ ${branches.join('')}${presetValue(value(fallback.authorization!))} }}`;
}

/**
 * Sign in to SMTP with OAuth2 (XOAUTH2) through n8n's own OAuth2 machinery: the editor's
 * "Connect my account", n8n's callback, n8n storing and refreshing the tokens.
 *
 * n8n never runs a node's credential test for a type that extends oAuth2Api (it checks only that
 * a token is stored), so the sign-in is tested by the node's Check Connection operation instead;
 * the notice below points there.
 */
export class MailshitSmtpOAuth2Api implements ICredentialType {
	// n8n's lint wants OAuth2 credential names to end in OAuth2Api and display names in "OAuth2 API"
	name = 'mailshitSmtpOAuth2Api';

	extends = ['oAuth2Api'];

	// the brand is written in lower case on purpose
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-miscased
	displayName = 'mailshit SMTP OAuth2 API';

	icon = { light: 'file:../icons/mailshit.svg', dark: 'file:../icons/mailshit.dark.svg' } as const;

	documentationUrl = 'https://github.com/mailshit/n8n-nodes-mailshit#microsoft-365-after-december-2026';

	properties: INodeProperties[] = [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			default: DEFAULT_PROVIDER,
			description: 'Who signs you in: fills in the sign-in URLs, the scope and the SMTP server for you',
			options: OAUTH2_PROVIDER_PRESETS.map((preset) => ({ name: preset.label, value: preset.id })),
		},
		...providerNotices(OAUTH2_PROVIDER_PRESETS),
		{
			displayName:
				'To test the sign-in, connect your account, then run a mailshit SMTP node with the operation "Check Connection" and this credential: it signs in to the SMTP server and says what to fix.',
			name: 'checkConnectionNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: DEFAULT_MICROSOFT_TENANT,
			placeholder: 'common',
			description:
				'The Directory (tenant) ID from the app registration\'s overview for a single-tenant app; or "common" (any account), "organizations" (work and school accounts), "consumers" (Outlook.com)',
			displayOptions: { show: { provider: ['microsoft365'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'customAuthUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://login.example.com/oauth2/authorize',
			displayOptions: { show: { provider: CUSTOM } },
		},
		{
			displayName: 'Access Token URL',
			name: 'customAccessTokenUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://login.example.com/oauth2/token',
			displayOptions: { show: { provider: CUSTOM } },
		},
		{
			displayName: 'Scope',
			name: 'customScope',
			type: 'string',
			default: '',
			placeholder: 'smtp offline_access',
			description: "The scope(s) the provider's SMTP server needs, separated by spaces; add the one that grants a refresh token (often offline_access)",
			displayOptions: { show: { provider: CUSTOM } },
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'customAuthQueryParameters',
			type: 'string',
			default: '',
			placeholder: 'access_type=offline',
			description: 'Extra parameters some providers need on the authorization URL',
			displayOptions: { show: { provider: CUSTOM } },
		},
		{
			displayName: 'Client Authentication',
			name: 'customClientAuthentication',
			type: 'options',
			default: 'header',
			options: [
				{ name: 'Send Client Credentials in Header (Basic)', value: 'header' },
				{ name: 'Send Client Credentials in Body', value: 'body' },
			],
			description: 'How the client ID and secret reach the token URL',
			displayOptions: { show: { provider: CUSTOM } },
		},
		hostField(CUSTOM),
		portField(CUSTOM),
		secureField(CUSTOM),
		startTlsField(CUSTOM),
		{
			displayName: 'Mailbox',
			name: 'user',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'you@contoso.com',
			description: 'The address the token signs in as (the account you connect below); the server checks that they match',
		},
		...senderFields,
		...sessionFields(CUSTOM),
		...dkimFields,
		// n8n's OAuth2 fields, fixed per provider
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: perProvider((a) => a.authUrl, 'customAuthUrl') },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: perProvider((a) => a.accessTokenUrl, 'customAccessTokenUrl'),
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: perProvider((a) => a.scope, 'customScope') },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: perProvider((a) => a.authQueryParameters, 'customAuthQueryParameters'),
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: perProvider((a) => a.clientAuthentication, 'customClientAuthentication'),
		},
	];
}
