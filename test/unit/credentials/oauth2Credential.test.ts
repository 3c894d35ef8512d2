/**
 * The OAuth2 credential's provider presets are data, pinned here; and the hidden fields n8n's OAuth2
 * code reads (authorization and token URLs, scope, query parameters, client authentication) resolve
 * to them through n8n-workflow's own expression engine, as n8n resolves them with `$self`. And the
 * node offers the credential for exactly the operations that sign in.
 */
import { NodeHelpers } from 'n8n-workflow';
import { MailshitSmtpOAuth2Api } from '../../../credentials/MailshitSmtpOAuth2Api.credentials';
import { OAUTH2_PROVIDER_PRESETS } from '../../../credentials/providers';
import { MailshitSmtp } from '../../../nodes/MailshitSmtp/MailshitSmtp.node';
import { credentialAsN8nReadsIt } from '../../helpers/n8nEngine';

const credential = new MailshitSmtpOAuth2Api();

describe('the presets (what the README and the notices promise)', () => {
	it('Microsoft 365, Google and Custom, in that order, with these URLs, scopes and servers', () => {
		expect(OAUTH2_PROVIDER_PRESETS.map(({ id, label, authorization, endpoint }) => ({ id, label, authorization, endpoint }))).toEqual([
			{
				id: 'microsoft365',
				label: 'Microsoft 365 / Outlook.com',
				authorization: {
					authUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
					accessTokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
					scope: 'https://outlook.office.com/SMTP.Send offline_access',
					authQueryParameters: 'response_mode=query&prompt=select_account',
					clientAuthentication: 'body',
				},
				endpoint: { host: 'smtp.office365.com', port: 587, secure: false, startTls: 'required' },
			},
			{
				id: 'google',
				label: 'Google / Gmail',
				authorization: {
					authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
					accessTokenUrl: 'https://oauth2.googleapis.com/token',
					scope: 'https://mail.google.com/',
					authQueryParameters: 'access_type=offline&prompt=consent',
					clientAuthentication: 'header',
				},
				endpoint: { host: 'smtp.gmail.com', port: 587, secure: false, startTls: 'required' },
			},
			{ id: 'custom', label: 'Custom OAuth2 Provider', authorization: undefined, endpoint: undefined },
		]);
	});

	it('the Microsoft notice names the redirect URI, SMTP.Send and Authenticated SMTP; the Google one the Gmail scope', () => {
		const [microsoft, google] = OAUTH2_PROVIDER_PRESETS;
		expect(microsoft.guidance).toMatch(/Redirect URI \(Web\) = the OAuth Redirect URL.*Delegated: SMTP\.Send and offline_access.*"Authenticated SMTP" turned on/);
		expect(google.guidance).toMatch(/https:\/\/mail\.google\.com\/.*OAuth client ID > Web application with the OAuth Redirect URL/);
	});
});

describe('the credential type', () => {
	it('is n8n OAuth2 (authorization code), named as n8n\'s lint requires', () => {
		expect({ name: credential.name, displayName: credential.displayName, extends: credential.extends }).toEqual({
			name: 'mailshitSmtpOAuth2Api',
			displayName: 'mailshit SMTP OAuth2 API',
			extends: ['oAuth2Api'],
		});
	});

	it('keeps every field n8n\'s OAuth2 code reads hidden (n8n 1.x would swap a visible scope for the default)', () => {
		const hidden = credential.properties.filter((p) => p.type === 'hidden').map((p) => p.name);
		expect(hidden).toEqual(['grantType', 'authUrl', 'accessTokenUrl', 'scope', 'authQueryParameters', 'authentication']);
	});
});

describe('the hidden fields resolve per provider, as n8n reads the credential', () => {
	const resolved = (data: Record<string, unknown>) => {
		const all = credentialAsN8nReadsIt('mailshitSmtpOAuth2Api', data as never);
		return { grantType: all.grantType, authUrl: all.authUrl, accessTokenUrl: all.accessTokenUrl, scope: all.scope, authQueryParameters: all.authQueryParameters, authentication: all.authentication };
	};

	it.each([
		['no provider stored (the form\'s default)', {}, 'common'],
		['Microsoft 365, default tenant', { provider: 'microsoft365' }, 'common'],
		['Microsoft 365, a tenant id (spaces trimmed)', { provider: 'microsoft365', tenant: ' 72f988bf-86f1-41af-91ab-2d7cd011db47 ' }, '72f988bf-86f1-41af-91ab-2d7cd011db47'],
		['Microsoft 365, personal accounts', { provider: 'microsoft365', tenant: 'consumers' }, 'consumers'],
	])('%s', (_label, data, tenant) => {
		expect(resolved(data)).toEqual({
			grantType: 'authorizationCode',
			authUrl: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`,
			accessTokenUrl: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
			scope: 'https://outlook.office.com/SMTP.Send offline_access',
			authQueryParameters: 'response_mode=query&prompt=select_account',
			authentication: 'body',
		});
	});

	it('Google', () => {
		expect(resolved({ provider: 'google', tenant: 'ignored' })).toEqual({
			grantType: 'authorizationCode',
			authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
			accessTokenUrl: 'https://oauth2.googleapis.com/token',
			scope: 'https://mail.google.com/',
			authQueryParameters: 'access_type=offline&prompt=consent',
			authentication: 'header',
		});
	});

	it('Custom: what the user typed', () => {
		expect(
			resolved({
				provider: 'custom',
				customAuthUrl: 'https://api.login.yahoo.com/oauth2/request_auth',
				customAccessTokenUrl: 'https://api.login.yahoo.com/oauth2/get_token',
				customScope: 'mail-w',
				customAuthQueryParameters: 'language=en-us',
				customClientAuthentication: 'body',
			}),
		).toEqual({
			grantType: 'authorizationCode',
			authUrl: 'https://api.login.yahoo.com/oauth2/request_auth',
			accessTokenUrl: 'https://api.login.yahoo.com/oauth2/get_token',
			scope: 'mail-w',
			authQueryParameters: 'language=en-us',
			authentication: 'body',
		});
	});
});

describe('the node offers each credential where it signs in, as n8n decides it (NodeHelpers.displayParameter)', () => {
	const node = new MailshitSmtp().description;
	/** The node's parameters as n8n holds them (defaults filled in: a workflow from before OAuth2 has no authentication). */
	const shownFor = (operation: string, authentication?: string) => {
		const set = { operation, ...(authentication ? { authentication } : {}) };
		const parameters = NodeHelpers.getNodeParameters(node.properties, set, true, false, { typeVersion: 1 }, node)!;
		return (node.credentials ?? []).filter((slot) => NodeHelpers.displayParameter(parameters, slot, { typeVersion: 1 }, node)).map((slot) => slot.name);
	};

	it.each(['send', 'sendAndWait', 'checkConnection'])('%s: the password credential by default and with Password, the OAuth2 one with OAuth2', (operation) => {
		expect(shownFor(operation)).toEqual(['mailshitSmtpApi']);
		expect(shownFor(operation, 'password')).toEqual(['mailshitSmtpApi']);
		expect(shownFor(operation, 'oAuth2')).toEqual(['mailshitSmtpOAuth2Api']);
	});

	it.each(['render', 'verify'])('%s: no credential', (operation) => {
		expect(shownFor(operation, 'oAuth2')).toEqual([]);
		expect(shownFor(operation, 'password')).toEqual([]);
	});
});
