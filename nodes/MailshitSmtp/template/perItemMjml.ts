/**
 * The slow, always-correct path: fill the MJML source with this item's values, then compile.
 *
 * Used for templates the cached path cannot serve (values in typed attributes, raw MJML markup)
 * and for single items whose values MJML would treat specially (itemGuards.ts). Compiles are
 * memoised by the filled source, so items with identical values compile once; the memo is
 * bounded because a long execution of distinct items would otherwise hold every email in memory.
 */
import { Memo } from '../shared/memo';
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
	const memo = new Memo<string, Promise<PerItemOutput>>(MEMO_SIZE);
	return (htmlParts) => {
		const filled = substituteTokens(parsed, htmlParts);
		return memo.get(filled.text, () => {
			onCompile();
			return compileMjml(filled.text, { field: parsed.field, locate: filled.locate, fonts }).then(withLazyText);
		});
	};
}

function withLazyText(html: string): PerItemOutput {
	let text: string | undefined;
	return { html, text: () => (text ??= htmlToText(html)) };
}
