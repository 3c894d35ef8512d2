/**
 * The other half of a Send and Wait run: its resume links served the way n8n serves them while the
 * execution waits. A real HTTP server on 127.0.0.1; each request becomes n8n-core's own
 * WebhookContext over the waiting execution (the node's stack entry, so `$json` in parameters
 * means what it means in n8n), with the query and body parsed as n8n parses them (multipart as
 * `{ data, files }`), and the node's webhook() answers it. What the webhook returned — whether it
 * resumed the execution, and with which items — is kept for the test to read.
 *
 * What n8n does before a request reaches the node (the signature check, "No action required" for a
 * finished execution) is n8n's and proven by the e2e suite, not here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import type { IWebhookData, IWebhookResponseData } from 'n8n-workflow';
import { MailshitSmtp } from '../../nodes/MailshitSmtp/MailshitSmtp.node';
import { WEBHOOK_WAITING_BASE, webhookAdditionalData, type NodeRun } from './n8nEngine';

export interface WebhookCall {
	method: string;
	url: string;
	result?: IWebhookResponseData;
	error?: unknown;
}

export interface WaitingWebhookServer {
	/** The link as the email has it, pointed at this server. */
	local(link: string): string;
	calls: WebhookCall[];
	close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks);
	const type = String(req.headers['content-type'] ?? '');
	if (type.startsWith('multipart/form-data')) {
		// undici parses multipart exactly as a browser builds it; n8n's formidable gives the same shape
		const form = await new Request('http://body.local/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
		const data: Record<string, string | string[]> = {};
		for (const [name, value] of form) {
			const text = String(value);
			const previous = data[name];
			data[name] = previous === undefined ? text : ([] as string[]).concat(previous, text);
		}
		return { data, files: {} };
	}
	if (type.startsWith('application/x-www-form-urlencoded')) {
		const data: Record<string, string | string[]> = {};
		for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
			const previous = data[name];
			data[name] = previous === undefined ? value : ([] as string[]).concat(previous, value);
		}
		return data;
	}
	return {};
}

export async function serveWaitingWebhook(run: NodeRun): Promise<WaitingWebhookServer> {
	const nodeType = new MailshitSmtp();
	const calls: WebhookCall[] = [];
	const server: Server = createServer((req, res) => {
		void handle(req, res);
	});
	async function handle(req: IncomingMessage, res: ServerResponse) {
		const call: WebhookCall = { method: req.method ?? 'GET', url: req.url ?? '/' };
		calls.push(call);
		try {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			Object.assign(req, { query: Object.fromEntries(url.searchParams), body: await readBody(req) });
			const webhookData = { httpMethod: req.method, node: run.node.name, path: run.node.id, webhookDescription: { restartWebhook: true } } as unknown as IWebhookData;
			const context = new WebhookContext(run.workflow, run.node, webhookAdditionalData(run.executionId, req, res), 'manual', webhookData, [], run.run.data);
			call.result = await nodeType.webhook.call(context);
		} catch (error) {
			call.error = error;
			if (!res.headersSent) res.writeHead(599).end(String(error));
		}
	}
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		local: (link) => link.replace(WEBHOOK_WAITING_BASE, `http://127.0.0.1:${port}/webhook-waiting`),
		calls,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
