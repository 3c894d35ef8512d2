import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { mailshitSmtpConnectionTest } from './methods/credentialTest';

export class MailshitSmtp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'mailshit SMTP',
		name: 'mailshitSmtp',
		icon: { light: 'file:../../icons/mailshit.svg', dark: 'file:../../icons/mailshit.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Render MJML email templates with per-item variables and send them over SMTP',
		defaults: { name: 'mailshit SMTP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mailshitSmtpApi', required: true, testedBy: 'mailshitSmtpConnectionTest' }],
		properties: [],
	};

	methods = { credentialTest: { mailshitSmtpConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}
