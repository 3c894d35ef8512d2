/**
 * The one place an operation reads the credential it sends with: the settings every transport is
 * built from, and how it signs in. Errors in a stored credential become a node error naming the field.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { ConfigurationError } from '../shared/configurationError';
import { readSmtpSettings, type SmtpSettings } from '../smtp/settings';
import { configurationError, unexpectedError } from './nodeOutput';

export interface SmtpConnection {
	settings: SmtpSettings;
	/** A source of OAuth2 access tokens when the credential signs in with OAuth2; undefined with a password. */
	auth?: undefined;
}

export async function readSmtpConnection(context: IExecuteFunctions, itemIndex: number): Promise<SmtpConnection> {
	try {
		return { settings: readSmtpSettings(await context.getCredentials('mailshitSmtpApi', itemIndex)), auth: undefined };
	} catch (error) {
		if (error instanceof ConfigurationError) throw configurationError(context.getNode(), error.message, `credential: ${error.field}`, itemIndex);
		throw unexpectedError(context.getNode(), error, itemIndex);
	}
}
