import {
	NodeConnectionTypes,
	SEND_AND_WAIT_OPERATION,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import * as render from './actions/render.operation';
import { router } from './actions/router';
import * as send from './actions/send/send.operation';
import * as sendAndWait from './actions/sendAndWait/sendAndWait.operation';
import { sendAndWaitWebhook } from './actions/sendAndWait/webhook';
import * as verify from './actions/verify.operation';
import { mailshitSmtpConnectionTest } from './methods/credentialTest';
import { getTemplateVariables } from './methods/loadOptions';

/** The node: its description and a dispatch to the operation files, nothing else. */
export class MailshitSmtp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'mailshit SMTP',
		name: 'mailshitSmtp',
		icon: { light: 'file:../../icons/mailshit.svg', dark: 'file:../../icons/mailshit.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ { send: "Send email", sendAndWait: "Send and wait for response", render: "Render template", verify: "Verify address" }[$parameter["operation"]] }}',
		description: 'Render MJML email templates with per-item variables and send them over SMTP',
		defaults: { name: 'mailshit SMTP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'mailshitSmtpApi',
				required: true,
				testedBy: 'mailshitSmtpConnectionTest',
				displayOptions: { show: { operation: ['send', SEND_AND_WAIT_OPERATION] } },
			},
		],
		// Resume links of Send and Wait: n8n serves them at /webhook-waiting/<execution>/<node id>
		// while an execution waits at this node (restartWebhook), never as a workflow trigger.
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', responseData: '', path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '={{ $nodeId }}', restartWebhook: true, isFullPath: true },
		],
		waitingNodeTooltip: '={{ $parameter["operation"] === "sendAndWait" ? "Execution will continue after the recipient answers (or the wait limit passes)" : "" }}',
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'send',
				options: [
					{ name: 'Send', value: 'send', action: 'Send an email', description: 'Render the template per item and send it over SMTP' },
					{
						name: 'Send and Wait for Response',
						value: SEND_AND_WAIT_OPERATION,
						action: 'Send an email and wait for a response',
						description: 'Send one email with approval buttons or a form link, and wait until the recipient answers',
					},
					{
						name: 'Render',
						value: 'render',
						action: 'Render an email template',
						description: 'Render html, text and subject per item without sending (no credential needed)',
					},
					{
						name: 'Verify Address',
						value: 'verify',
						action: 'Verify an email address',
						description: 'Check format, domain, MX records, disposable and role-based per item (DNS only, no credential, nothing sent)',
					},
				],
			},
			...send.description,
			...sendAndWait.description,
			...render.description,
			...verify.description,
		],
	};

	methods = {
		credentialTest: { mailshitSmtpConnectionTest },
		loadOptions: { getTemplateVariables },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
