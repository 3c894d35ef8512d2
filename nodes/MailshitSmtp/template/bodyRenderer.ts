/**
 * The body of an email, ready to fill: one implementation per template format.
 * MJML's lives in mjmlBody.ts; HTML and plain text need no compiling and live here.
 */
import { deriveTextSlots, fillDerivedText, type DerivedTextSlots } from './derivedText';
import { interleave } from './fillVariables';
import type { ParsedTemplate } from './parseTemplate';
import { createPlaceholders } from './placeholders';
import { substituteTokens } from './substitution';

export type RenderPath = 'cached' | 'per-item';

export interface BodyOutput {
	/** Absent for a plain-text body. */
	html?: string;
	/** The text part derived from the body (used when no text template is given). */
	text(): string;
	path: RenderPath;
}

export interface BodyRenderer {
	mode: RenderPath;
	/** Why the template is compiled per item (only with mode 'per-item'). */
	perItemReason?: string;
	/**
	 * texts: each token's value or default; htmlParts: the same, HTML-escaped unless raw.
	 * Both are indexed by token.
	 */
	render(texts: readonly string[], htmlParts: readonly string[]): Promise<BodyOutput> | BodyOutput;
	/** Whether these values need an MJML compile of their own (and so can fail on MJML's terms). */
	compilesPerItem(htmlParts: readonly string[]): boolean;
}

/** Format 'text': the body is the text part; there is no HTML. */
export function createTextBody(parsed: ParsedTemplate): BodyRenderer {
	return {
		mode: 'cached',
		compilesPerItem: () => false,
		render: (texts) => {
			const text = interleave(parsed.literals, texts);
			return { text: () => text, path: 'cached' };
		},
	};
}

/** Format 'html': the body is HTML with variables; the text part is derived once from it. */
export function createHtmlBody(parsed: ParsedTemplate): BodyRenderer {
	let textSlots: DerivedTextSlots | undefined;
	const derivedTextSlots = (): DerivedTextSlots => {
		if (!textSlots) {
			const placeholders = createPlaceholders(parsed.source);
			const withPlaceholders = substituteTokens(parsed, parsed.tokens.map((_, i) => placeholders.of(i))).text;
			textSlots = deriveTextSlots(withPlaceholders, placeholders, parsed.tokens.length);
		}
		return textSlots;
	};
	return {
		mode: 'cached',
		compilesPerItem: () => false,
		render: (texts, htmlParts) => ({
			html: interleave(parsed.literals, htmlParts),
			text: () => fillDerivedText(derivedTextSlots(), parsed.tokens, texts),
			path: 'cached',
		}),
	};
}
