/**
 * The one place an operation gets its SMTP connection from: the Authentication parameter picks the
 * credential (password or OAuth2), which is read into typed settings, and for OAuth2 into a token
 * source that refreshes through n8n. Every operation that talks SMTP calls readSmtpConnection.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { oauthSecretForms, redactSecrets } from '../smtp/redactSecrets';
import { readOAuth2SmtpSettings, readSmtpSettings, type SmtpSettings } from '../smtp/settings';
import { ConfigurationError } from '../shared/configurationError';
import { createOAuthTokenSource, OAuthTokenError, type OAuthToken } from '../transport/oauthTokens';
import { PASSWORD_AUTH, type SmtpAuth } from '../transport/smtpOptions';
import { configurationError, unexpectedError } from './nodeOutput';

/** The node's Authentication parameter. */
export type Authentication = 'password' | 'oAuth2';

/** The credential type each Authentication value shows (as the node's description lists them). */
export function credentialType(authentication: Authentication): string {
	return authentication === 'oAuth2' ? 'mailshitSmtpOAuth2Api' : 'mailshitSmtpApi';
}

export interface SmtpConnection {
	settings: SmtpSettings;
	auth: SmtpAuth;
}

/**
 * The token n8n stored at the end of "Connect my account" or at the last refresh. n8n 2.x adds
 * `n8n_expires_at` (epoch ms, as a string); 1.x keeps only the relative `expires_in`, so there the
 * token's end is unknown and only the server's refusal shows it.
 */
function storedToken(tokenData: unknown): OAuthToken {
	const data = tokenData && typeof tokenData === 'object' ? (tokenData as Record<string, unknown>) : {};
	const accessToken = typeof data.access_token === 'string' ? data.access_token : '';
	if (!accessToken) {
		throw new ConfigurationError('The OAuth2 credential is not connected to an account yet: open it and connect your account (Connect; in n8n 1.x Connect my account)', 'OAuth2 connection');
	}
	const expiresAt = Number(data.n8n_expires_at);
	return { accessToken, ...(Number.isFinite(expiresAt) && expiresAt > 0 ? { expiresAt } : {}) };
}

/**
 * n8n's refusal to refresh, in the words the hint needs. The refresh token is gone for good when
 * the token endpoint says invalid_grant (1.x hands its error on; 2.x turns it into "needs to be
 * reconnected" with the cause credential-invalid) or when there never was one.
 */
function refreshFailure(error: unknown, secrets: readonly string[]): OAuthTokenError {
	const e = (error && typeof error === 'object' ? error : {}) as { message?: string; body?: { error?: string }; failure?: { cause?: string } };
	const message = String(e.message ?? error);
	const reconnect =
		e.body?.error === 'invalid_grant' ||
		e.failure?.cause === 'credential-invalid' ||
		/invalid_grant|needs to be reconnected|not connected|refresh ?token (is required|is available)|no refresh token/i.test(message);
	return new OAuthTokenError(redactSecrets(`Refreshing the OAuth2 token failed: ${message}`, secrets), reconnect ? 'reconnect' : 'refreshFailed');
}

function oauth2Auth(context: IExecuteFunctions, user: string, data: ICredentialDataDecryptedObject): SmtpAuth {
	const tokenData = (data.oauthTokenData ?? {}) as Record<string, unknown>;
	const stored = storedToken(tokenData);
	const otherSecrets = [tokenData.refresh_token, data.clientSecret].filter((value): value is string => typeof value === 'string' && value !== '');
	const tokens = createOAuthTokenSource({
		user,
		stored,
		secrets: otherSecrets,
		refresh: async () => {
			try {
				// n8n asks the token endpoint and stores the new token in the credential
				const refreshed: unknown = await context.helpers.refreshOAuth2Token.call(context, credentialType('oAuth2'));
				return storedToken(refreshed);
			} catch (error) {
				throw refreshFailure(error, oauthSecretForms(user, [stored.accessToken], otherSecrets));
			}
		},
	});
	return { method: 'oauth2', tokens };
}

export async function readSmtpConnection(context: IExecuteFunctions, itemIndex = 0): Promise<SmtpConnection> {
	const authentication = context.getNodeParameter('authentication', itemIndex, 'password') as Authentication;
	try {
		const data = await context.getCredentials(credentialType(authentication), itemIndex);
		if (authentication !== 'oAuth2') return { settings: readSmtpSettings(data), auth: PASSWORD_AUTH };
		const settings = readOAuth2SmtpSettings(data);
		return { settings, auth: oauth2Auth(context, settings.user, data) };
	} catch (error) {
		if (error instanceof ConfigurationError) throw configurationError(context.getNode(), error.message, `credential: ${error.field}`, itemIndex);
		throw unexpectedError(context.getNode(), error, itemIndex);
	}
}
