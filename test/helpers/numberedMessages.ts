/**
 * The delivery tests' workload: one short plain-text message per item, numbered, so the sink's
 * records and the node's output can be matched item by item.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { jsonItems } from './n8nEngine';

/** Send "Message {{n}}" to the item's `email`; `options` go under the node's Options (a short Retry Delay by default). */
export function numberedMessageParameters(options: Record<string, unknown> = {}) {
	return {
		operation: 'send',
		toEmail: '={{ $json.email }}',
		subject: 'Message {{n}}',
		templateFormat: 'text',
		template: 'Number {{n}}',
		options: { retryDelaySeconds: 0.05, ...options },
	};
}

/** One item `{ n, email }` per address, `n` counting from 0. */
export function numberedItems(emails: string[]): INodeExecutionData[] {
	return jsonItems(emails.map((email, n) => ({ n, email })));
}
