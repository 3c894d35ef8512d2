import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readSmtpConnection } from '../helpers/smtpCredential';
import { serviceError } from '../helpers/nodeOutput';
import { testSmtpConnection } from '../transport/connectionTest';

/** No fields of its own: the credential (picked by Authentication) is all it needs. */
export const description: INodeProperties[] = [];

/**
 * The credential test, as an operation: n8n never runs a node's credential test for an OAuth2
 * credential, so this is how an OAuth2 user (and anyone, from a workflow) gets the same session —
 * TLS, sign-in, MAIL FROM and RCPT TO without sending — and the same one-sentence answer.
 * One output item whatever the input: the check is about the credential, not the items.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { settings, auth } = await readSmtpConnection(this);
	const result = await testSmtpConnection(settings, auth);
	if (result.ok) return [[{ json: { ok: true, message: result.value }, pairedItem: { item: 0 } }]];
	const failure = result.failure;
	if (!this.continueOnFail()) throw serviceError(this.getNode(), 0, `The connection check failed: ${failure.error}`, failure);
	return [[{ json: { ok: false, message: failure.hint, code: failure.code }, pairedItem: { item: 0 } }]];
}
