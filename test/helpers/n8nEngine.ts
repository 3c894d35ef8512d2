/**
 * Runs the mailshit node inside n8n's own execution engine (n8n-core's WorkflowExecute with
 * n8n-workflow's Workflow): a two-node workflow, a source node of the test's own that emits the
 * given items, then mailshit SMTP with real parameter and expression resolution. Nothing here
 * mocks the node's inputs: n8n builds the execute context exactly as it does in production.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
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
	type INodePropertyOptions,
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
/** The base n8n's resume links start with in this harness (getSignedResumeUrl). */
export const WEBHOOK_WAITING_BASE = 'http://127.0.0.1:5678/webhook-waiting';

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

function additionalData(hooks: ExecutionLifecycleHooks, credential: ICredentialDataDecryptedObject, executionId: string): IWorkflowExecuteAdditionalData {
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
		webhookWaitingBaseUrl: WEBHOOK_WAITING_BASE,
		webhookTestBaseUrl: `${url}webhook-test`,
		mcpBaseUrl: `${url}mcp`,
		mcpTestBaseUrl: `${url}mcp-test`,
		// getSignedResumeUrl (Send and Wait) signs the execution's id into every resume link
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		executeWorkflow: notUsed,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: notUsed,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** What n8n hands a webhook: the execute side's additional data plus the HTTP request and response. */
export function webhookAdditionalData(executionId: string, httpRequest: unknown, httpResponse: unknown): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { id: 'wf-test', name: 'mailshit test', nodes: [], connections: {} } as unknown as IWorkflowBase);
	return { ...additionalData(hooks, {}, executionId), httpRequest, httpResponse } as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	/** Defaults to the mailshit SMTP node. */
	node?: NodeUnderTest;
	items: INodeExecutionData[];
	parameters: INodeParameters;
	credential?: ICredentialDataDecryptedObject;
	/** n8n's node setting "On Error". */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** n8n's node settings "Retry On Fail", "Max. Tries" and "Wait Between Tries (ms)". */
	retry?: { maxTries: number; waitBetweenTries: number };
	/** Stops the execution as n8n's Stop button, workflow timeout and shutdown do: its cancel(). */
	stop?: AbortSignal;
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
	/** The execution's id, new for every run as in n8n. */
	executionId: string;
	/** The workflow and the node under test, for what runs after the execution (a webhook). */
	workflow: Workflow;
	node: INode;
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
			...(options.retry ? { retryOnFail: true, ...options.retry } : {}),
		},
	];
	const connections = { [SOURCE]: { main: [[{ node: MAILSHIT, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflow = new Workflow({ id: 'wf-test', name: 'mailshit test', nodes, connections, active: false, nodeTypes: nodeTypes(options.items, node) });
	const workflowData = { id: 'wf-test', name: 'mailshit test', nodes, connections, active: false } as unknown as IWorkflowBase;
	// a new id per run, as n8n gives every execution its own
	const executionId = `exec-${randomUUID()}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
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

	const execute = new WorkflowExecute(additionalData(hooks, options.credential ?? {}, executionId), 'manual', runExecutionData);
	const running = execute.processRunExecutionData(workflow);
	const cancel = () => running.cancel();
	if (options.stop?.aborted) cancel();
	options.stop?.addEventListener('abort', cancel, { once: true });
	const run = await running.finally(() => options.stop?.removeEventListener('abort', cancel));
	const task = run.data.resultData.runData[MAILSHIT]?.[0];
	const outputs = task?.data?.main ?? [];
	return {
		main: outputs[0] ?? [],
		errorOutput: outputs[1] ?? [],
		hints: task?.hints ?? [],
		...(run.data.resultData.error ? { error: run.data.resultData.error } : {}),
		run,
		executionId,
		workflow,
		node: nodes[1],
	};
}

/** Convenience: items from plain objects. */
export function jsonItems(rows: IDataObject[]): INodeExecutionData[] {
	return rows.map((json) => ({ json }));
}


/**
 * What the editor gets when it asks the node for a dropdown's options (a loadOptions method),
 * through n8n-core's own LoadOptionsContext with the node's current parameters as the editor
 * sends them.
 */
export async function loadNodeOptions(method: string, parameters: INodeParameters): Promise<INodePropertyOptions[]> {
	const node: INode = { id: '2', name: MAILSHIT, type: 'test.node', typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ id: 'wf-test', name: 'mailshit test', nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes([], MAILSHIT_NODE) });
	const workflowData = { id: 'wf-test', name: 'mailshit test', nodes: [node], connections: {}, active: false } as unknown as IWorkflowBase;
	const data = { ...additionalData(new ExecutionLifecycleHooks('manual', 'exec-options', workflowData), {}, 'exec-options'), currentNodeParameters: parameters };
	const context = new LoadOptionsContext(workflow, node, data, 'parameters.options.validationRules.rule[0].variable');
	const loader = (MAILSHIT_NODE.type as INodeType).methods?.loadOptions?.[method];
	if (!loader) throw new Error(`the node has no loadOptions method ${method}`);
	return loader.call(context);
}
