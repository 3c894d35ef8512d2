/**
 * Where the CPU went, from a V8 .cpuprofile (node --cpu-prof): each sample goes to the nearest
 * frame on its stack that belongs to a package (node's own internals and native frames count
 * for their caller), grouped into the stages of sending an email; plus the hottest functions by
 * self time and our own functions by inclusive time.
 *
 *   npx tsx bench/cpuProfile.ts <file.cpuprofile>
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileWindow {
	fromEpochMs: number;
	toEpochMs: number;
	/** The same instant as Date.now() and as the profile's clock (µs). */
	anchor: { epochMs: number; monotonicUs: number };
}

/** Stages, first match wins, tried from the leaf upwards on each sample's stack. */
const STAGES: Array<[stage: string, test: (url: string, name: string) => boolean]> = [
	['MJML compile (mjml, juice, cheerio)', (url) => /node_modules\/(mjml[^/]*|juice|cheerio[^/]*|htmlparser2|domhandler|domutils|css-select|web-resource-inliner|js-beautify|html-minifier[^/]*)\//.test(url)],
	['html-to-text', (url) => /node_modules\/(html-to-text|selderee|parseley|@selderee|deepmerge|dom-serializer|entities)\//.test(url) || /\/MailshitSmtp\/template\/htmlToText\.[jt]s$/.test(url)],
	['template fill (ours)', (url) => url.includes('/nodes/MailshitSmtp/template/')],
	['address checks (ours)', (url) => url.includes('/nodes/MailshitSmtp/validation/') || /\/send\/addressing\.[jt]s$/.test(url)],
	['domain verification (ours)', (url) => url.includes('/nodes/MailshitSmtp/verification/')],
	['Message-ID (randomUUID)', (_url, name) => name === 'randomUUID'],
	['nodemailer: SMTP session', (url) => /nodemailer\/(lib|dist\/cjs)\/(smtp-connection|smtp-pool)\//.test(url)],
	['nodemailer: message building', (url) => url.includes('/nodemailer/')],
	['the node, other (ours)', (url) => url.includes('/nodes/MailshitSmtp/')],
	["n8n's item handling (n8n-core, n8n-workflow)", (url) => /\/(n8n-core|n8n-workflow|@n8n\/[^/]+)\//.test(url)],
	['n8n, other', (url) => /node_modules\/n8n\//.test(url)],
	['other packages', (url) => url.includes('/node_modules/')],
];

const SPECIAL: Record<string, string> = { '(garbage collector)': 'garbage collection', '(idle)': 'idle', '(program)': 'V8/native (program)', '(root)': 'idle' };

function stageOf(stack: ProfileNode[]): string {
	const leaf = stack[0].callFrame.functionName;
	if (SPECIAL[leaf]) return SPECIAL[leaf];
	for (const frame of stack) {
		const { url, functionName } = frame.callFrame;
		for (const [stage, test] of STAGES) if (test(url, functionName)) return stage;
	}
	return 'Node.js internals (sockets, streams, timers)';
}

function percentTable(counts: Map<string, number>, total: number, limit = Infinity): string {
	return [...counts]
		.sort((a, b) => b[1] - a[1])
		.slice(0, limit)
		.map(([name, n]) => `${((n / total) * 100).toFixed(1).padStart(6)} %  ${name}`)
		.join('\n');
}

function shortUrl(url: string): string {
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
	if (pkg) return `${pkg[1]}/${pkg[2]}`;
	return url.replace(/^.*\/nodes\/MailshitSmtp\//, 'mailshit/');
}

export function summarizeCpuProfile(file: string, window?: ProfileWindow): string {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number) => {
		const stack: ProfileNode[] = [];
		for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) stack.push(byId.get(current)!);
		return stack;
	};

	const stages = new Map<string, number>();
	const selfTime = new Map<string, number>();
	const inclusive = new Map<string, number>();
	let total = 0;
	let time = profile.startTime;
	profile.samples.forEach((id, i) => {
		time += profile.timeDeltas[i];
		if (window) {
			const epochMs = window.anchor.epochMs + (time - window.anchor.monotonicUs) / 1000;
			if (epochMs < window.fromEpochMs || epochMs > window.toEpochMs) return;
		}
		total++;
		const stack = stackOf(id);
		const stage = stageOf(stack);
		stages.set(stage, (stages.get(stage) ?? 0) + 1);
		const leaf = stack[0].callFrame;
		const leafName = `${leaf.functionName || '(anonymous)'}  ${shortUrl(leaf.url)}:${leaf.lineNumber + 1}`;
		selfTime.set(leafName, (selfTime.get(leafName) ?? 0) + 1);
		const ours = new Set<string>();
		for (const frame of stack) {
			const { url, functionName, lineNumber } = frame.callFrame;
			if (url.includes('/nodes/MailshitSmtp/')) ours.add(`${functionName || '(anonymous)'}  ${shortUrl(url)}:${lineNumber + 1}`);
		}
		for (const name of ours) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
	});
	if (total === 0) return '(no samples in the window)';
	return [
		`${total} samples (${window ? 'while the node ran' : 'whole profile'})`,
		'\nby stage (each sample counted once, for the nearest package frame on its stack):',
		percentTable(stages, total),
		'\nhottest functions (self time):',
		percentTable(selfTime, total, 25),
		'\nthe node’s functions (inclusive time):',
		percentTable(inclusive, total, 25),
	].join('\n');
}

if (require.main === module) {
	const file = process.argv[2];
	if (!file) {
		console.error('usage: npx tsx bench/cpuProfile.ts <file.cpuprofile>');
		process.exit(2);
	}
	console.log(summarizeCpuProfile(file));
}
