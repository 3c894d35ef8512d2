import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { MailshitSmtp } from '../../nodes/MailshitSmtp/MailshitSmtp.node';

/** Runs the credential test exactly as n8n does: through the node's methods.credentialTest, by its testedBy name. */
export async function runCredentialTest(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const node = new MailshitSmtp();
	const testedBy = node.description.credentials?.[0].testedBy as string;
	const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
	return test.call({} as ICredentialTestFunctions, { id: '1', name: 'test', type: 'mailshitSmtpApi', data });
}
