/**
 * What n8nProbe.cjs wrote for one n8n process, read for one time span (the node's run):
 * event-loop delay merged over the probe's windows, and RSS at the start and at its peak.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProbeWindow {
	/** Date.now() when the window closed; it covers the windowMs before. */
	end: number;
	rss: number;
	/** V8's heap: in use (live and not yet collected), and reserved. */
	heapUsed: number;
	heapTotal: number;
	/** Memory outside V8's heap that JavaScript objects hold (Buffers among it), and ArrayBuffers alone. */
	external: number;
	arrayBuffers: number;
	/** CPU time (user + system) the process had used when the window closed, µs. */
	cpuUs: number;
	/** Samples the histogram took in the window. */
	count: number;
	/** The window's delay at each of the report's quantiles, in ms (empty without samples). */
	quantilesMs: number[];
}

/** Memory right after a forced full garbage collection (MAILSHIT_BENCH_GC_MS): what is live. */
interface ProbeCollection {
	end: number;
	/** How long the collection took. */
	ms: number;
	rss: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
}

export interface ProbeReport {
	pid: number;
	quantiles: number[];
	windowMs: number;
	/** The same instant on two clocks: Date.now() and process.hrtime in µs (a CPU profile's clock). */
	anchor: { epochMs: number; monotonicUs: number };
	peakRssBytes: number;
	/** Calls of mjml-browser in the process's whole life. */
	mjmlCompiles: number;
	windows: ProbeWindow[];
	/** Empty unless the probe forced collections. */
	collections?: ProbeCollection[];
}

export interface SpanFigures {
	eventLoop: { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
	/** RSS of the last window closed before the span began. */
	rssAtStartMb: number;
	/** Highest RSS sampled inside the span (sampled every windowMs, so a lower bound of the true peak). */
	peakRssInSpanMb: number;
	/** The process's own peak RSS over its whole life (getrusage). */
	processPeakRssMb: number;
	/** CPU time the process used in the span (to the probe's window edges), ms. */
	cpuMs: number;
	/** V8 heap in use at the start and at its highest sample in the span (live objects and garbage). */
	heapUsedAtStartMb: number;
	peakHeapUsedInSpanMb: number;
	/** Highest memory outside V8's heap (Buffers and the like) sampled in the span. */
	peakExternalInSpanMb: number;
	/**
	 * With forced collections: the live heap (heap used after a full collection) before the span,
	 * its highest and its last value inside the span, and right after it.
	 */
	live?: { beforeMb: number; peakInSpanMb: number; lastInSpanMb: number; afterMb: number; collections: number; longestMs: number };
}

const MB = 2 ** 20;

/** The one probe report in `directory` (n8n's main process writes one per run). */
export function readProbeReport(directory: string): ProbeReport {
	const files = readdirSync(directory).filter((name) => /^probe-\d+\.json$/.test(name));
	if (files.length !== 1) throw new Error(`expected one probe report in ${directory}, found ${files.length}: was the n8n process started with the probe?`);
	return JSON.parse(readFileSync(path.join(directory, files[0]), 'utf8')) as ProbeReport;
}

/**
 * Each window stands for `count` samples spread over its quantiles (1 % apart, finer in the tail),
 * so merging windows is a weighted quantile over all of them: exact to the quantile grid.
 */
function mergedQuantile(windows: ProbeWindow[], quantiles: number[], q: number): number {
	const points: Array<{ value: number; weight: number }> = [];
	for (const window of windows) {
		let previous = 0;
		window.quantilesMs.forEach((value, i) => {
			points.push({ value, weight: ((quantiles[i] - previous) / 100) * window.count });
			previous = quantiles[i];
		});
	}
	if (points.length === 0) return 0;
	points.sort((a, b) => a.value - b.value);
	const total = points.reduce((sum, point) => sum + point.weight, 0);
	let seen = 0;
	for (const point of points) {
		seen += point.weight;
		if (seen >= (q / 100) * total) return point.value;
	}
	return points[points.length - 1].value;
}

/** Figures for [fromMs, toMs] (Date.now() times): windows that closed inside it, plus the one after it began. */
export function spanFigures(report: ProbeReport, fromMs: number, toMs: number): SpanFigures {
	const inSpan = report.windows.filter((w) => w.end > fromMs && w.end - report.windowMs < toMs);
	const before = report.windows.filter((w) => w.end <= fromMs).pop();
	const samples = inSpan.reduce((sum, w) => sum + w.count, 0);
	return {
		eventLoop: {
			samples,
			p50Ms: mergedQuantile(inSpan, report.quantiles, 50),
			p99Ms: mergedQuantile(inSpan, report.quantiles, 99),
			maxMs: Math.max(0, ...inSpan.map((w) => w.quantilesMs.at(-1) ?? 0)),
		},
		rssAtStartMb: (before?.rss ?? inSpan[0]?.rss ?? 0) / MB,
		cpuMs: ((inSpan.at(-1)?.cpuUs ?? 0) - (before?.cpuUs ?? inSpan[0]?.cpuUs ?? 0)) / 1000,
		peakRssInSpanMb: Math.max(0, ...inSpan.map((w) => w.rss)) / MB,
		processPeakRssMb: report.peakRssBytes / MB,
		heapUsedAtStartMb: (before?.heapUsed ?? inSpan[0]?.heapUsed ?? 0) / MB,
		peakHeapUsedInSpanMb: Math.max(0, ...inSpan.map((w) => w.heapUsed)) / MB,
		peakExternalInSpanMb: Math.max(0, ...inSpan.map((w) => w.external)) / MB,
		...liveFigures(report.collections ?? [], fromMs, toMs),
	};
}

function liveFigures(collections: ProbeCollection[], fromMs: number, toMs: number): Pick<SpanFigures, 'live'> {
	const inSpan = collections.filter((c) => c.end > fromMs && c.end <= toMs);
	if (inSpan.length === 0) return {};
	const mb = (c?: ProbeCollection) => (c ? Math.round(c.heapUsed / MB) : NaN);
	return {
		live: {
			beforeMb: mb(collections.filter((c) => c.end <= fromMs).pop()),
			peakInSpanMb: Math.max(...inSpan.map((c) => mb(c))),
			lastInSpanMb: mb(inSpan.at(-1)),
			afterMb: mb(collections.find((c) => c.end > toMs)),
			collections: inSpan.length,
			longestMs: Math.max(...inSpan.map((c) => c.ms)),
		},
	};
}
