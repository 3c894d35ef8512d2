/**
 * The soak: many messages through the node against a sink that injects transient faults,
 * dropped connections and permanent refusals, then a count of what happened at both ends.
 * `npm run soak` runs 1,000 messages; the test suite runs 100.
 */
import { newsletterParameters, subscriber } from '../../examples/newsletter';
import { smtpCredential } from './credentials';
import { jsonItems, runMailshitNode } from './n8nEngine';
import type { SinkFault } from './sinkFaults';
import { startSmtpSink } from './smtpSink';

export interface SoakOptions {
	messages: number;
	seed?: number;
	/** Share of recipients whose first attempt meets a 451 or a 421-and-close (exact, at seeded positions). */
	transientRate?: number;
	/** Share whose first attempt has its connection cut. */
	dropRate?: number;
	/** Share refused with 550 on every attempt. */
	permanentRate?: number;
}

export interface SoakCounts {
	messages: number;
	sent: number;
	transientInjected: number;
	droppedInjected: number;
	retried: number;
	permanentFailures: number;
	permanentRetried: number;
	otherFailures: number;
	duplicates: number;
	lost: number;
	withoutResult: number;
	poolClosed: boolean;
	seconds: number;
}

/** A small seeded generator (mulberry32): the same seed injects the same faults. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export async function runSoak(options: SoakOptions): Promise<SoakCounts> {
	const { messages, seed = 42, transientRate = 0.1, dropRate = 0.02, permanentRate = 0.01 } = options;
	const random = seededRandom(seed);
	// exact shares, at seeded-random positions: shuffle the indexes, then deal out the faults
	const order = Array.from({ length: messages }, (_, n) => n);
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const transientCount = Math.round(messages * transientRate);
	const dropCount = Math.round(messages * dropRate);
	const permanentCount = Math.round(messages * permanentRate);
	const planned = new Map<string, { fault: SinkFault; always: boolean }>();
	order.forEach((n, position) => {
		const email = `user${n}@example.com`;
		if (position < transientCount) planned.set(email, { fault: position % 2 ? 'close421' : 'reject451', always: false });
		else if (position < transientCount + dropCount) planned.set(email, { fault: 'dropAtRcpt', always: false });
		else if (position < transientCount + dropCount + permanentCount) planned.set(email, { fault: 'reject550', always: true });
	});
	const emails = Array.from({ length: messages }, (_, n) => `user${n}@example.com`);
	const rows = emails.map((email, n) => subscriber(n, { email }));

	const sink = await startSmtpSink({
		tls: 'plain',
		faults: ({ recipient, attempt }) => {
			const plan = planned.get(recipient);
			return plan && (plan.always || attempt === 1) ? plan.fault : undefined;
		},
	});
	const started = Date.now();
	try {
		const run = await runMailshitNode({
			items: jsonItems(rows),
			parameters: newsletterParameters({ options: { retries: 2, retryDelaySeconds: 0.05, maxConnections: 5 } }),
			credential: smtpCredential(sink.port, { connectionTimeout: 10 }),
			onError: 'continueRegularOutput',
		});
		const seconds = (Date.now() - started) / 1000;
		let poolClosed = true;
		await sink.waitForIdle(5000).catch(() => (poolClosed = false));

		const arrivals = sink.arrivalsByMessageId();
		const results = run.main;
		const permanent = [...planned].filter(([, plan]) => plan.fault === 'reject550').map(([email]) => email);
		const sentIds = results.filter((item) => item.json.type === 'sent').map((item) => String(item.json.messageId));
		return {
			messages,
			sent: sentIds.length,
			transientInjected: sink.injected.filter((i) => i.fault === 'reject451' || i.fault === 'close421').length,
			droppedInjected: sink.injected.filter((i) => i.fault === 'dropAtRcpt').length,
			retried: [...sink.rcptAttempts.values()].filter((attempts) => attempts > 1).length,
			permanentFailures: results.filter((item, index) => item.json.type === 'send_failed' && permanent.includes(emails[index])).length,
			permanentRetried: permanent.filter((email) => (sink.rcptAttempts.get(email) ?? 0) > 1).length,
			otherFailures: results.filter((item, index) => item.json.type !== 'sent' && !permanent.includes(emails[index])).length,
			duplicates: [...arrivals.values()].filter((count) => count > 1).length,
			lost: sentIds.filter((id) => !arrivals.has(id)).length + emails.filter((email, index) => !permanent.includes(email) && results[index]?.json.type !== 'sent').length,
			withoutResult: messages - results.filter((item, index) => item?.pairedItem && (item.pairedItem as { item: number }).item === index).length,
			poolClosed,
			seconds,
		};
	} finally {
		await sink.close();
	}
}
