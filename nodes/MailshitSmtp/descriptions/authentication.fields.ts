import { SEND_AND_WAIT_OPERATION, type INodeProperties } from 'n8n-workflow';

/** The operations that talk SMTP and so need a credential; the others (Render, Verify) need none. */
export const SMTP_OPERATIONS = ['send', SEND_AND_WAIT_OPERATION, 'checkConnection'];

/**
 * How the node signs in, as n8n's own nodes offer it: a parameter named `authentication` whose
 * value shows one credential. Password is the default, so a workflow saved before OAuth2 existed
 * (it has no such parameter) keeps its password credential.
 *
 * No displayOptions on purpose: n8n's editor treats it as the node's main authentication field,
 * shows it through the credential picker (which lists both kinds and sets this parameter to match
 * the one picked), and hides from the parameter list every parameter that field depends on — an
 * `operation` condition here would hide the Operation picker itself. The credentials are limited
 * to the SMTP operations instead (in the node's description).
 */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'OAuth2 (Microsoft 365, Google)',
			value: 'oAuth2',
			description: 'Sign in through n8n\'s OAuth flow, no password: needed for Microsoft 365 after December 2026',
		},
		{ name: 'Password', value: 'password', description: 'Username and password, an App Password, or no login at all' },
	],
	default: 'password',
};
