import { OAUTH2_CREDENTIAL_NAME, type HintContext } from './errorHints';

/**
 * Replies of the big providers whose generic reading ("authentication failed", "server busy")
 * would send the user the wrong way, each with the sentence that names its real cause and fix.
 * A reply is recognised by its own words (the enhanced status code and the phrase the provider
 * uses), never by the host name: the same server software answers for custom domains too.
 */
export type ProviderReplyId =
	| 'microsoftBasicAuthDisabled'
	| 'microsoftBasicAuthRemoved'
	| 'microsoftSmtpAuthDisabledForTenant'
	| 'microsoftSmtpAuthDisabledForMailbox'
	| 'microsoftNotAuthenticated'
	| 'microsoftSendAsDenied'
	| 'gmailAppPasswordRequired'
	| 'gmailLoginRejected'
	| 'gmailTooManyLogins'
	| 'gmailDailyLimit'
	| 'gmailTryAgainLater';

export interface ProviderReply {
	id: ProviderReplyId;
	/** Matched against the whole reply (every line of a multi-line one). */
	pattern: RegExp;
	/** Only after these commands: the same words after another one mean something else. */
	commands?: RegExp;
	hint: (c: HintContext) => string;
}

const M365_AUTHENTICATED_SMTP = 'Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps > Authenticated SMTP';

/** First match wins: the specific Microsoft 5.7.139 texts come before the general one. */
export const PROVIDER_REPLIES: readonly ProviderReply[] = [
	{
		id: 'microsoftSmtpAuthDisabledForTenant',
		pattern: /SmtpClientAuthentication is disabled for the Tenant/i,
		hint: (c) =>
			`Authenticated SMTP is turned off for the whole Microsoft 365 organization (${c.detail}): an admin turns it on for "${c.user}" (${M365_AUTHENTICATED_SMTP}), which is needed for OAuth2 sign-in too.`,
	},
	{
		id: 'microsoftSmtpAuthDisabledForMailbox',
		pattern: /SmtpClientAuthentication is disabled for the Mailbox/i,
		hint: (c) =>
			`Authenticated SMTP is turned off for the mailbox "${c.user}" (${c.detail}): an admin turns it on (${M365_AUTHENTICATED_SMTP}), which is needed for OAuth2 sign-in too.`,
	},
	{
		id: 'microsoftBasicAuthDisabled',
		pattern: /\b5\.7\.139\b.*basic authentication is disabled/i,
		hint: (c) =>
			`Microsoft 365 has turned off password sign-in (basic authentication) for SMTP on this tenant (${c.detail}): switch to the ${OAUTH2_CREDENTIAL_NAME} with Provider Microsoft 365, or have an admin turn SMTP basic authentication back on while Microsoft still allows it.`,
	},
	{
		id: 'microsoftBasicAuthRemoved',
		pattern: /\b5\.7\.30\b/,
		hint: (c) =>
			`Microsoft 365 no longer accepts a password for SMTP (${c.detail}) and no setting brings it back: switch to the ${OAUTH2_CREDENTIAL_NAME} with Provider Microsoft 365.`,
	},
	{
		id: 'microsoftNotAuthenticated',
		pattern: /\b5\.7\.57\b/,
		hint: (c) =>
			`Microsoft 365 takes mail only from a session that signed in, and this one did not (${c.detail}): set the login, best with the ${OAUTH2_CREDENTIAL_NAME} (password sign-in ends by default in December 2026).`,
	},
	{
		id: 'microsoftSendAsDenied',
		pattern: /\b5\.7\.60\b|SendAsDenied/i,
		hint: (c) =>
			`Microsoft 365 does not let "${c.user}" send as ${c.fromEmail ? `"${c.fromEmail}"` : 'this From address'} (${c.detail}): set From Email to the signed-in mailbox, or have an admin give "${c.user}" the Send As permission on that address (Exchange admin center > Mailboxes > the address > Delegation).`,
	},
	{
		id: 'gmailAppPasswordRequired',
		pattern: /\b5\.7\.9\b.*Application-specific password required/i,
		hint: (c) =>
			`Google wants an App Password for "${c.user}" because 2-Step Verification is on (${c.detail}): create one (Google Account > Security > 2-Step Verification > App passwords) and put it in Password, or sign in with the ${OAUTH2_CREDENTIAL_NAME} (Provider Google).`,
	},
	{
		id: 'gmailLoginRejected',
		pattern: /\b5\.7\.8\b.*Username and Password not accepted/i,
		// after AUTH XOAUTH2 Google says the same words about a token: the OAuth2 hint reads that one
		commands: /^AUTH (PLAIN|LOGIN|CRAM-MD5)/i,
		hint: (c) =>
			`Gmail did not accept the login of "${c.user}" (${c.detail}): Username must be the full address and Password a 16-letter App Password, not the account password, or sign in with the ${OAUTH2_CREDENTIAL_NAME} (Provider Google).`,
	},
	{
		id: 'gmailTooManyLogins',
		pattern: /\b4\.7\.0\b.*Too many login attempts/i,
		hint: (c) =>
			`Gmail has paused logins for "${c.user}" after too many failed attempts (${c.detail}): correct the login first, then wait before trying again, since every failed try prolongs the pause.`,
	},
	{
		id: 'gmailDailyLimit',
		pattern: /\b5\.4\.5\b.*sending limit/i,
		hint: (c) =>
			`The daily sending limit of the Gmail account "${c.user}" is used up (${c.detail}): the rest can go out once the 24-hour window frees up, and this volume belongs on a sending service (Mailgun, your domain's server) rather than a mailbox.`,
	},
	{
		id: 'gmailTryAgainLater',
		pattern: /\b4\.7\.0\b.*Try again later/i,
		hint: (c) =>
			`${c.endpoint} turns this client away for now (${c.detail}), as Gmail does with a sender that opens too many connections or sends too fast: lower Max Connections and Messages per Second, then try again later.`,
	},
];

export function knownProviderReply(reply: string, command: string): ProviderReply | undefined {
	if (!reply) return undefined;
	return PROVIDER_REPLIES.find((known) => known.pattern.test(reply) && (!known.commands || known.commands.test(command)));
}
