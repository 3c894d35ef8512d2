/**
 * What went out before a batch stopped, in words for the node's error: who already has the
 * email, and what running the execution again would do. Without it a user who sees "Item 5 was
 * not sent" and re-runs the workflow mails everyone before item 5 a second time.
 */

export interface SentItem {
	index: number;
	messageId: string;
}

/** Message-IDs named in the sentence; the rest are counted. */
const NAMED_MESSAGE_IDS = 3;
/** Index ranges named in the sentence; the rest are counted. */
const NAMED_RANGES = 12;

/** "0–4, 6, 9–12" from sorted indexes, at most NAMED_RANGES ranges. */
export function describeIndexes(indexes: readonly number[]): string {
	const sorted = [...indexes].sort((a, b) => a - b);
	const ranges: string[] = [];
	let covered = 0;
	for (let i = 0; i < sorted.length && ranges.length < NAMED_RANGES; ) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
		covered = j + 1;
		i = j + 1;
	}
	const rest = sorted.length - covered;
	return rest > 0 ? `${ranges.join(', ')} and ${rest} more` : ranges.join(', ');
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The sentences for a batch of `total` items that stopped: how many and which were sent (indexes
 * and the first Message-IDs), and what a new run of the execution would resend.
 */
export function describeWhatWentOut(sent: readonly SentItem[], total: number, uncertain: readonly number[] = []): string {
	const parts: string[] = [];
	if (sent.length === 0) {
		parts.push(`No item of ${total} was sent before the node stopped, so a new run sends each of them once.`);
	} else {
		const ordered = [...sent].sort((a, b) => a.index - b.index);
		const ids = ordered.slice(0, NAMED_MESSAGE_IDS).map((item) => item.messageId);
		const more = ordered.length - ids.length;
		const items = plural(sent.length, 'item');
		parts.push(
			`${items} of ${total} ${sent.length === 1 ? 'was' : 'were'} sent before the node stopped: ${sent.length === 1 ? 'item' : 'items'} ${describeIndexes(ordered.map((item) => item.index))} (Message-ID ${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''}).`,
			`A new run of this execution would send ${sent.length === 1 ? 'it' : 'them'} again: take ${sent.length === 1 ? 'it' : 'them'} out of the input first, or turn on Continue On Fail to get a result for every item (Retry On Fail on this node does not resend them).`,
		);
	}
	if (uncertain.length > 0) {
		parts.push(`Delivery is uncertain for ${plural(uncertain.length, 'item')} (${describeIndexes(uncertain)}): check the inbox before resending.`);
	}
	return parts.join(' ');
}
