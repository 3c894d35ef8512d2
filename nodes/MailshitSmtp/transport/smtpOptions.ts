import type { SMTPTransportOptions } from 'nodemailer';
import type { SmtpSettings } from '../smtp/settings';

/**
 * The one place that turns credential settings into nodemailer options. Sending, pooling and the
 * connection test all start from here, so a credential that tests green sends the same way.
 */
export function smtpTransportOptions(settings: SmtpSettings): SMTPTransportOptions {
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
	if (settings.user) options.auth = { user: settings.user, pass: settings.password };
	if (settings.clientHostName) options.name = settings.clientHostName;
	return options;
}
