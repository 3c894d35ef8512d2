/**
 * Measured runs in fresh processes on core 0 — a scenario (scenario.ts), the order confirmations —
 * by default on the Node running the benchmark; the real-n8n mode runs the limit on n8n's own Node.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ProfileWindow } from './cpuProfile';
import { pinnedCommand, TSX } from './sinkProcess';

export type Scenario = 'raw' | 'node' | 'perItem' | 'ownTemplates' | 'sendEmail';

export interface ScenarioResult {
	scenario: Scenario;
	count: number;
	elapsedMs: number;
	/** CPU time (user + system) the process used during the run: less at the mercy of other load than elapsedMs. */
	cpuMs: number;
	rssBeforeMb: number;
	peakRssMb: number;
	/** V8's live heap before the run (after a full collection), and its highest use during the run. */
	heapBeforeMb: number;
	peakHeapUsedMb: number;
	/** Event-loop delay while the scenario ran (perf_hooks.monitorEventLoopDelay), in ms. */
	eventLoop: { p50Ms: number; p99Ms: number; maxMs: number };
	/** The node's execution hints (per-item compiles are reported there). */
	hints?: string[];
	/** When the run began and ended, for a CPU profile's summary. */
	window: ProfileWindow;
}

export interface ScenarioOptions {
	/** Default: the Node running the benchmark. */
	nodeBin?: string;
	/** Write a CPU profile of the scenario's process into this folder (node --cpu-prof). */
	cpuProfileDir?: string;
}

/**
 * A bench script in a fresh process on core 0 (`node --import tsx <script> <args>`); resolves with
 * the JSON of the last line it printed.
 */
export function runBenchProcess<T>(script: string, args: string[], options: ScenarioOptions = {}): Promise<T> {
	return new Promise((resolve, reject) => {
		const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
		const command = [options.nodeBin ?? process.execPath, ...TSX, '--expose-gc', ...profile, path.join(__dirname, script), ...args];
		const [file, ...rest] = pinnedCommand(0, command);
		const child = spawn(file, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${out}`));
			resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
		});
	});
}

export function runScenario(scenario: Scenario, port: number, messages: number, options: ScenarioOptions = {}): Promise<ScenarioResult> {
	return runBenchProcess<ScenarioResult>('scenario.ts', [scenario, String(port), String(messages)], options);
}
