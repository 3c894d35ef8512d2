/**
 * Every provider-aware hint, proven against a real smtp-server answering with the provider's exact
 * text at the step where the provider says it: once through the connection test (the password
 * credential's test on Save, or Check Connection for OAuth2) and once through Send, whose
 * send_failed item must carry the same sentence. The texts are Microsoft 365's and Gmail's replies
 * as they reach a client (Gmail's multi-line replies as one line: smtp-server writes one).
 */
import type { SMTPServerAuthentication, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';
import { MailshitSmtp } from '../../nodes/MailshitSmtp/MailshitSmtp.node';
import { connectAccount, startAuthorizationServer, type AuthorizationServer } from '../helpers/authorizationServer';
import { oauth2Credential, smtpCredential } from '../helpers/credentials';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import { smtpError } from '../helpers/sinkFaults';
import type { SinkOptions } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const MAILBOX = 'ada@contoso.test';
const LOGIN = { user: MAILBOX, pass: 'Corr3ct-horse' };
const OTHER_SENDER = 'ceo@contoso.test';
const MS_TAG = '[DB8PR04CA0012.eurprd04.prod.outlook.com 2026-01-27T09:12:43.123Z 08DE3C1F2A4B5C6D]';

type Stage = 'greeting' | 'auth' | 'mailFrom' | 'rcptTo' | 'data';
/** password: Username and Password set; anonymous: none set (the server offers AUTH); oauth2: the OAuth2 credential. */
type SignIn = 'password' | 'anonymous' | 'oauth2';

interface Case {
	label: string;
	stage: Stage;
	/** The server's reply, exactly. */
	reply: string;
	signIn: SignIn;
	fromEmail?: string;
	/** The sentence the user reads; `{endpoint}` is the test server. */
	hint: string;
	/** DATA refusals never reach the connection test, which sends no message. */
	sendOnly?: boolean;
}

const CASES: Case[] = [
	{
		label: 'Microsoft: basic authentication disabled (5.7.139)',
		stage: 'auth',
		reply: `535 5.7.139 Authentication unsuccessful, basic authentication is disabled. ${MS_TAG}`,
		signIn: 'password',
		hint: `Microsoft 365 has turned off password sign-in (basic authentication) for SMTP on this tenant (535 5.7.139 Authentication unsuccessful, basic authentication is disabled. ${MS_TAG}): switch to the "mailshit SMTP OAuth2 API" credential with Provider Microsoft 365, or have an admin turn SMTP basic authentication back on while Microsoft still allows it.`,
	},
	{
		label: 'Microsoft: basic authentication removed (5.7.30)',
		stage: 'auth',
		reply: `550 5.7.30 Basic authentication is not supported for Client Submission. ${MS_TAG}`,
		signIn: 'password',
		hint: `Microsoft 365 no longer accepts a password for SMTP (550 5.7.30 Basic authentication is not supported for Client Submission. ${MS_TAG}) and no setting brings it back: switch to the "mailshit SMTP OAuth2 API" credential with Provider Microsoft 365.`,
	},
	{
		label: 'Microsoft: SMTP AUTH disabled for the tenant',
		stage: 'auth',
		reply: `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. ${MS_TAG}`,
		signIn: 'password',
		hint: `Authenticated SMTP is turned off for the whole Microsoft 365 organization (535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. ${MS_TAG}): an admin turns it on for "${MAILBOX}" (Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps > Authenticated SMTP), which is needed for OAuth2 sign-in too.`,
	},
	{
		label: 'Microsoft: SMTP AUTH disabled for the mailbox, after an OAuth2 sign-in',
		stage: 'auth',
		reply: `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. ${MS_TAG}`,
		signIn: 'oauth2',
		hint: `Authenticated SMTP is turned off for the mailbox "${MAILBOX}" (535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. ${MS_TAG}): an admin turns it on (Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps > Authenticated SMTP), which is needed for OAuth2 sign-in too.`,
	},
	{
		label: 'Microsoft: client not authenticated (5.7.57) at MAIL FROM',
		stage: 'mailFrom',
		reply: `530 5.7.57 Client not authenticated to send mail. ${MS_TAG}`,
		signIn: 'anonymous',
		hint: `Microsoft 365 takes mail only from a session that signed in, and this one did not (530 5.7.57 Client not authenticated to send mail. ${MS_TAG}): set the login, best with the "mailshit SMTP OAuth2 API" credential (password sign-in ends by default in December 2026).`,
	},
	{
		label: 'Microsoft: SendAsDenied (5.7.60) at MAIL FROM',
		stage: 'mailFrom',
		reply: `550 5.7.60 SMTP; Client does not have permissions to send as this sender ${MS_TAG}`,
		signIn: 'password',
		fromEmail: OTHER_SENDER,
		hint: `Microsoft 365 does not let "${MAILBOX}" send as "${OTHER_SENDER}" (550 5.7.60 SMTP; Client does not have permissions to send as this sender ${MS_TAG}): set From Email to the signed-in mailbox, or have an admin give "${MAILBOX}" the Send As permission on that address (Exchange admin center > Mailboxes > the address > Delegation).`,
	},
	{
		label: 'Microsoft: SendAsDeniedException after DATA',
		stage: 'data',
		reply: '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.',
		signIn: 'oauth2',
		fromEmail: OTHER_SENDER,
		sendOnly: true,
		hint: `Microsoft 365 does not let "${MAILBOX}" send as "${OTHER_SENDER}" (554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.): set From Email to the signed-in mailbox, or have an admin give "${MAILBOX}" the Send As permission on that address (Exchange admin center > Mailboxes > the address > Delegation).`,
	},
	{
		label: 'Gmail: application-specific password required (5.7.9)',
		stage: 'auth',
		reply: '534 5.7.9 Application-specific password required. For more information, go to https://support.google.com/mail/?p=InvalidSecondFactor 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp',
		signIn: 'password',
		hint: `Google wants an App Password for "${MAILBOX}" because 2-Step Verification is on (534 5.7.9 Application-specific password required. For more information, go to https://support.google.com/mail/?p=InvalidSecondFactor 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp): create one (Google Account > Security > 2-Step Verification > App passwords) and put it in Password, or sign in with the "mailshit SMTP OAuth2 API" credential (Provider Google).`,
	},
	{
		label: 'Gmail: username and password not accepted (5.7.8)',
		stage: 'auth',
		reply: '535 5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp',
		signIn: 'password',
		hint: `Gmail did not accept the login of "${MAILBOX}" (535 5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp): Username must be the full address and Password a 16-letter App Password, not the account password, or sign in with the "mailshit SMTP OAuth2 API" credential (Provider Google).`,
	},
	{
		label: 'Gmail: too many login attempts (454 4.7.0)',
		stage: 'auth',
		reply: '454 4.7.0 Too many login attempts, please try again later. For more information, go to https://support.google.com/mail/answer/7126229 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp',
		signIn: 'password',
		hint: `Gmail has paused logins for "${MAILBOX}" after too many failed attempts (454 4.7.0 Too many login attempts, please try again later. For more information, go to https://support.google.com/mail/answer/7126229 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp): correct the login first, then wait before trying again, since every failed try prolongs the pause.`,
	},
	{
		label: 'Gmail: daily sending limit (5.4.5) at MAIL FROM',
		stage: 'mailFrom',
		reply: '550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp',
		signIn: 'password',
		hint: `The daily sending limit of the Gmail account "${MAILBOX}" is used up (550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp): the rest can go out once the 24-hour window frees up, and this volume belongs on a sending service (Mailgun, your domain's server) rather than a mailbox.`,
	},
	{
		label: 'Gmail: try again later (421 4.7.0) instead of a greeting',
		stage: 'greeting',
		reply: '421 4.7.0 Try again later, closing connection. (EHLO) 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp',
		signIn: 'password',
		hint: '{endpoint} turns this client away for now (421 4.7.0 Try again later, closing connection. (EHLO) 5b1f17b1804b1-4a1b2c3d4e5sm1234567f8a.12 - gsmtp), as Gmail does with a sender that opens too many connections or sends too fast: lower Max Connections and Messages per Second, then try again later.',
	},
	{
		label: 'Gmail: the XOAUTH2 challenge (334 base64 JSON), then 535, for a token without the SMTP scope',
		stage: 'auth',
		reply: 'challenge',
		signIn: 'oauth2',
		hint: `{endpoint} refused the OAuth2 token for "${MAILBOX}" (535 Error: Username and Password not accepted), a freshly refreshed one too: the token does not allow SMTP for this mailbox, so check that Mailbox is the account you connected and that the app has the scope the SMTP server needs, then reconnect the credential.`,
	},
	{
		label: 'any server: a policy refusal at RCPT TO of a client that did not log in, while AUTH is offered',
		stage: 'rcptTo',
		reply: `554 5.7.1 <${MAILBOX}>: Client host rejected: Access denied`,
		signIn: 'anonymous',
		hint: `{endpoint} refused mail from a client that has not logged in (554 5.7.1 <${MAILBOX}>: Client host rejected: Access denied) and offers AUTH: it takes mail only after a login, so fill in Username and Password.`,
	},
];

let authorization: AuthorizationServer;
beforeAll(async () => {
	authorization = await startAuthorizationServer({ redirectUris: [REDIRECT_URI] });
});
afterAll(async () => {
	await authorization?.close();
});

const startSink = useSmtpSinks();

/** "550 5.7.30 Basic …" → an error smtp-server answers with exactly that line. */
function refusal(reply: string): Error {
	const [, code, text] = /^(\d{3}) (.*)$/.exec(reply)!;
	return smtpError(Number(code), text);
}

/** A real smtp-server that answers `reply` at the case's step and accepts everything else. */
function sinkFor(c: Case): SinkOptions {
	const refuseAt = (stage: Stage) => (c.stage === stage && c.reply !== 'challenge' ? refusal(c.reply) : null);
	const onAuth = (_auth: SMTPServerAuthentication, _session: SMTPServerSession, callback: (error: Error | null, response?: { user: string }) => void) => {
		const refused = refuseAt('auth');
		return refused ? callback(refused) : callback(null, { user: MAILBOX });
	};
	const server: SinkOptions['server'] = {
		onConnect: (_session, callback) => callback(refuseAt('greeting')),
		onMailFrom: (_address: SMTPServerAddress, _session, callback) => callback(refuseAt('mailFrom')),
		onRcptTo: (_address: SMTPServerAddress, _session, callback) => callback(refuseAt('rcptTo')),
		onData: (stream: SMTPServerDataStream, _session, callback) => {
			stream.on('end', () => callback(refuseAt('data')));
			stream.resume();
		},
	};
	if (c.signIn === 'oauth2') {
		// XOAUTH2 only; the challenge case refuses every token, the others answer the case's reply
		const xoauth2 = { verify: async () => false, refusal: 'challenge' as const };
		return c.reply === 'challenge' ? { xoauth2, server } : { xoauth2, server: { ...server, onAuth } };
	}
	// AUTH on offer but not required: the anonymous cases reach MAIL FROM without a login
	return { auth: LOGIN, authRequired: false, server: { ...server, onAuth } };
}

async function credentialFor(c: Case, port: number): Promise<ICredentialDataDecryptedObject> {
	const fromEmail = c.fromEmail ?? MAILBOX;
	if (c.signIn === 'oauth2') {
		const tokenData = await connectAccount(authorization, MAILBOX, { redirectUri: REDIRECT_URI });
		return oauth2Credential(authorization, port, MAILBOX, tokenData, { fromEmail });
	}
	const login = c.signIn === 'password' ? { user: LOGIN.user, password: LOGIN.pass } : { user: '', password: '' };
	return smtpCredential(port, { ...login, fromEmail });
}

/** What the user reads after the connection test: the test's message (password) or Check Connection's error (OAuth2). */
async function connectionTestHint(c: Case, credential: ICredentialDataDecryptedObject): Promise<string> {
	if (c.signIn !== 'oauth2') {
		const node = new MailshitSmtp();
		const result = await node.methods.credentialTest.mailshitSmtpConnectionTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'test',
			type: 'mailshitSmtpApi',
			data: credential,
		});
		expect(result.status).toBe('Error');
		return result.message;
	}
	const run = await runMailshitNode({ items: jsonItems([{}]), parameters: { operation: 'checkConnection', authentication: 'oAuth2' }, credential });
	expect(run.error?.name).toBe('NodeApiError');
	return String(run.error?.description);
}

async function sendHint(c: Case, credential: ICredentialDataDecryptedObject): Promise<string> {
	const run = await runMailshitNode({
		items: jsonItems([{ email: 'reader@example.com' }]),
		parameters: {
			operation: 'send',
			authentication: c.signIn === 'oauth2' ? 'oAuth2' : 'password',
			toEmail: '={{ $json.email }}',
			subject: 'Hello',
			template: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>',
			options: { retries: 0 },
		},
		credential,
		onError: 'continueRegularOutput',
	});
	expect(run.main.map((item) => item.json.type)).toEqual(['send_failed']);
	return String(run.main[0].json.hint);
}

describe('each provider reply gets its own cause and fix, in the connection test and in Send', () => {
	it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
		const sink = await startSink(sinkFor(c));
		const credential = await credentialFor(c, sink.port);
		const expected = c.hint.replace('{endpoint}', `127.0.0.1:${sink.port}`);
		if (!c.sendOnly) expect(await connectionTestHint(c, credential)).toBe(expected);
		expect(await sendHint(c, credential)).toBe(expected);
		expect(sink.messages).toHaveLength(0);
	});
});
