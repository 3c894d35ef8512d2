/**
 * The per-run token source on its own: one refresh per run however many ask, the expiry margin on
 * an injected clock, a failed refresh remembered. The token endpoint here is a counter the test
 * releases by hand; the integration suite runs the same source against a real authorization server
 * through n8n-core's refreshOAuth2Token.
 */
import { createOAuthTokenSource, EXPIRY_MARGIN_MS, OAuthTokenError, type OAuthToken } from '../../../nodes/MailshitSmtp/transport/oauthTokens';

function tokenEndpoint() {
	const endpoint = {
		calls: 0,
		/** Answers the refresh in flight with a token or an error. */
		release: undefined as unknown as (answer: OAuthToken | Error) => void,
		refresh: () => {
			endpoint.calls++;
			return new Promise<OAuthToken>((resolve, reject) => {
				endpoint.release = (token) => (token instanceof Error ? reject(token) : resolve(token));
			});
		},
	};
	return endpoint;
}

const NOW = 1_800_000_000_000;

describe('createOAuthTokenSource', () => {
	it('uses the stored token while it is valid, refreshing nothing', async () => {
		const endpoint = tokenEndpoint();
		const tokens = createOAuthTokenSource({ user: 'ada', stored: { accessToken: 'A', expiresAt: NOW + EXPIRY_MARGIN_MS + 1 }, refresh: endpoint.refresh, now: () => NOW });
		expect(await tokens.token()).toBe('A');
		expect(endpoint.calls).toBe(0);
	});

	it('refreshes first when the stored token ends within the margin; everyone asking meanwhile waits for that one refresh', async () => {
		const endpoint = tokenEndpoint();
		const tokens = createOAuthTokenSource({ user: 'ada', stored: { accessToken: 'A', expiresAt: NOW + EXPIRY_MARGIN_MS }, refresh: endpoint.refresh, now: () => NOW });
		const asked = Promise.all([tokens.token(), tokens.token(), tokens.token()]);
		endpoint.release({ accessToken: 'B' });
		expect(await asked).toEqual(['B', 'B', 'B']);
		expect(endpoint.calls).toBe(1);
	});

	it('five connections refused at once: one refresh; a refusal of the refreshed token is final', async () => {
		const endpoint = tokenEndpoint();
		const tokens = createOAuthTokenSource({ user: 'ada', stored: { accessToken: 'A' }, refresh: endpoint.refresh });
		const renewals = Promise.all(Array.from({ length: 5 }, () => tokens.renewAfterRejection(0)));
		endpoint.release({ accessToken: 'B' });
		expect(await renewals).toEqual([true, true, true, true, true]);
		expect(endpoint.calls).toBe(1);
		expect(tokens.generation).toBe(1);
		expect(await tokens.token()).toBe('B');
		expect(await tokens.renewAfterRejection(1)).toBe(false);
		expect(endpoint.calls).toBe(1);
	});

	it('nodemailer\'s renew (after a 334 challenge) shares the same refresh', async () => {
		const endpoint = tokenEndpoint();
		const tokens = createOAuthTokenSource({ user: 'ada', stored: { accessToken: 'A' }, refresh: endpoint.refresh });
		const provided = Array.from({ length: 3 }, () => new Promise((resolve) => tokens.provisionCallback('ada', true, (error, token) => resolve(error ?? token))));
		endpoint.release({ accessToken: 'B' });
		expect(await Promise.all(provided)).toEqual(['B', 'B', 'B']);
		expect(endpoint.calls).toBe(1);
	});

	it('a failed refresh is remembered: every later caller gets it, the endpoint is asked once', async () => {
		const endpoint = tokenEndpoint();
		const tokens = createOAuthTokenSource({ user: 'ada', stored: { accessToken: 'A' }, refresh: endpoint.refresh });
		const first = tokens.renewAfterRejection(0);
		endpoint.release(new OAuthTokenError('Refreshing the OAuth2 token failed: invalid_grant', 'reconnect'));
		await expect(first).rejects.toMatchObject({ oauthFailure: 'reconnect' });
		await expect(tokens.renewAfterRejection(0)).rejects.toMatchObject({ oauthFailure: 'reconnect' });
		await expect(new Promise((resolve) => tokens.provisionCallback('ada', true, (error) => resolve(error)))).resolves.toMatchObject({ oauthFailure: 'reconnect' });
		expect(endpoint.calls).toBe(1);
	});

	it('knows every form of every token it handed out, and the other secrets', async () => {
		const endpoint = tokenEndpoint();
		const tokens = createOAuthTokenSource({ user: 'ada', stored: { accessToken: 'A+/=' }, refresh: endpoint.refresh, secrets: ['refresh-1', 'client secret'] });
		const renewed = tokens.renewAfterRejection(0);
		endpoint.release({ accessToken: 'B' });
		await renewed;
		expect(tokens.secretForms()).toEqual(
			expect.arrayContaining([
				'A+/=',
				'A%2B%2F%3D',
				Buffer.from('user=ada\u0001auth=Bearer A+/=\u0001\u0001').toString('base64'),
				'B',
				Buffer.from('user=ada\u0001auth=Bearer B\u0001\u0001').toString('base64'),
				'refresh-1',
				'client secret',
				'client%20secret',
			]),
		);
	});
});
