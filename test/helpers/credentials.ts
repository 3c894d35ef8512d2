import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * Credential data as n8n hands it to the node: a custom server on 127.0.0.1 unless overridden.
 * The sender-DNS check is off: tests that want it turn it on with a DNS server of their own on
 * 127.0.0.1, so no test asks the machine's resolver about a domain.
 */
export function smtpCredential(port: number, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		provider: 'custom',
		host: '127.0.0.1',
		port,
		secure: false,
		startTls: 'opportunistic',
		user: '',
		password: '',
		fromEmail: 'sender@example.com',
		fromName: 'Sender',
		allowSelfSigned: false,
		clientHostName: 'n8n.test',
		connectionTimeout: 3,
		checkSenderDns: false,
		...overrides,
	};
}

/** A password with the characters that break naive escaping, used wherever a test checks for leaks. */
export const TEST_PASSWORD = 'p@ss:w%rd-ünï-🔑';

function base64(text: string): string {
	return Buffer.from(text).toString('base64');
}

/** The password's forms a leak could take: as given, URL-encoded, base64, and AUTH PLAIN's base64 of "\0user\0password". */
export function passwordForms(user: string, password: string): string[] {
	return [password, encodeURIComponent(password), base64(password), base64(`\0${user}\0${password}`)];
}

/** The OAuth2 credential as n8n hands it to the node: the Custom provider, pointed at the tests' servers. */
export function oauth2Credential(
	authorization: { authUrl: string; tokenUrl: string; client: { id: string; secret: string } },
	smtpPort: number,
	mailbox: string,
	oauthTokenData: Record<string, unknown> | undefined,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		provider: 'custom',
		customAuthUrl: authorization.authUrl,
		customAccessTokenUrl: authorization.tokenUrl,
		customScope: 'smtp.send offline_access',
		customClientAuthentication: 'header',
		clientId: authorization.client.id,
		clientSecret: authorization.client.secret,
		host: '127.0.0.1',
		port: smtpPort,
		secure: false,
		startTls: 'opportunistic',
		user: mailbox,
		fromEmail: mailbox,
		fromName: 'OAuth2 sender',
		clientHostName: 'n8n.test',
		connectionTimeout: 5,
		// the sender-DNS check would ask the system's resolver about a made-up domain: tests stay on loopback
		checkSenderDns: false,
		...(oauthTokenData ? { oauthTokenData: oauthTokenData as IDataObject } : {}),
		...overrides,
	};
}
