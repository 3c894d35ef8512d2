/**
 * The slow, always-correct path: fill the MJML source with this item's values, then compile.
 *
 * Used for templates the cached path cannot serve (values in typed attributes, raw MJML markup)
 * and for single items whose values MJML would treat specially (itemGuards.ts). Compiles are
 * memoised by the filled source, so items with identical values compile once; the memo is
 * bounded because a long execution of distinct items would otherwise hold every email in memory.
 */
import { htmlToText } from './htmlToText';
import { compileMjml } from './mjmlCompile';
import type { ParsedTemplate } from './parseTemplate';
import { substituteTokens } from './substitution';

export interface PerItemOutput {
	html: string;
	/** The text part from this item's HTML, computed on first use. */
	text(): string;
}

export type PerItemRenderer = (htmlParts: readonly string[]) => Promise<PerItemOutput>;

const MEMO_SIZE = 32;

export function createPerItemRenderer(parsed: ParsedTemplate, fonts: Record<string, string>, onCompile: () => void): PerItemRenderer {
	const memo = new Map<string, Promise<PerItemOutput>>();
	return (htmlParts) => {
		const filled = substituteTokens(parsed, htmlParts);
		const hit = memo.get(filled.text);
		if (hit) {
			// Re-insert: Map keeps insertion order, so the oldest entry is the least recently used.
			memo.delete(filled.text);
			memo.set(filled.text, hit);
			return hit;
		}
		onCompile();
		const output = compileMjml(filled.text, { field: parsed.field, locate: filled.locate, fonts }).then(withLazyText);
		memo.set(filled.text, output);
		if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
		return output;
	};
}

function withLazyText(html: string): PerItemOutput {
	let text: string | undefined;
	return { html, text: () => (text ??= htmlToText(html)) };
}
