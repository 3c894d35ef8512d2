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
			'smtp.office365.com:587 with STARTTLS. Username: your email address. Password: your password, or an app password when MFA is on. The mailbox needs "Authenticated SMTP" enabled by your admin.',
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
