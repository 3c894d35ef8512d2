/**
 * The REST calls n8n's editor makes, with the same payloads (read from n8n 1.123 and 2.41:
 * packages/cli/src/credentials/credentials.controller.ts, @n8n/api-types' DTOs, and the
 * editor's API module), so what passes here is what a user clicking in the editor gets.
 *
 * - owner setup: POST /rest/owner/setup {email, firstName, lastName, password}
 * - login:       POST /rest/login {emailOrLdapLoginId, password}   (both majors)
 * - Save:        POST /rest/credentials {name, type, data}, then the test below
 * - test:        POST /rest/credentials/test {credentials: {id, name, type, data}}; the credential
 *                must be stored (n8n looks it up by id and merges the stored secrets in)
 *                -> {data: {status: 'OK' | 'Error', message}}
 * - stop:        POST /rest/executions/:id/stop (the editor's Stop)
 * - run:         POST /rest/workflows/:id/run {triggerToStartFrom: {name}}; 1.x also wants the
 *                whole workflow as `workflowData` (2.x reads it from the database)
 * - execution:   GET /rest/executions/:id -> {status, data: <the run data, flatted-stringified>}
 * - OAuth2:      GET /rest/oauth2-credential/auth?id=… -> the authorization URL (a string); the
 *                identity provider sends the browser to n8n's callback, which needs the session
 *                cookie in 2.x (not the browser-id header: n8n skips that check for the callback)
 * - create:      POST /rest/workflows {id?, name, nodes, connections, settings} -> {id, versionId}
 * - publish:     POST /rest/workflows/:id/activate {versionId} (2.x; its production webhooks go live)
 * - executions:  GET /rest/executions?filter={"workflowId":…}&limit=N -> {count, results}
 *
 * Every response is `{data: …}`. The session is n8n's `n8n-auth` cookie; its JWT is bound to the
 * `browser-id` header given at login, so every request sends the same one, as the editor does.
 */
import { parse as parseFlatted } from 'flatted';
import type { ExecuteRun, N8nMajor } from '../n8n-versions';
import { waitUntil } from './processes';

/** The statuses an execution ends in. */
const ENDED = ['success', 'error', 'crashed', 'canceled'];

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
}

export interface WorkflowSummary {
	id: string;
	name: string;
	nodes?: Array<{ name: string; type: string }>;
}

export class N8nRestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}

export class N8nRestClient {
	private cookie = '';
	private readonly browserId = `mailshit-${process.pid}-${Date.now()}`;

	constructor(readonly baseUrl: string) {}

	async request<T>(method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path.startsWith('/types/') ? '' : '/rest'}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		for (const setCookie of response.headers.getSetCookie()) {
			const [pair] = setCookie.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		if (!response.ok) throw new N8nRestError(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`, response.status, text);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}

	/** Creates the instance owner; false when an owner exists already (a persistent dev folder). */
	async setupOwner(owner: { email: string; password: string; firstName: string; lastName: string }): Promise<boolean> {
		try {
			await this.request('POST', '/owner/setup', owner);
			return true;
		} catch (error) {
			if (error instanceof N8nRestError && error.status === 400 && /already/i.test(error.body)) return false;
			throw error;
		}
	}

	async login(email: string, password: string): Promise<void> {
		await this.request('POST', '/login', { emailOrLdapLoginId: email, password });
	}

	/** What the editor's Save does for a new credential. */
	async createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<StoredCredential> {
		return this.request<StoredCredential>('POST', '/credentials', credential);
	}

	/** What the editor runs right after Save, and on Retry: the credential type's test. */
	async testCredential(credential: StoredCredential & { data: Record<string, unknown> }): Promise<CredentialTestResult> {
		return this.request<CredentialTestResult>('POST', '/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: credential.type, data: credential.data },
		});
	}

	/** The node and credential types the editor loads (`/types/nodes.json`; 2.x wants the session). */
	async types<T>(kind: 'nodes' | 'credentials'): Promise<T[]> {
		return this.request<T[]>('GET', `/types/${kind}.json`);
	}

	async listWorkflows(): Promise<WorkflowSummary[]> {
		return this.request<WorkflowSummary[]>('GET', '/workflows');
	}

	async getWorkflow(id: string): Promise<Record<string, unknown> & WorkflowSummary> {
		return this.request('GET', `/workflows/${id}`);
	}

	/** "Execute workflow" in the editor, from the given trigger; resolves with the execution id. */
	async runWorkflow(major: N8nMajor, workflowId: string, triggerName: string): Promise<string> {
		const triggerToStartFrom = { name: triggerName };
		const body = major === 1 ? { workflowData: await this.getWorkflow(workflowId), triggerToStartFrom } : { triggerToStartFrom };
		const started = await this.request<{ executionId?: string }>('POST', `/workflows/${workflowId}/run`, body);
		if (!started.executionId) throw new Error(`n8n did not start an execution: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	async getExecution(id: string): Promise<ExecutionSummary & { data?: string }> {
		return this.request('GET', `/executions/${id}`);
	}

	/** Waits (at most `timeoutMs`) until the execution has ended: success, error, crashed or canceled. */
	async waitForExecution(id: string, timeoutMs: number): Promise<ExecutionSummary & { data?: string }> {
		return waitUntil(async () => {
			const execution = await this.getExecution(id);
			return ENDED.includes(execution.status) ? execution : undefined;
		}, `execution ${id} to finish`, timeoutMs);
	}

	/** A finished execution's run data, in the shape `n8n execute` prints. */
	async getExecutionRun(id: string): Promise<ExecuteRun> {
		const execution = await this.request<{ status: string; finished: boolean; data: string }>('GET', `/executions/${id}`);
		return { status: execution.status, finished: execution.finished, data: parseFlatted(execution.data) as ExecuteRun['data'] };
	}

	/** The editor's settings; `oauthCallbackUrls.oauth2` is the redirect URI n8n registers with providers. */
	async settings(): Promise<{ oauthCallbackUrls?: { oauth2?: string } }> {
		return this.request('GET', '/settings');
	}

	async getCredential(id: string): Promise<StoredCredential & { data?: Record<string, unknown> }> {
		return this.request('GET', `/credentials/${encodeURIComponent(id)}?includeData=true`);
	}

	/** "Connect my account": the authorization URL n8n builds for an OAuth2 credential. */
	async oauth2AuthorizationUrl(credentialId: string): Promise<string> {
		return this.request<string>('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
	}

	/** Opens a URL of this n8n as the browser would after a redirect: with the session cookie. */
	async openInBrowser(url: string): Promise<{ status: number; text: string }> {
		if (!url.startsWith(`${this.baseUrl}/`)) throw new Error(`${url} is not on ${this.baseUrl}`);
		const response = await fetch(url, { headers: this.cookie ? { cookie: this.cookie } : {}, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
		return { status: response.status, text: await response.text() };
	}

	async createWorkflow(workflow: object): Promise<WorkflowSummary & { versionId: string }> {
		return this.request('POST', '/workflows', workflow);
	}

	/** 2.x's Publish: the workflow's current version becomes the active one. */
	async activateWorkflow(id: string, versionId: string): Promise<void> {
		await this.request('POST', `/workflows/${id}/activate`, { versionId });
	}

	/** Every execution of a workflow, newest first (n8n pages them by 100 at most). */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const all: ExecutionSummary[] = [];
		for (let pages = 0; pages < 100; pages++) {
			const lastId = all.length ? `&lastId=${all[all.length - 1].id}` : '';
			const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=100${lastId}`);
			all.push(...page.results);
			if (page.results.length < 100) break;
		}
		return all;
	}

	/** The editor's Stop on a running execution: POST /rest/executions/:id/stop (both majors). */
	async stopExecution(id: string): Promise<{ status?: string }> {
		return this.request('POST', `/executions/${id}/stop`);
	}
}

export interface ExecutionSummary {
	id: string;
	status: string;
	finished: boolean;
	mode?: string;
	workflowId?: string;
	startedAt?: string;
	stoppedAt?: string;
}
