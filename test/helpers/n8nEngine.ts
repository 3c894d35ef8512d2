/**
 * Runs the mailshit node inside n8n's own execution engine (n8n-core's WorkflowExecute with
 * n8n-workflow's Workflow): a two-node workflow, a source node of the test's own that emits the
 * given items, then mailshit SMTP with real parameter and expression resolution. Nothing here
 * mocks the node's inputs: n8n builds the execute context exactly as it does in production.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowBase,
	type NodeExecutionHint,
} from 'n8n-workflow';
import { MailshitSmtp } from '../../nodes/MailshitSmtp/MailshitSmtp.node';

export const SOURCE = 'Items';
export const MAILSHIT = 'mailshit SMTP';

/** Hands the test's credential to the node, as n8n's CredentialsHelper does after decryption. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return requestOptions;
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the node');
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): INodeProperties[] {
		return [];
	}
}

/** The test's own start node: emits the items (json and binary) it was built with. */
function itemsSource(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Items',
			name: 'testItems',
			group: ['input'],
			version: 1,
			description: 'Emits test items',
			defaults: { name: SOURCE },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
		},
	};
}

/** A node type under test: ours, or another (n8n's own Send Email, for the benchmark). */
export interface NodeUnderTest {
	type: INodeType | IVersionedNodeType;
	version: number;
	credentialType: string;
}

const MAILSHIT_NODE: NodeUnderTest = { type: new MailshitSmtp(), version: 1, credentialType: 'mailshitSmtpApi' };

function nodeTypes(items: INodeExecutionData[], node: NodeUnderTest): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = { 'test.items': itemsSource(items), 'test.node': node.type };
	const byVersion = (name: string, version?: number): INodeType => {
		const type = types[name];
		return 'nodeVersions' in type ? type.getNodeType(version) : type;
	};
	return {
		getByName: (name) => types[name],
		getByNameAndVersion: byVersion,
		getKnownTypes: () => ({}),
	};
}

function additionalData(hooks: ExecutionLifecycleHooks, credential: ICredentialDataDecryptedObject): IWorkflowExecuteAdditionalData {
	const url = 'http://127.0.0.1:5678/';
	const notUsed = () => {
		throw new Error('not used by the node');
	};
	return {
		credentialsHelper: new TestCredentialsHelper(credential),
		hooks,
		restApiUrl: `${url}rest`,
		instanceBaseUrl: url,
		formBaseUrl: `${url}form`,
		formWaitingBaseUrl: `${url}form-waiting`,
		formTestBaseUrl: `${url}form-test`,
		webhookBaseUrl: `${url}webhook`,
		webhookWaitingBaseUrl: `${url}webhook-waiting`,
		webhookTestBaseUrl: `${url}webhook-test`,
		mcpBaseUrl: `${url}mcp`,
		mcpTestBaseUrl: `${url}mcp-test`,
		currentNodeExecutionIndex: 0,
		variables: {},
		executeWorkflow: notUsed,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: notUsed,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	/** Defaults to the mailshit SMTP node. */
	node?: NodeUnderTest;
	items: INodeExecutionData[];
	parameters: INodeParameters;
	credential?: ICredentialDataDecryptedObject;
	/** n8n's node setting "On Error". */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface NodeRun {
	/** The main output (output 0). */
	main: INodeExecutionData[];
	/** The error output, present with onError = continueErrorOutput. */
	errorOutput: INodeExecutionData[];
	/** What the node threw, if it failed the workflow. */
	error?: ExecutionError;
	/** The execution hints the node added (shown above its output in the editor). */
	hints: NodeExecutionHint[];
	run: IRun;
}

/**
 * n8n-core writes its instance settings (a generated encryption key) to
 * `<N8N_USER_FOLDER, else the home folder>/.n8n/config` the first time it runs. This harness is
 * no n8n installation and must leave the user's ~/.n8n alone: unless N8N_USER_FOLDER is set
 * (the jest suites set it in their global setup), the process gets a temporary folder, removed
 * when it exits, and a key of its own, so n8n neither generates one nor says so.
 */
function useOwnUserFolder(): void {
	if (process.env.N8N_USER_FOLDER) return;
	const folder = mkdtempSync(path.join(tmpdir(), 'mailshit-n8n-engine-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('base64');
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}

/** Runs Items → mailshit SMTP (or another node under test) once and returns what that node produced. */
export async function runMailshitNode(options: RunNodeOptions): Promise<NodeRun> {
	useOwnUserFolder();
	const node = options.node ?? MAILSHIT_NODE;
	const nodes: INode[] = [
		{ id: '1', name: SOURCE, type: 'test.items', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: '2',
			name: MAILSHIT,
			type: 'test.node',
			typeVersion: node.version,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { [node.credentialType]: { id: 'cred-1', name: 'test SMTP' } },
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections = { [SOURCE]: { main: [[{ node: MAILSHIT, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflow = new Workflow({ id: 'wf-test', name: 'mailshit test', nodes, connections, active: false, nodeTypes: nodeTypes(options.items, node) });
	const workflowData = { id: 'wf-test', name: 'mailshit test', nodes, connections, active: false } as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflowData);
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData(hooks, options.credential ?? {}), 'manual', runExecutionData);
	const run = await execute.processRunExecutionData(workflow);
	const task = run.data.resultData.runData[MAILSHIT]?.[0];
	const outputs = task?.data?.main ?? [];
	return {
		main: outputs[0] ?? [],
		errorOutput: outputs[1] ?? [],
		hints: task?.hints ?? [],
		...(run.data.resultData.error ? { error: run.data.resultData.error } : {}),
		run,
	};
}

/** Convenience: items from plain objects. */
export function jsonItems(rows: IDataObject[]): INodeExecutionData[] {
	return rows.map((json) => ({ json }));
}

