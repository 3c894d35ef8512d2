/**
 * The providers most users send through, so a user picks "Gmail" instead of looking up host, port
 * and TLS mode. Only `custom` (host, port) and `localCatcher` (catcherHost, catcherPort) let the
 * user type an endpoint.
 */
export type ProviderId = 'custom' | 'gmail' | 'outlook365' | 'mailgun' | 'mailgunEu' | 'localCatcher';

export type StartTlsPolicy = 'opportunistic' | 'required' | 'disabled';

export interface ProviderPreset {
	id: ProviderId;
	label: string;
	/** Fixed endpoint; absent where the user types host and port. */
	endpoint?: { host: string; port: number; secure: boolean; startTls: StartTlsPolicy };
	/** Shown as a notice under the provider picker: what to put in Username and Password. */
	guidance: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
	{
		id: 'custom',
		label: 'Custom SMTP Server',
		guidance:
			'Any SMTP server. Port 587 (or 2525) with Secure off upgrades with STARTTLS; port 465 needs Secure on.',
	},
	{
		id: 'gmail',
		label: 'Gmail / Google Workspace',
		// Google refuses plain-text sessions, so STARTTLS is required rather than opportunistic.
		endpoint: { host: 'smtp.gmail.com', port: 587, secure: false, startTls: 'required' },
		guidance:
			'smtp.gmail.com:587 with STARTTLS. Username: your full Gmail address. Password: an App Password (Google Account > Security > 2-Step Verification > App passwords), not your normal password.',
	},
	{
		id: 'outlook365',
		label: 'Outlook / Microsoft 365',
		endpoint: { host: 'smtp.office365.com', port: 587, secure: false, startTls: 'required' },
		guidance:
			'smtp.office365.com:587 with STARTTLS. Username: your email address. Password: your password, or an app password when MFA is on. The mailbox needs "Authenticated SMTP" enabled by your admin. Microsoft turns password sign-in for SMTP off by default at the end of December 2026: use the "mailshit SMTP OAuth2 API" credential instead.',
	},
	{
		id: 'mailgun',
		label: 'Mailgun (US Region)',
		endpoint: { host: 'smtp.mailgun.org', port: 587, secure: false, startTls: 'required' },
		guidance:
			'smtp.mailgun.org:587 with STARTTLS. Username: postmaster@your-domain.com (Sending > Domain settings > SMTP credentials). Password: that SMTP password.',
	},
	{
		id: 'mailgunEu',
		label: 'Mailgun (EU Region)',
		endpoint: { host: 'smtp.eu.mailgun.org', port: 587, secure: false, startTls: 'required' },
		guidance:
			'smtp.eu.mailgun.org:587 with STARTTLS, for domains created in the EU region. Username: postmaster@your-domain.com. Password: the SMTP password of that domain.',
	},
	{
		id: 'localCatcher',
		label: 'Local Mail Catcher (MailDev, Mailpit, Mailhog)',
		guidance:
			'A test inbox that catches every message: localhost:1025 without a username or password. If n8n runs in Docker, use the catcher\'s service name as host (e.g. mailpit), not localhost.',
	},
];

export function providerPreset(id: string): ProviderPreset | undefined {
	return PROVIDER_PRESETS.find((preset) => preset.id === id);
}

/**
 * Where an OAuth2 sign-in for SMTP comes from. Microsoft and Google are fixed presets; Custom lets
 * the user type every URL (Yahoo, Zoho, Fastmail, a company identity provider, a test server).
 */
export type OAuth2ProviderId = 'microsoft365' | 'google' | 'custom';

/** How the client id and secret reach the token endpoint (n8n's oAuth2Api `authentication` field). */
export type ClientAuthentication = 'body' | 'header';

export interface OAuth2ProviderPreset {
	id: OAuth2ProviderId;
	label: string;
	/** The provider's own URLs and scope; absent for Custom, where the user types them. */
	authorization?: {
		/** `{tenant}` stands for the Tenant field (Microsoft). */
		authUrl: string;
		accessTokenUrl: string;
		scope: string;
		/** Extra query parameters of the authorization URL. */
		authQueryParameters: string;
		clientAuthentication: ClientAuthentication;
	};
	endpoint?: { host: string; port: number; secure: boolean; startTls: StartTlsPolicy };
	/** Shown as a notice under the provider picker: what to register, and where. */
	guidance: string;
}

/** The Tenant field's default: any work, school or personal Microsoft account (multi-tenant apps). */
export const DEFAULT_MICROSOFT_TENANT = 'common';

export const OAUTH2_PROVIDER_PRESETS: readonly OAuth2ProviderPreset[] = [
	{
		id: 'microsoft365',
		label: 'Microsoft 365 / Outlook.com',
		authorization: {
			authUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
			accessTokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
			// offline_access: without it Microsoft issues no refresh token, and the sign-in ends after an hour
			scope: 'https://outlook.office.com/SMTP.Send offline_access',
			authQueryParameters: 'response_mode=query&prompt=select_account',
			// as n8n's own Microsoft credentials: the client secret goes in the token request's body
			clientAuthentication: 'body',
		},
		endpoint: { host: 'smtp.office365.com', port: 587, secure: false, startTls: 'required' },
		guidance:
			'Register an app in the Microsoft Entra admin center (App registrations > New registration): Redirect URI (Web) = the OAuth Redirect URL shown above; API permissions > Add a permission > Microsoft Graph > Delegated: SMTP.Send and offline_access; Certificates & secrets > New client secret. Copy the Application (client) ID and the secret value here. The mailbox still needs "Authenticated SMTP" turned on (Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps).',
	},
	{
		id: 'google',
		label: 'Google / Gmail',
		authorization: {
			authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
			accessTokenUrl: 'https://oauth2.googleapis.com/token',
			// the only scope Google accepts for SMTP
			scope: 'https://mail.google.com/',
			// offline access and a fresh consent: Google sends a refresh token only then
			authQueryParameters: 'access_type=offline&prompt=consent',
			clientAuthentication: 'header',
		},
		endpoint: { host: 'smtp.gmail.com', port: 587, secure: false, startTls: 'required' },
		guidance:
			'In the Google Cloud console: enable the Gmail API, set up the OAuth consent screen (add the scope https://mail.google.com/), then Credentials > Create credentials > OAuth client ID > Web application with the OAuth Redirect URL shown above as an Authorized redirect URI. Copy the client ID and secret here.',
	},
	{
		id: 'custom',
		label: 'Custom OAuth2 Provider',
		guidance:
			"Any provider that signs in to SMTP with XOAUTH2 (Yahoo, Zoho, Fastmail, your company's identity provider): type its authorization and token URLs, the scope its SMTP server needs, and the server's host and port. Register the OAuth Redirect URL shown above with the provider.",
	},
];

export function oauth2ProviderPreset(id: string): OAuth2ProviderPreset | undefined {
	return OAUTH2_PROVIDER_PRESETS.find((preset) => preset.id === id);
}
