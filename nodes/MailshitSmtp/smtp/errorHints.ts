import type { SignIn } from './settings';

/**
 * Every sentence the user can get about a failed connection or delivery, in one table. Each entry
 * names the cause and the fix in one sentence, in the order a session meets them:
 * connection, TLS, authentication, then what the server said about the message.
 */
export type HintId =
	| 'refused'
	| 'hostNotFound'
	| 'dnsTemporary'
	| 'unreachable'
	| 'connectTimeout'
	| 'greetingTimeout'
	| 'plainOnImplicitTlsPort'
	| 'tlsOnPlainPort'
	| 'selfSignedCertificate'
	| 'expiredCertificate'
	| 'certificateHostMismatch'
	| 'startTlsNotOffered'
	| 'startTlsFailed'
	| 'authFailed'
	| 'authRequired'
	| 'authNotOffered'
	| 'loginMissing'
	| 'oauthRejected'
	| 'oauthNotOffered'
	| 'oauthReconnect'
	| 'oauthRefreshFailed'
	| 'ehloRejected'
	| 'senderRejected'
	| 'recipientRejected'
	| 'relayDenied'
	| 'messageTooLarge'
	| 'serverBusy'
	| 'connectionClosed'
	| 'noReply'
	| 'deliveryUncertain'
	| 'serverGone'
	| 'cancelled'
	| 'messageRefused'
	| 'configuration'
	| 'unknown';

/** What the sentences may mention; never the password. */
export interface HintContext {
	/** The credential's provider preset: a local catcher gets catcher advice, not port lists. */
	provider: string;
	/** Password (or no login) or OAuth2: the same refusal has a different fix. */
	signIn: SignIn;
	endpoint: string;
	host: string;
	port: number;
	secure: boolean;
	user: string;
	fromEmail: string;
	timeoutSeconds: number;
	/** The server's reply line or the TLS library's reason, already stripped of secrets. */
	detail: string;
	/** Extra facts some causes carry (certificate names, expiry date). */
	facts: { certificateNames?: string; expiredOn?: string; toleranceSeconds?: number };
}

/** What a sentence says to do about the SMTP scope, per OAuth2 provider. */
const SMTP_SCOPE: Record<string, string> = {
	microsoft365: 'the delegated permission SMTP.Send',
	google: 'the scope https://mail.google.com/',
};

/** The credential to switch to where password sign-in is over (named as the editor lists it). */
export const OAUTH2_CREDENTIAL_NAME = '"mailshit SMTP OAuth2 API" credential';

const ALTERNATIVE_PORTS = 'try 587 (STARTTLS), 465 (Secure on) or 2525';

function appPasswordAdvice(host: string): string {
	if (/gmail|google/i.test(host)) {
		return 'Gmail needs an App Password (Google Account > Security > 2-Step Verification > App passwords), not your normal password';
	}
	if (/office365|outlook|microsoft/i.test(host)) {
		return `Microsoft 365 needs Authenticated SMTP enabled for the mailbox, and turns password sign-in off by default at the end of December 2026, so switch to the ${OAUTH2_CREDENTIAL_NAME}`;
	}
	return 'Gmail and Outlook need an App Password when 2-step verification is on';
}

/** Also the hint of the items a stopped Send never started. */
export const CANCELLED_HINT = 'Not sent: the execution was stopped before this message went out.';

export const SMTP_ERROR_HINTS: Record<HintId, (ctx: HintContext) => string> = {
	refused: (c) =>
		c.provider === 'localCatcher'
			? `Connection refused by ${c.endpoint}: is the mail catcher running and listening there (MailDev, Mailpit and Mailhog use 1025)? If n8n runs in Docker, set SMTP Host to the catcher's service name, not localhost.`
			: `Connection refused by ${c.endpoint}: nothing accepts connections on that port, so check SMTP Host and Port (${ALTERNATIVE_PORTS}) and that a firewall lets n8n connect out.`,
	hostNotFound: (c) =>
		`Host not found: "${c.host}" does not resolve in DNS, so check the spelling of SMTP Host (for example smtp.gmail.com) and the DNS settings of the machine running n8n.`,
	dnsTemporary: (c) =>
		`DNS lookup of "${c.host}" failed for now (the resolver did not answer), so check the network and DNS of the machine running n8n and try again.`,
	unreachable: (c) =>
		`No route to ${c.endpoint}: the network of the machine running n8n cannot reach that host, so check SMTP Host and the firewall or VPN in between.`,
	connectTimeout: (c) =>
		`No answer from ${c.endpoint} within ${c.timeoutSeconds} s: a firewall is probably dropping the connection (many hosts block port 25 and some block 465/587), so check SMTP Host and Port, ${ALTERNATIVE_PORTS}, or raise Connection Timeout.`,
	greetingTimeout: (c) =>
		`Connected to ${c.endpoint} but no SMTP greeting came within ${c.timeoutSeconds} s: the port may expect TLS from the first byte (turn Secure on for 465) or may not be an SMTP server, so check Port and Secure.`,
	plainOnImplicitTlsPort: (c) =>
		`Port ${c.port} expects TLS from the first byte (implicit TLS) but Secure is off, so the server waited for a TLS handshake: turn Secure on, or use port 587 with Secure off.`,
	tlsOnPlainPort: (c) =>
		`Secure is on but ${c.endpoint} speaks plain SMTP first ("wrong version number"): turn Secure off for STARTTLS ports (587, 2525, 25), or keep Secure on and use port 465.`,
	selfSignedCertificate: (c) =>
		`The certificate of ${c.endpoint} is self-signed or signed by an unknown authority (${c.detail}): turn on "Allow Self-Signed Certificates" only for a server you control, or paste its CA into "CA Certificate (PEM)"; also check that Secure matches the server.`,
	expiredCertificate: (c) =>
		`The TLS certificate of ${c.endpoint} ${c.facts.expiredOn ? `expired on ${c.facts.expiredOn}` : 'is expired or not yet valid'}: the server's administrator must renew it (or, for a test server only, turn on "Allow Self-Signed Certificates").`,
	certificateHostMismatch: (c) =>
		`The TLS certificate of ${c.endpoint} is not valid for "${c.host}"${c.facts.certificateNames ? ` (it names ${c.facts.certificateNames})` : ''}: set SMTP Host to a name the certificate lists.`,
	startTlsNotOffered: (c) =>
		`STARTTLS is set to Required but ${c.endpoint} did not offer it, so the connection would be unencrypted and was stopped: use port 465 with Secure on, or a port that offers STARTTLS (587).`,
	startTlsFailed: (c) =>
		`The STARTTLS upgrade with ${c.endpoint} failed (${c.detail}): check the server's TLS setup, or set STARTTLS to Disabled only for a trusted local relay.`,
	authFailed: (c) =>
		`Authentication failed for user "${c.user}" (${c.detail}): check Username and Password; ${appPasswordAdvice(c.host)}.`,
	authRequired: (c) =>
		`${c.endpoint} requires authentication (${c.detail}) but no Username and Password are set: fill them in (for Gmail and Outlook use an App Password).`,
	authNotOffered: (c) =>
		c.signIn === 'oauth2'
			? `${c.endpoint} did not offer AUTH${c.secure ? '' : ' on this connection'}, so the OAuth2 sign-in could not happen: check SMTP Host and Port, and that the connection is encrypted (many servers offer login only after STARTTLS).`
			: `${c.endpoint} did not offer AUTH${c.secure ? '' : ' on this connection'}, so Username and Password were never checked: many servers offer login only after STARTTLS (set STARTTLS to Opportunistic or Required), or clear Username and Password for a relay without login.`,
	loginMissing: (c) =>
		`${c.endpoint} refused mail from a client that has not logged in (${c.detail}) and offers AUTH: it takes mail only after a login, so fill in Username and Password.`,
	oauthRejected: (c) =>
		`${c.endpoint} refused the OAuth2 token for "${c.user}" (${c.detail}), a freshly refreshed one too: the token does not allow SMTP for this mailbox, so check that Mailbox is the account you connected and that the app has ${SMTP_SCOPE[c.provider] ?? 'the scope the SMTP server needs'}, then reconnect the credential.`,
	oauthNotOffered: (c) =>
		`${c.endpoint} does not accept an OAuth2 sign-in (XOAUTH2) (${c.detail}): check SMTP Host and Port, or sign in to this server with the password credential.`,
	oauthReconnect: (c) =>
		`The OAuth2 sign-in for "${c.user}" is no longer valid (${c.detail}): the refresh token was revoked or expired, or the account's password or permissions changed, so open the credential and connect it again (Reconnect; in n8n 1.x Connect my account).`,
	oauthRefreshFailed: (c) =>
		`A new OAuth2 access token for "${c.user}" could not be fetched (${c.detail}): check the credential's Client ID, Client Secret and token URL, then reconnect it.`,
	ehloRejected: (c) =>
		`${c.endpoint} rejected the client's EHLO name (${c.detail}): set "Client Host Name" to a real domain name, for example n8n.example.com.`,
	senderRejected: (c) =>
		`The server refused the sender address (${c.detail}): use a From Email that user "${c.user || '(none)'}" may send as, on a domain the provider has verified.`,
	recipientRejected: (c) =>
		`The server refused the recipient (${c.detail}): check the address for typos, and whether this server accepts mail for it.`,
	relayDenied: (c) =>
		`The server will not relay to that recipient (${c.detail}): log in with Username and Password, or send through a server that accepts mail from n8n.`,
	messageTooLarge: (c) =>
		`The message is larger than ${c.endpoint} accepts (${c.detail}): send smaller attachments or links to them instead.`,
	serverBusy: (c) =>
		`${c.endpoint} is temporarily refusing mail (${c.detail}): it is a rate limit or maintenance, so lower Messages per Second or try again later.`,
	connectionClosed: (c) =>
		`${c.endpoint} closed the connection unexpectedly (${c.detail}): check that Port and Secure match the server (465 needs Secure on) and that no firewall cuts SMTP sessions.`,
	noReply: (c) =>
		`${c.endpoint} stopped answering for ${c.timeoutSeconds} s in the middle of the session: the server or the network is stalled, so try again later or raise Connection Timeout.`,
	deliveryUncertain: (c) =>
		`The connection to ${c.endpoint} was lost after the whole message was sent but before the server confirmed it (${c.detail}), so it may or may not have been delivered: check the recipient's inbox before resending, or turn on "Resend When Delivery Is Uncertain" to prefer a possible duplicate over a possible loss.`,
	serverGone: (c) =>
		`${c.endpoint} took messages earlier in this run but then stopped accepting connections (${c.detail}) and was not back within ${c.facts.toleranceSeconds ?? 0} s: it is restarting or down, so check the server and send the rest later, or raise Server Restart Tolerance.`,
	cancelled: () => CANCELLED_HINT,
	messageRefused: (c) =>
		`The server refused the message (${c.detail}): read the server's reason; content or policy filters (SPF, DKIM, DMARC of the From domain) are the usual cause.`,
	configuration: (c) => `The credential is not usable as filled in: ${c.detail}.`,
	unknown: (c) => `The SMTP exchange with ${c.endpoint} failed (${c.detail}).`,
};

/** Appended to a successful test: port 25 works here, but rarely from where n8n runs in production. */
export function port25Warning(port: number, encrypted: boolean): string {
	if (port !== 25) return '';
	return ` Warning: port 25 is meant for server-to-server relay, is often blocked by ISPs and clouds${
		encrypted ? '' : ' and this session was not encrypted'
	}; prefer 587 (STARTTLS) or 465 (Secure on).`;
}
