/**
 * The queue suite's and the benchmark's workload: an active workflow whose production webhook
 * takes a recipient list and a file (multipart/form-data), a Code node that makes one item per
 * recipient carrying the file, and mailshit SMTP sending the MJML newsletter with the file
 * attached. Plus the manual variant (Manual Trigger) for "Execute workflow" in the editor.
 */
import type { IDataObject } from 'n8n-workflow';
import { newsletterParameters, subscriber } from '../../examples/newsletter';
import { customSmtpCredential, jsCodeNode, mailshitNode, sendWorkflow, codeNode, webhookTrigger, type WorkflowFixture } from '../harness/fixtures';
import type { N8nRestClient } from '../harness/n8nRest';
import { waitUntil } from '../harness/processes';

export const WEBHOOK_PATH = 'mailshit-newsletter';
export const SEND_NODE = 'Send newsletter';
export const ATTACHMENT = { name: 'price-list.pdf', type: 'application/pdf', bytes: minimalPdf('mailshit price list') };

/** A one-page PDF saying `text`: a real binary file for the attachment. */
function minimalPdf(text: string): Buffer {
	const content = `BT /F1 18 Tf 20 40 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.4\n';
	const offsets = objects.map((object, index) => {
		const offset = body.length;
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
		return offset;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

/** `count` subscribers whose addresses say which batch they are in: `<prefix><batch>-<n>@example.com`. */
export function batchRecipients(prefix: string, batch: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) => subscriber(batch * 100_000 + n, { email: `${prefix}${batch}-${n}@example.com` }));
}

export interface SendOptions {
	maxConnections: number;
	/** Where the node appends its Sent Log File; none when unset. */
	sentLogFile?: string;
}

function sendParameters(options: SendOptions, attachment: boolean) {
	const parameters = newsletterParameters();
	parameters.options = {
		...(parameters.options as IDataObject),
		maxConnections: options.maxConnections,
		...(attachment ? { attachments: 'attachment' } : {}),
		...(options.sentLogFile ? { sentLogFile: options.sentLogFile } : {}),
	};
	return parameters;
}

// the list arrives as one form field (JSON) and the file as another; every item carries the file
const SPLIT_RECIPIENTS = `// one item per subscriber, each with the request's file as its binary "attachment"
const request = $input.first();
const rows = JSON.parse(request.json.body.recipients);
return rows.map((row) => ({ json: row, binary: request.binary }));
`;

export function webhookWorkflow(credential: { id: string; name: string }, options: SendOptions): WorkflowFixture {
	const send = mailshitNode(SEND_NODE, credential, sendParameters(options, true));
	return sendWorkflow('mailshitQueueWebhook', 'mailshit queue: newsletter webhook', jsCodeNode('Recipients', SPLIT_RECIPIENTS), send, [], webhookTrigger(WEBHOOK_PATH));
}

export function manualWorkflow(credential: { id: string; name: string }, rows: IDataObject[], options: SendOptions): WorkflowFixture {
	const send = mailshitNode(SEND_NODE, credential, sendParameters(options, false));
	return sendWorkflow('mailshitQueueManual', 'mailshit queue: manual run', codeNode('Subscribers', rows), send);
}

export { customSmtpCredential };

/** Creates the workflow through the editor's API and publishes it (2.x), so its webhook goes live. */
export async function createActiveWorkflow(rest: N8nRestClient, workflow: object): Promise<string> {
	const created = await rest.createWorkflow({ ...workflow, active: undefined });
	await rest.activateWorkflow(created.id, created.versionId);
	return created.id;
}

/**
 * Waits until main serves the production webhook: it registers webhooks shortly after it reports
 * ready. A GET answers "not registered for GET requests" once the POST webhook exists.
 */
export async function waitForWebhook(baseUrl: string, path = WEBHOOK_PATH): Promise<void> {
	await waitUntil(
		async () => {
			const response = await fetch(`${baseUrl}/webhook/${path}`, { signal: AbortSignal.timeout(5_000) });
			const text = await response.text();
			return /not registered for GET requests/.test(text);
		},
		`the webhook /webhook/${path} to be registered`,
		60_000,
		250,
	);
}

/** What a user's system does: POST the list and the file to the production webhook. */
export async function postBatch(baseUrl: string, rows: IDataObject[]): Promise<void> {
	const form = new FormData();
	form.append('recipients', JSON.stringify(rows));
	form.append('attachment', new Blob([ATTACHMENT.bytes], { type: ATTACHMENT.type }), ATTACHMENT.name);
	const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
	const text = await response.text();
	if (!response.ok) throw new Error(`POST /webhook/${WEBHOOK_PATH}: HTTP ${response.status} ${text.slice(0, 300)}`);
}
