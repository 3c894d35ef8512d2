/**
 * Per-item check that swapping values into the once-compiled MJML gives exactly what compiling
 * this item's filled MJML would. When it does not, the item takes the per-item path; the
 * checks are string scans costing microseconds, far below one compile.
 *
 * Each rule mirrors one thing mjml-core 5.4 does to the source or the output:
 *  - component content is trimmed (mjml-parser-xml, getContent) — a value with outer spaces
 *    next to the edge trims differently from a placeholder — and empty content is left out
 *    (an empty mj-title drops the body's aria-label, an empty file-start mj-raw its newline);
 *  - "true"/"false" attribute values become booleans and "" counts as absent (an mj-button
 *    without href renders a <p>, not an <a>); "$" is special in the String.replace that builds
 *    social share links;
 *  - whitespace inside Outlook conditional comments is collapsed (minifyOutlookConditionnals),
 *    and "<![endif]--><!--[if mso | IE]>" pairs are merged (mergeOutlookConditionnals);
 *  - web fonts are linked when "font-family:…Name" appears in the output (buildFontsTags);
 *  - raw markup inside a component can end the component early (an unclosed <!--, <script>,
 *    a closing </mj-text>) as htmlparser2 reads the source.
 */
import type { FillGuards } from './mjmlPlacement';
import type { VariableToken } from './parseTemplate';
import { fillSlots } from './placeholders';

export function isCachedFillExact(guards: FillGuards, tokens: readonly VariableToken[], parts: readonly string[]): boolean {
	for (let i = 0; i < parts.length; i++) {
		if (FONT_FAMILY.test(parts[i])) return false;
		if (tokens[i].raw && OUTLOOK_CONDITIONAL.test(parts[i])) return false;
	}
	for (const content of guards.contents) {
		const trimmed = fillSlots(content.trimmed, parts);
		if (trimmed === '' || fillSlots(content.full, parts).trim() !== trimmed) return false;
	}
	for (const attribute of guards.attributes) {
		if (!isPlainAttributeValue(fillSlots(attribute, parts))) return false;
	}
	for (const { token, tag } of guards.rawInContent) {
		if (!isInertInsideComponent(parts[token], tag)) return false;
	}
	for (const token of guards.rawInAttribute) {
		if (/["'<>]/.test(parts[token])) return false;
	}
	for (const token of guards.rawInComment) {
		if (/--!?>/.test(parts[token])) return false;
	}
	for (const token of guards.inConditional) {
		if (!CONDITIONAL_SAFE.test(parts[token])) return false;
	}
	return true;
}

const FONT_FAMILY = /font-family/i;
const OUTLOOK_CONDITIONAL = /<!--\[if|<!\[endif\]/i;
// Non-empty, no markup, whitespace only as single spaces between words: nothing for the
// conditional-comment minifier to collapse, with or without the value.
const CONDITIONAL_SAFE = /^[^\s<>]+(?: [^\s<>]+)*$/;

function isPlainAttributeValue(value: string): boolean {
	return value !== '' && value !== 'true' && value !== 'false' && !value.includes('$');
}

// Elements whose content htmlparser2 reads as raw text up to their own end tag.
const RAW_TEXT_ELEMENT = /<\/?(?:script|style|title|textarea|xmp|iframe|noembed|noframes|noscript|plaintext)\b/i;
const COMPLETE_TAG = /<\/?[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;

/** Plain text and complete ordinary tags only: markup htmlparser2 reads the same inside a component. */
function isInertInsideComponent(value: string, tag: string): boolean {
	if (!value.includes('<')) return true;
	const lower = value.toLowerCase();
	if (lower.includes('<!') || lower.includes('<?') || lower.includes('<mj-') || lower.includes('</mj-') || lower.includes(`</${tag}`)) return false;
	if (RAW_TEXT_ELEMENT.test(value)) return false;
	return !/<[A-Za-z/]/.test(value.replace(COMPLETE_TAG, ''));
}
