import { ConfigurationError } from '../shared/configurationError';
import { settingText } from '../shared/settingText';
import {
	oauth2ProviderPreset,
	providerPreset,
	type OAuth2ProviderId,
	type ProviderId,
	type StartTlsPolicy,
} from '../../../credentials/providers';
import { readSenderDomainSettings, type SenderDomainSettings } from './dkim/dkimSettings';

/** How the session signs in: the password credential (or no login at all), or an OAuth2 token. */
export type SignIn = 'password' | 'oauth2';

/** The credential after presets are applied and every field is typed and checked. */
export interface SmtpSettings extends SenderDomainSettings {
	provider: ProviderId | OAuth2ProviderId;
	signIn: SignIn;
	host: string;
	port: number;
	/** Implicit TLS from the first byte (465). */
	secure: boolean;
	/** What to do about STARTTLS when `secure` is off. */
	startTls: StartTlsPolicy;
	/** Username, or with OAuth2 the mailbox the token signs in as. */
	user: string;
	/** Empty with OAuth2. */
	password: string;
	fromEmail: string;
	fromName: string;
	allowSelfSigned: boolean;
	/** Extra PEM CA(s) to trust, for relays signed by a company CA. */
	caCertificate: string;
	/** EHLO name; empty lets nodemailer use the machine's host name. */
	clientHostName: string;
	timeoutSeconds: number;
}

const START_TLS_POLICIES: readonly StartTlsPolicy[] = ['opportunistic', 'required', 'disabled'];
const MAX_TIMEOUT_SECONDS = 600;

function numberOr(value: unknown, fallback: number): number {
	if (value === undefined || value === null || value === '') return fallback;
	return typeof value === 'number' ? value : Number(value);
}

/**
 * The endpoint the user typed. The editor's test request carries every field of the form, hidden
 * ones included (a Secure switched on under Custom survives a switch to the catcher), while Save
 * drops hidden fields and any value equal to its default: so only the fields the provider shows
 * are read, and a missing one means its default.
 */
function typedEndpoint(provider: ProviderId, data: Record<string, unknown>) {
	if (provider === 'localCatcher') {
		return {
			// older credentials stored the catcher's endpoint in host/port
			host: settingText(data.catcherHost) || settingText(data.host) || 'localhost',
			port: numberOr(data.catcherPort ?? data.port, 1025),
			secure: false,
			startTls: (settingText(data.startTls) || 'opportunistic') as StartTlsPolicy,
		};
	}
	const secure = data.secure === true;
	return {
		host: settingText(data.host),
		port: numberOr(data.port, 587),
		secure,
		startTls: (secure ? 'opportunistic' : settingText(data.startTls) || 'opportunistic') as StartTlsPolicy,
	};
}

/** The fields both credentials have, the same way. */
function sessionSettings(data: Record<string, unknown>, endpointTyped: boolean) {
	return {
		fromEmail: settingText(data.fromEmail),
		fromName: settingText(data.fromName),
		allowSelfSigned: data.allowSelfSigned === true,
		// a CA is offered for typed endpoints only; a hidden one must not reach a Gmail test
		caCertificate: endpointTyped ? settingText(data.caBundle) : '',
		clientHostName: settingText(data.clientHostName),
		timeoutSeconds: numberOr(data.connectionTimeout, 10),
	};
}

/** Reads the decrypted password credential into typed, checked settings; presets fix the endpoint. */
export function readSmtpSettings(data: Record<string, unknown>): SmtpSettings {
	const provider = (settingText(data.provider) || 'custom') as ProviderId;
	const preset = providerPreset(provider);
	if (!preset) throw new ConfigurationError(`Unknown provider "${provider}"`, 'Provider');
	const endpoint = preset.endpoint ?? typedEndpoint(provider, data);

	const settings: ConnectionSettings = {
		provider,
		signIn: 'password',
		...endpoint,
		// the user name is an identity: trimming it is safe; the password is used byte for byte
		user: settingText(data.user),
		password: typeof data.password === 'string' ? data.password : '',
		...sessionSettings(data, !preset.endpoint),
	};
	checkSettings(settings);
	// read after the connection fields, so a credential reports its problems in form order
	return { ...settings, ...readSenderDomainSettings(data) };
}

/**
 * Reads the OAuth2 credential the same way. Its token is not part of the settings: the node hands
 * it to the wire separately (it changes when refreshed), see transport/oauthTokens.
 */
export function readOAuth2SmtpSettings(data: Record<string, unknown>): SmtpSettings {
	const provider = (settingText(data.provider) || 'microsoft365') as OAuth2ProviderId;
	const preset = oauth2ProviderPreset(provider);
	if (!preset) throw new ConfigurationError(`Unknown provider "${provider}"`, 'Provider');
	const settings: ConnectionSettings = {
		provider,
		signIn: 'oauth2',
		...(preset.endpoint ?? typedEndpoint('custom', data)),
		user: settingText(data.user),
		password: '',
		...sessionSettings(data, !preset.endpoint),
	};
	if (!settings.user) {
		throw new ConfigurationError('Mailbox is empty: enter the address of the account you connected, e.g. you@contoso.com', 'Mailbox');
	}
	checkSettings(settings);
	return { ...settings, ...readSenderDomainSettings(data) };
}

type ConnectionSettings = Omit<SmtpSettings, keyof SenderDomainSettings>;

function checkSettings(settings: ConnectionSettings): void {
	if (!settings.host) {
		throw new ConfigurationError('SMTP Host is empty: enter the server name, e.g. smtp.example.com', 'SMTP Host');
	}
	if (/[\s/]|:\/\//.test(settings.host)) {
		throw new ConfigurationError(
			`SMTP Host "${settings.host}" is not a host name: enter only the name, e.g. smtp.example.com, without smtp:// or a port`,
			'SMTP Host',
		);
	}
	if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
		throw new ConfigurationError(`SMTP Port must be a whole number from 1 to 65535 (got ${settings.port})`, 'SMTP Port');
	}
	if (!START_TLS_POLICIES.includes(settings.startTls)) {
		throw new ConfigurationError(`Unknown STARTTLS policy "${settings.startTls}"`, 'STARTTLS');
	}
	if (!settings.user && settings.password) {
		throw new ConfigurationError('A password is set but the username is empty: fill in Username too, or clear both for servers without login', 'Username');
	}
	if (!(settings.timeoutSeconds > 0 && settings.timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
		throw new ConfigurationError(
			`Connection Timeout must be between 1 and ${MAX_TIMEOUT_SECONDS} seconds (got ${settings.timeoutSeconds})`,
			'Connection Timeout',
		);
	}
	if (settings.clientHostName && !/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(settings.clientHostName)) {
		throw new ConfigurationError(
			`Client Host Name "${settings.clientHostName}" is not a valid EHLO name: use a domain name such as n8n.example.com`,
			'Client Host Name',
		);
	}
}

/** What a person would call the endpoint in a sentence: `smtp.gmail.com:587`. */
export function endpointLabel(settings: Pick<SmtpSettings, 'host' | 'port'>): string {
	return settings.host.includes(':') ? `[${settings.host}]:${settings.port}` : `${settings.host}:${settings.port}`;
}
