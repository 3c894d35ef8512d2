import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { testSmtpConnection } from '../transport/connectionTest';
import { readSmtpSettings } from '../smtp/settings';
import { ConfigurationError } from '../shared/configurationError';

/**
 * What n8n runs when the user clicks Save or Retry on the credential (the node names it in
 * `testedBy`): a real SMTP session with the sending options, answered in one sentence.
 */
export async function mailshitSmtpConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let settings;
	try {
		settings = readSmtpSettings(credential.data ?? {});
	} catch (error) {
		// readSmtpSettings throws only ConfigurationError: a sentence naming the field to fix
		return { status: 'Error', message: (error as ConfigurationError).message };
	}
	const result = await testSmtpConnection(settings);
	return result.ok ? { status: 'OK', message: result.value } : { status: 'Error', message: result.failure.hint };
}
