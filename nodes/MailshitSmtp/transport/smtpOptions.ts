import type { SMTPTransportOptions } from 'nodemailer';
import { secretForms } from '../smtp/redactSecrets';
import type { SmtpSettings } from '../smtp/settings';
import type { OAuthTokenSource } from './oauthTokens';

/**
 * How a session signs in: with the settings' username and password (or not at all when there is
 * none), or with an OAuth2 token that may change during the run (so it is not part of the settings).
 */
export type SmtpAuth = { method: 'password' } | { method: 'oauth2'; tokens: OAuthTokenSource };

export const PASSWORD_AUTH: SmtpAuth = { method: 'password' };

/** The secrets of a sign-in in every form they could take on the wire, for redaction. */
export function signInSecrets(settings: SmtpSettings, auth: SmtpAuth): string[] {
	return auth.method === 'oauth2' ? auth.tokens.secretForms() : secretForms(settings.user, settings.password);
}

/**
 * The one place that turns credential settings into nodemailer options. Sending, pooling and the
 * connection test all start from here, so a credential that tests green sends the same way.
 */
export function smtpTransportOptions(settings: SmtpSettings, auth: SmtpAuth = PASSWORD_AUTH): SMTPTransportOptions {
	const timeoutMs = Math.round(settings.timeoutSeconds * 1000);
	const options: SMTPTransportOptions = {
		host: settings.host,
		port: settings.port,
		secure: settings.secure,
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
		// a template or an item must never make the n8n host read a file or fetch a URL
		disableFileAccess: true,
		disableUrlAccess: true,
		logger: false,
		debug: false,
		tls: {
			rejectUnauthorized: !settings.allowSelfSigned,
			...(settings.caCertificate ? { ca: settings.caCertificate } : {}),
		},
	};
	if (!settings.secure) {
		if (settings.startTls === 'required') options.requireTLS = true;
		if (settings.startTls === 'disabled') options.ignoreTLS = true;
	}
	if (auth.method === 'oauth2') {
		// no accessToken here: every pooled connection asks the shared source, which refreshes once
		options.auth = { type: 'OAuth2', user: settings.user, provisionCallback: auth.tokens.provisionCallback };
	} else if (settings.user) {
		options.auth = { user: settings.user, pass: settings.password };
	}
	if (settings.clientHostName) options.name = settings.clientHostName;
	return options;
}
