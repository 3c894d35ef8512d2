/**
 * Where each variable sits in an MJML template, and what that means for compiling once.
 *
 * The cached path compiles the template with placeholders and later swaps values in. That is
 * only correct where MJML copies the placeholder through untouched — component content
 * (mj-text, mj-button, mj-raw, …), comments, and string attributes such as href. Elsewhere MJML
 * drops, validates or rewrites what it finds, so the template is compiled per item instead, or,
 * for an escaped variable between structural tags (which can never show), refused.
 *
 * Even in copy-through places MJML reacts to a few *values* ("false" as an attribute, leading
 * spaces it trims, markup that ends the component early). FillGuards records what to check per
 * item; itemGuards.ts checks it and sends such an item down the per-item path.
 */
import { TemplateError } from './errors';
import type { MjmlRegion } from './mjmlScanner';
import { describeToken, type ParsedTemplate, type VariableToken } from './parseTemplate';
import { findPlaceholders, splitAtPlaceholders, type Placeholders, type SlottedText } from './placeholders';
import { formatPosition } from './sourcePosition';

/**
 * MJML attributes whose value reaches the HTML as written (checked by the equivalence tests).
 * Typed attributes (width, padding, colors, align) fail validation with a placeholder, and
 * css-class / mj-class / font-family / name change what MJML generates, so they go per item.
 */
const VERBATIM_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'alt', 'title', 'background-url']);

export interface FillGuards {
	/** Component contents holding variables: MJML trims them, so the filled content must trim the same way. */
	contents: Array<{ full: SlottedText; trimmed: SlottedText }>;
	/** Whole attribute values holding variables. */
	attributes: SlottedText[];
	/** Raw variables inside component content, with the component. */
	rawInContent: Array<{ token: number; tag: string }>;
	rawInAttribute: number[];
	rawInComment: number[];
	/** Variables whose placeholder landed inside an Outlook conditional comment (filled in after compiling). */
	inConditional: number[];
}

export interface MjmlPlacement {
	/** Set when the template must be compiled per item; says why (first reason found). */
	perItemReason?: string;
	guards: FillGuards;
}

export function placeTokens(
	parsed: ParsedTemplate,
	placeholderSource: string,
	regions: readonly MjmlRegion[],
	placeholders: Placeholders,
): MjmlPlacement {
	const guards: FillGuards = { contents: [], attributes: [], rawInContent: [], rawInAttribute: [], rawInComment: [], inConditional: [] };
	const reasons: string[] = [];
	const guardedRegions = new Set<MjmlRegion>();
	const split = (region: MjmlRegion, text = placeholderSource.slice(region.start, region.end)) =>
		splitAtPlaceholders(text, placeholders, parsed.tokens.length);

	let regionIndex = 0;
	for (const found of findPlaceholders(placeholderSource, placeholders, parsed.tokens.length)) {
		while (regions[regionIndex] && regions[regionIndex].end <= found.offset) regionIndex++;
		const region = regions[regionIndex];
		const token = parsed.tokens[found.index];
		const where = `${describeToken(token)} (line ${formatPosition(token)})`;

		if (!region || region.start > found.offset || region.kind === 'markup') {
			reasons.push(`${where} is inside tag markup`);
		} else if (region.parents.includes('mj-html-attributes')) {
			reasons.push(`${where} is inside <mj-html-attributes>, which MJML applies with an HTML parser`);
		} else if (region.kind === 'text') {
			if (!token.raw) throw droppedTextError(parsed, token, region.parents.at(-1));
			reasons.push(`${where} inserts markup between <${region.parents.at(-1)}> tags`);
		} else if (region.kind === 'content') {
			if (region.tag === 'mj-style' && region.attributes.inline === 'inline') {
				reasons.push(`${where} is in <mj-style inline="inline">, whose CSS MJML inlines into the document`);
			} else {
				if (!guardedRegions.has(region)) {
					guardedRegions.add(region);
					const text = placeholderSource.slice(region.start, region.end);
					guards.contents.push({ full: split(region, text), trimmed: split(region, text.trim()) });
				}
				if (token.raw) guards.rawInContent.push({ token: found.index, tag: region.tag });
			}
		} else if (region.kind === 'attribute') {
			const quoted = /["']/.test(placeholderSource[region.start - 1] ?? '');
			if (!VERBATIM_ATTRIBUTES.has(region.name) || !quoted) {
				reasons.push(`${where} is in the ${region.name} attribute of <${region.tag}>, which MJML validates or rewrites`);
			} else {
				if (!guardedRegions.has(region)) {
					guardedRegions.add(region);
					guards.attributes.push(split(region));
				}
				if (token.raw) guards.rawInAttribute.push(found.index);
			}
		} else if (token.raw) {
			guards.rawInComment.push(found.index);
		}
	}

	const hasRaw = parsed.tokens.some((token) => token.raw);
	if (hasRaw && rewritesWholeDocument(regions)) {
		reasons.push('the template uses mj-html-attributes or inline mj-style, which re-serialise the whole document including raw values');
	}
	return reasons.length > 0 ? { perItemReason: reasons[0], guards } : { guards };
}

/** mj-html-attributes and mj-style inline run the whole HTML through cheerio/juice after rendering. */
function rewritesWholeDocument(regions: readonly MjmlRegion[]): boolean {
	return regions.some(
		(region) =>
			(region.kind === 'markup' && region.tag === 'mj-html-attributes') ||
			(region.kind === 'content' && region.tag === 'mj-style' && region.attributes.inline === 'inline'),
	);
}

function droppedTextError(parsed: ParsedTemplate, token: VariableToken, parent: string | undefined): TemplateError {
	const place = parent ? `between <${parent}> tags where MJML drops text` : 'outside the <mjml> root where MJML drops text';
	return new TemplateError(
		`${describeToken(token)} at line ${formatPosition(token)} sits ${place}; move it inside <mj-text>, ` +
			`or use {{{${token.name}}}} if the value is MJML markup`,
		parsed.field,
		token,
	);
}
