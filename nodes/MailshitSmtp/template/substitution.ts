/**
 * A template with each token replaced by a given string, remembering where each part came from
 * so that an offset in the result (an MJML error, a malformed tag) can be reported at the
 * user's line and column rather than at a place in text they never saw.
 */
import type { SourcePosition } from './errors';
import { interleave } from './fillVariables';
import type { ParsedTemplate } from './parseTemplate';
import { lastIndexAtOrBefore, positionAt } from './sourcePosition';

export interface Substituted {
	text: string;
	/** Offset in the template source of an offset in `text`; inside a replacement: the token's start. */
	toSourceOffset(offset: number): number;
	/** Position in the template source of an offset in `text`. */
	locate(offset: number): SourcePosition;
}

export function substituteTokens(parsed: ParsedTemplate, replacements: readonly string[]): Substituted {
	const text = interleave(parsed.literals, replacements);
	// replacementStarts[i]: offset in `text` where token i's replacement begins.
	const replacementStarts: number[] = [];
	let cursor = parsed.literals[0].length;
	for (let i = 0; i < replacements.length; i++) {
		replacementStarts.push(cursor);
		cursor += replacements[i].length + parsed.literals[i + 1].length;
	}

	const toSourceOffset = (offset: number): number => {
		const i = lastIndexAtOrBefore(replacementStarts, offset);
		if (i === -1) return offset;
		const token = parsed.tokens[i];
		const intoReplacement = offset - replacementStarts[i];
		if (intoReplacement < replacements[i].length) return token.offset;
		return token.offset + token.length + (intoReplacement - replacements[i].length);
	};
	return {
		text,
		toSourceOffset,
		locate: (offset) => (parsed.locate ?? ((at: number) => positionAt(parsed.source, at)))(toSourceOffset(offset)),
	};
}
