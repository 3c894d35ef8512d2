/**
 * The plain-text part made from the HTML once, then filled per item.
 *
 * html-to-text runs on the HTML with placeholders (≈ a millisecond for a newsletter); per item
 * only the values are converted: a raw value is HTML, so it goes through html-to-text itself;
 * an escaped value is text, whose whitespace runs collapse to one space as the HTML shows them.
 * The result can differ from converting each item's finished HTML only in whitespace at a
 * value's edges. A link whose text is its URL ("{{url}}" linked to "{{url}}") is printed once:
 * the comparison is made after filling (see htmlToTextDeferringLinks).
 */
import { hasLinkMarks, htmlToText, htmlToTextDeferringLinks, resolveLinkMarks, withoutLinkMarks } from './htmlToText';
import type { VariableToken } from './parseTemplate';
import { fillSlots, splitAtPlaceholders, type Placeholders, type SlottedText } from './placeholders';

export interface DerivedTextSlots extends SlottedText {
	/** The distinct token indexes in `slots`, found once here rather than on every fill. */
	distinctSlots: number[];
	/** Whether links with a value in their text or URL are left to compare per item. */
	deferredLinks: boolean;
}

export function deriveTextSlots(htmlWithPlaceholders: string, placeholders: Placeholders, tokenCount: number): DerivedTextSlots {
	// links made only of template text are settled here, once
	const text = resolveLinkMarks(htmlToTextDeferringLinks(htmlWithPlaceholders), placeholders.prefix);
	const slotted = splitAtPlaceholders(text, placeholders, tokenCount);
	return { ...slotted, distinctSlots: [...new Set(slotted.slots)], deferredLinks: hasLinkMarks(text) };
}

/** `texts`: each token's value or default as the reader sees it (URL-encoded in a link), not HTML-escaped. */
export function fillDerivedText(slotted: DerivedTextSlots, tokens: readonly VariableToken[], texts: readonly string[]): string {
	const parts: string[] = new Array<string>(tokens.length).fill('');
	for (const index of slotted.distinctSlots) {
		const value = valueAsText(texts[index], tokens[index].raw);
		parts[index] = slotted.deferredLinks ? withoutLinkMarks(value) : value;
	}
	const filled = fillSlots(slotted, parts);
	return tidyAroundValues(slotted.deferredLinks ? resolveLinkMarks(filled) : filled);
}

/**
 * An empty value between two spaces ("Hi {{name|}} there") leaves two spaces in a row, where the
 * HTML shows one; html-to-text already collapsed the template's own runs, so any run left
 * inside a line comes from a value. Leading indentation is kept.
 */
function tidyAroundValues(text: string): string {
	return text.replace(/(\S) {2,}(?=\S)/g, '$1 ').replace(/ +$/gm, '');
}

// html-to-text's whitespaceCharacters.
const HTML_WHITESPACE_RUN = /[ \t\r\n\f\u200b]+/g;

function valueAsText(value: string, raw: boolean): string {
	if (raw && /[<&]/.test(value)) return htmlToText(value);
	return value.replace(HTML_WHITESPACE_RUN, ' ');
}
