/**
 * An MJML body: compiled once with placeholders and filled per item (the cached path), or
 * compiled per item where that would not give the same email (see mjmlPlacement.ts).
 */
import type { BodyOutput, BodyRenderer } from './bodyRenderer';
import { deriveTextSlots, fillDerivedText, type DerivedTextSlots } from './derivedText';
import { MjmlValidationError, formatMjmlProblem } from './errors';
import { isCachedFillExact } from './itemGuards';
import { compileScannedMjml, rejectIncludes } from './mjmlCompile';
import { chooseFonts } from './mjmlFonts';
import { placeTokens, type FillGuards } from './mjmlPlacement';
import { scanMjml } from './mjmlScanner';
import { describeToken, type ParsedTemplate } from './parseTemplate';
import { createPerItemRenderer, type PerItemRenderer } from './perItemMjml';
import { createPlaceholders, fillSlots, findPlaceholders, splitAtPlaceholders, type Placeholders } from './placeholders';
import { formatPosition } from './sourcePosition';
import { substituteTokens } from './substitution';

/** Compiles the template once; throws TemplateError for problems that do not depend on values. */
export async function prepareMjmlBody(parsed: ParsedTemplate, onCompile: () => void): Promise<BodyRenderer> {
	const { field, tokens } = parsed;
	const placeholders = createPlaceholders(parsed.source);
	const source = substituteTokens(
		parsed,
		tokens.map((_, i) => placeholders.of(i)),
	);
	rejectIncludes(source.text, field, source.locate);
	const regions = scanMjml(source.text, { field, locate: source.locate });
	const placement = placeTokens(parsed, source.text, regions, placeholders);
	// From the template as written, so a default such as {{font|Lato}} counts as naming Lato.
	const fonts = chooseFonts(parsed.source);
	const perItem = createPerItemRenderer(parsed, fonts, onCompile);

	// Compiled even when the template goes per item: mistakes that do not depend on values
	// then fail once, here, rather than once per item.
	onCompile();
	// rejectIncludes and scanMjml above already checked this text; compileMjml would repeat both.
	const compiled = await compileScannedMjml(source.text, field, source.locate, fonts).then(
		(html) => ({ html }),
		(error: unknown) => ({ error }),
	);
	let perItemReason = placement.perItemReason;
	let html: string | undefined;
	if ('html' in compiled) {
		html = compiled.html;
		perItemReason ??= checkCompiledOutput(parsed, html, placeholders, placement.guards);
	} else {
		const problem = placeholderOnlyProblem(compiled.error, placeholders, field);
		perItemReason ??= problem;
	}
	if (perItemReason !== undefined || html === undefined) {
		return { mode: 'per-item', perItemReason, compilesPerItem: () => true, render: (_texts, htmlParts) => renderPerItem(perItem, htmlParts) };
	}
	return createCachedBody(parsed, html, placeholders, placement.guards, perItem);
}

/**
 * The compile error of the placeholder version, when every complaint is about a placeholder
 * standing where MJML wants a typed value (then real values may well pass, item by item).
 * Any other error is the template's own and is thrown.
 */
function placeholderOnlyProblem(error: unknown, placeholders: Placeholders, field: string): string {
	if (!(error instanceof MjmlValidationError)) throw error;
	const unrelated = error.problems.filter((problem) => !problem.message.includes(placeholders.prefix));
	if (unrelated.length > 0) throw new MjmlValidationError(unrelated, field);
	return `MJML rejects a variable in place of a value: ${formatMjmlProblem(error.problems[0])}`;
}

/** Anything MJML did to a placeholder that the cached path cannot replay; records conditional-comment guards. */
function checkCompiledOutput(parsed: ParsedTemplate, html: string, placeholders: Placeholders, guards: FillGuards): string | undefined {
	const found = findPlaceholders(html, placeholders, parsed.tokens.length);
	const present = new Set(found.map((placeholder) => placeholder.index));
	const dropped = parsed.tokens.findIndex((_, i) => !present.has(i));
	if (dropped !== -1) {
		const token = parsed.tokens[dropped];
		return `${describeToken(token)} (line ${formatPosition(token)}) does not reach the compiled HTML as written`;
	}
	const inFontFamily = new RegExp(`font-family:[^;"}]*${placeholders.prefix}(\\d+)x`).exec(html);
	if (inFontFamily) {
		const token = parsed.tokens[Number(inFontFamily[1])];
		return `${describeToken(token)} (line ${formatPosition(token)}) is part of a font-family, which decides the web fonts MJML links`;
	}
	for (const block of html.matchAll(/<!--\[if\s[^\]]+\]>[\s\S]*?<!\[endif\]-->/g)) {
		const start = block.index ?? 0;
		const end = start + block[0].length;
		for (const placeholder of found) {
			if (placeholder.offset >= start && placeholder.offset < end) guards.inConditional.push(placeholder.index);
		}
	}
	return undefined;
}

function createCachedBody(
	parsed: ParsedTemplate,
	html: string,
	placeholders: Placeholders,
	guards: FillGuards,
	perItem: PerItemRenderer,
): BodyRenderer {
	const htmlSlots = splitAtPlaceholders(html, placeholders, parsed.tokens.length);
	let textSlots: DerivedTextSlots | undefined;
	const derivedTextSlots = (): DerivedTextSlots => (textSlots ??= deriveTextSlots(html, placeholders, parsed.tokens.length));
	return {
		mode: 'cached',
		compilesPerItem: (htmlParts) => !isCachedFillExact(guards, parsed.tokens, htmlParts),
		render: (texts, htmlParts) => {
			if (!isCachedFillExact(guards, parsed.tokens, htmlParts)) return renderPerItem(perItem, htmlParts);
			return {
				html: fillSlots(htmlSlots, htmlParts),
				text: () => fillDerivedText(derivedTextSlots(), parsed.tokens, texts),
				path: 'cached',
			};
		},
	};
}

async function renderPerItem(perItem: PerItemRenderer, htmlParts: readonly string[]): Promise<BodyOutput> {
	const output = await perItem(htmlParts);
	return { html: output.html, text: output.text, path: 'per-item' };
}
