/**
 * What one run of the node has already delivered, kept for n8n's Retry On Fail. n8n retries a
 * failed node with the same input in the same execution; without this record every item that
 * went out before the failure would be sent again. A retry that builds the same message (same
 * recipients, subject, body, headers and attachments) for the same item gets the first result
 * back instead of a second email.
 */
import { createHash } from 'node:crypto';
import type { SendFailedResult, SentResult } from '../../results';
import type { HintId } from '../../smtp/errorHints';
import { Memo } from '../../shared/memo';
import type { OutgoingMessage } from '../../transport/pooledSender';

/** What an item's delivery came to: sent, or failed with the cause the node acts on. */
export type ItemOutcome = { result: SentResult; hintId?: undefined } | { result: SendFailedResult; hintId: HintId };

interface Entry {
	digest: string;
	outcome: ItemOutcome;
}

interface RunRecord {
	createdAt: number;
	items: Map<number, Entry>;
}

/**
 * A record lives from a run that failed until its retry succeeds (then it is dropped) or until
 * it ages out: n8n retries within seconds (Wait Between Tries is at most 5 s, Max Tries 5). The
 * few runs kept bound the memory of a process that executes many workflows.
 */
const MAX_RUNS = 16;
const MAX_AGE_MS = 60 * 60 * 1000;
const runs = new Memo<string, RunRecord>(MAX_RUNS);

export interface SentRecord {
	/** The result this item got earlier in the run, if its message is the same. */
	previous(index: number, digest: string): ItemOutcome | undefined;
	remember(index: number, digest: string, outcome: ItemOutcome): void;
	/** The run succeeded: no retry will come. */
	forget(): void;
}

/** The record of one run: execution, node and run index (a node in a loop runs more than once). */
export function sentRecord(executionId: string, nodeName: string, runIndex: number, now = Date.now()): SentRecord {
	const key = `${executionId}\u0000${nodeName}\u0000${runIndex}`;
	let run = runs.get(key, () => ({ createdAt: now, items: new Map() }));
	if (now - run.createdAt > MAX_AGE_MS) {
		runs.delete(key);
		run = runs.get(key, () => ({ createdAt: now, items: new Map() }));
	}
	const { items } = run;
	return {
		previous(index, digest) {
			const entry = items.get(index);
			return entry?.digest === digest ? entry.outcome : undefined;
		},
		remember(index, digest, outcome) {
			items.set(index, { digest, outcome });
		},
		forget() {
			runs.delete(key);
		},
	};
}

/** Everything that makes two messages the same email, except the Message-ID chosen per try. */
export function messageDigest(message: OutgoingMessage): string {
	const hash = createHash('sha256');
	const { attachments, ...rest } = message;
	hash.update(JSON.stringify({ ...rest, messageId: undefined }));
	for (const attachment of (attachments ?? []) as Array<{ filename?: unknown; contentType?: unknown; cid?: unknown; content?: unknown }>) {
		hash.update(JSON.stringify([attachment.filename, attachment.contentType, attachment.cid]));
		if (Buffer.isBuffer(attachment.content)) hash.update(attachment.content);
		else hash.update(String(attachment.content ?? ''));
	}
	return hash.digest('hex');
}
