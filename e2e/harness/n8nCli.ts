/**
 * n8n's command line against one user folder: `import:credentials`, `import:workflow` and
 * `execute --id --rawOutput`, each a fresh n8n process (its own task broker port, so two
 * versions can run side by side), bounded, its process group killed after.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { instanceEnv, parseExecuteOutput, type ExecuteRun, type N8nInstall } from '../n8n-versions';
import { check, cleanEnv, freePort, lastLines, runCommand, type CommandResult } from './processes';

/** `{ id, name, type, data }` with plain data: import:credentials encrypts it with the folder's key. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface CliTranscriptEntry {
	args: string[];
	status: number | string;
	ms: number;
	/** stdout + stderr, the run data JSON of `execute` cut out (it holds the items, not log lines). */
	log: string;
}

export class N8nCli {
	readonly transcript: CliTranscriptEntry[] = [];

	constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		private readonly extraEnv: Record<string, string> = {},
	) {}

	/** The instance's environment (also what n8n hands to npm when it installs a package). */
	env(brokerPort?: number): NodeJS.ProcessEnv {
		return { ...instanceEnv(this.install, { userFolder: this.userFolder, brokerPort, base: cleanEnv() }), ...this.extraEnv };
	}

	async run(args: string[], timeoutMs = 180_000): Promise<CommandResult> {
		const env = this.env(await freePort());
		const result = await runCommand(this.install.nodeBin, [this.install.n8nBin, ...args], { cwd: this.userFolder, env, timeoutMs });
		const output = result.stdout + result.stderr;
		const log = output.replace(/^\{\n[\s\S]*?^\}$/m, '<run data>');
		this.transcript.push({ args, status: result.status, ms: result.ms, log });
		return result;
	}

	private async runOrThrow(args: string[]): Promise<CommandResult> {
		return check(`n8n ${args.join(' ')}`, await this.run(args));
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		refuseRepeatedIds('credential', credentials);
		const file = path.join(this.userFolder, 'import-credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.runOrThrow(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows: Array<{ id?: string }>): Promise<void> {
		refuseRepeatedIds('workflow', workflows);
		const file = path.join(this.userFolder, 'import-workflows.json');
		writeFileSync(file, JSON.stringify(workflows, null, 2));
		await this.runOrThrow(['import:workflow', `--input=${file}`]);
	}

	/** Runs a stored workflow to its end; the run data as n8n printed it (also when the run failed). */
	async execute(workflowId: string): Promise<{ run: ExecuteRun; result: CommandResult }> {
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput']);
		const run = parseExecuteOutput(result.stdout);
		if (!run) {
			throw new Error(`n8n execute --id=${workflowId} printed no run data (${result.status}):\n${lastLines((result.stdout + result.stderr).trim(), 40)}`);
		}
		return { run, result };
	}

	transcriptText(): string {
		return this.transcript.map((entry) => `$ n8n ${entry.args.join(' ')}  (${entry.status}, ${entry.ms} ms)\n${entry.log}`).join('\n');
	}
}

/** n8n's import overwrites a record whose id it has already imported: two fixtures sharing an id would test each other's workflow. */
function refuseRepeatedIds(kind: string, records: Array<{ id?: string }>): void {
	const seen = new Set<string>();
	for (const { id } of records) {
		if (id === undefined) continue;
		if (seen.has(id)) throw new Error(`two ${kind} fixtures share the id "${id}"`);
		seen.add(id);
	}
}
