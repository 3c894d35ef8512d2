/**
 * Preloaded into a real n8n's main process by the real-n8n benchmark (NODE_OPTIONS=--require),
 * never into n8n's task runner (it checks argv). Every WINDOW_MS it snapshots, then resets, the
 * event-loop delay histogram (perf_hooks.monitorEventLoopDelay at 10 ms resolution: a sample is
 * the time between two of its timer callbacks, so an idle loop reads ~10 ms), and notes the
 * RSS, the CPU time used so far and the time. At exit it writes those windows, the peak RSS and a
 * clock anchor to `$MAILSHIT_BENCH_PROBE/probe-<pid>.json`; the benchmark keeps the windows that
 * fall inside the node's run (n8n's run data), so n8n's start-up and shutdown do not count.
 * With MAILSHIT_BENCH_CPU_PROF=1 it also profiles the process into `cpu-<pid>.cpuprofile`
 * (node:inspector: --cpu-prof is not allowed in NODE_OPTIONS). It counts the MJML compiles the
 * process ran (calls of mjml-browser, however the package loads it), so a run's compiles are
 * counted where they happen rather than read from the node's own hint.
 * Each window also notes V8's heap (used, total) and memory outside it (external, ArrayBuffers).
 * With MAILSHIT_BENCH_GC_MS=<ms> it forces a full garbage collection that often and notes what
 * survives it: what is live, as against what V8 simply has not collected yet (it slows the run).
 * Plain CommonJS without dependencies: n8n's own Node loads it before anything else.
 */
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const inspector = require('node:inspector');
const Module = require('node:module');
const v8 = require('node:v8');
const vm = require('node:vm');

const directory = process.env.MAILSHIT_BENCH_PROBE;
const isN8nMain = /[\\/]n8n[\\/]bin[\\/]n8n$/.test(process.argv[1] || '');

if (directory && isN8nMain) {
	const WINDOW_MS = 100;
	/** Quantiles kept per window: every whole percent, and the tail in finer steps. */
	const QUANTILES = [...Array.from({ length: 99 }, (_, i) => i + 1), 99.5, 99.9, 100];
	let mjmlCompiles = 0;
	const counted = new WeakMap();
	const load = Module._load;
	Module._load = function (request, ...rest) {
		const loaded = load.call(this, request, ...rest);
		if (request !== 'mjml-browser' || typeof loaded !== 'function') return loaded;
		if (!counted.has(loaded)) {
			const countedCompile = function (...args) {
				mjmlCompiles++;
				return loaded.apply(this, args);
			};
			counted.set(loaded, Object.assign(countedCompile, loaded));
		}
		return counted.get(loaded);
	};
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	histogram.enable();
	const windows = [];
	const snapshot = () => {
		const cpu = process.cpuUsage();
		const memory = process.memoryUsage();
		const window = {
			end: Date.now(),
			rss: memory.rss,
			heapUsed: memory.heapUsed,
			heapTotal: memory.heapTotal,
			external: memory.external,
			arrayBuffers: memory.arrayBuffers,
			cpuUs: cpu.user + cpu.system,
			count: histogram.count,
			quantilesMs: [],
		};
		if (histogram.count > 0) window.quantilesMs = QUANTILES.map((q) => +(histogram.percentile(q) / 1e6).toFixed(3));
		windows.push(window);
		histogram.reset();
	};
	// After the loop was blocked, the histogram records the long delay on its own timer's next
	// callback, which libuv runs one loop turn after ours (its due time is compared with the loop
	// time cached before the block). A reset before that would drop exactly the sample that
	// matters, so the snapshot (and reset) waits one turn.
	const timer = setInterval(() => setTimeout(snapshot, 0).unref(), WINDOW_MS);
	timer.unref();
	const collections = [];
	const gcEveryMs = Number(process.env.MAILSHIT_BENCH_GC_MS || 0);
	let afterCollection;
	if (gcEveryMs > 0) {
		v8.setFlagsFromString('--expose-gc');
		const collect = vm.runInNewContext('gc');
		afterCollection = () => {
			const started = performance.now();
			collect();
			const memory = process.memoryUsage();
			collections.push({ end: Date.now(), ms: +(performance.now() - started).toFixed(1), rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, arrayBuffers: memory.arrayBuffers });
		};
		setInterval(afterCollection, gcEveryMs).unref();
	}
	// the CPU profile's clock (µs since an arbitrary origin, as process.hrtime) to Date.now()
	const anchor = { epochMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) };
	let profiler;
	if (process.env.MAILSHIT_BENCH_CPU_PROF === '1') {
		profiler = new inspector.Session();
		profiler.connect();
		profiler.post('Profiler.enable');
		profiler.post('Profiler.start');
	}
	process.on('exit', () => {
		snapshot();
		afterCollection?.();
		// a same-thread inspector session answers synchronously, so this works in an 'exit' handler
		profiler?.post('Profiler.stop', (error, result) => {
			if (!error) writeFileSync(join(directory, `cpu-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
		});
		const report = { pid: process.pid, quantiles: QUANTILES, windowMs: WINDOW_MS, anchor, peakRssBytes: process.resourceUsage().maxRSS * 1024, mjmlCompiles, windows, collections };
		writeFileSync(join(directory, `probe-${process.pid}.json`), JSON.stringify(report));
	});
}
