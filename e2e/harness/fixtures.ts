/**
 * Workflows and credentials as n8n stores and imports them, for the suite and `npm start`.
 *
 * Type names as n8n registers a community package's types: `<package name>.<node name>` for the
 * node (both majors; `n8n-nodes-mailshit.mailshitSmtp`), the bare name for the credential.
 */
import { smtpCredential } from '../../test/helpers/credentials';
import type { CredentialImport } from './n8nCli';
import { PACKAGE_NAME } from './communityPackage';

export const NODE_TYPE = `${PACKAGE_NAME}.mailshitSmtp`;
export const CREDENTIAL_TYPE = 'mailshitSmtpApi';
export const TRIGGER_NAME = 'When clicking ‘Execute workflow’';

/** The credential form of a server on 127.0.0.1 without TLS (what a user fills in for a relay). */
export function customSmtpCredential(
	id: string,
	name: string,
	port: number,
	overrides: Record<string, unknown> = {},
): CredentialImport {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: smtpCredential(port, {
			fromEmail: 'news@mailshit.example',
			fromName: 'mailshit news',
			caBundle: '',
			clientHostName: 'n8n-e2e.mailshit.test',
			connectionTimeout: 5,
			...overrides,
		}),
	};
}

/** The "Local mail catcher" preset, as the form saves it. */
export function localCatcherCredential(id: string, name: string, port: number, fromEmail: string): CredentialImport {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: {
			provider: 'localCatcher',
			catcherHost: '127.0.0.1',
			catcherPort: port,
			startTls: 'opportunistic',
			user: '',
			password: '',
			fromEmail,
			fromName: 'mailshit demo',
			allowSelfSigned: false,
			caBundle: '',
			clientHostName: '',
			connectionTimeout: 10,
		},
	};
}

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** A trigger's webhook id (the Webhook node). */
	webhookId?: string;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

export interface WorkflowFixture {
	id: string;
	name: string;
	active: false;
	nodes: WorkflowNode[];
	connections: Connections;
	settings: { executionOrder: 'v1'; executionTimeout?: number };
	pinData: Record<string, never>;
}

let nodeCounter = 0;
const nodeId = () => `00000000-0000-4000-8000-${String(++nodeCounter).padStart(12, '0')}`;

export function manualTrigger(): WorkflowNode {
	return { id: nodeId(), name: TRIGGER_NAME, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

/** A production webhook (POST) that answers as soon as the execution is queued. */
export function webhookTrigger(path: string): WorkflowNode {
	const id = nodeId();
	return { id, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, webhookId: id };
}

/** A Code node (JavaScript, run once for all items) running `jsCode`. */
export function jsCodeNode(name: string, jsCode: string): WorkflowNode {
	return { id: nodeId(), name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode } };
}

/** A Code node that returns these rows as items. */
export function codeNode(name: string, rows: object[]): WorkflowNode {
	return jsCodeNode(name, `// ${rows.length} recipients\nconst rows = ${JSON.stringify(rows, null, 2)};\n\nreturn rows.map((row) => ({ json: row }));\n`);
}

/** A Code node that makes `count` items `{ n, email: "r<n>@example.com" }` (a list too long to write out). */
export function numberedItemsNode(name: string, count: number): WorkflowNode {
	return jsCodeNode(name, `return Array.from({ length: ${count} }, (_, n) => ({ json: { n, email: \`r\${n}@example.com\` } }));\n`);
}

export function noOpNode(name: string, y = 0): WorkflowNode {
	return { id: nodeId(), name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, y], parameters: {} };
}

export function mailshitNode(name: string, credential: { id: string; name: string }, parameters: Record<string, unknown>, onError?: WorkflowNode['onError']): WorkflowNode {
	return {
		id: nodeId(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		...(onError ? { onError } : {}),
	};
}

const link = (node: string) => ({ node, type: 'main' as const, index: 0 });

/** Trigger → items → mailshit SMTP, and the node's outputs (one, or success + error) to the given nodes. */
export function sendWorkflow(id: string, name: string, items: WorkflowNode, send: WorkflowNode, outputs: WorkflowNode[] = [], trigger = manualTrigger()): WorkflowFixture {
	const connections: Connections = {
		[trigger.name]: { main: [[link(items.name)]] },
		[items.name]: { main: [[link(send.name)]] },
	};
	if (outputs.length) connections[send.name] = { main: outputs.map((output) => [link(output.name)]) };
	return { id, name, active: false, nodes: [trigger, items, send, ...outputs], connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

