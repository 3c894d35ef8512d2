/**
 * The plain-text part of an email, made from its HTML.
 */
import { compile, type DomNode, type FormatCallback, type HtmlToTextOptions } from 'html-to-text';

const heading = (selector: string, leadingLineBreaks: number) => ({
	selector,
	format: 'heading',
	// Capitals shout in a text part, and would change values (a name in an <h1>) from what the HTML shows.
	options: { leadingLineBreaks, trailingLineBreaks: 2, uppercase: false },
});
const cellBlock = (selector: string) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } });

/**
 * "text [url]", but not "https://x [https://x]", and nothing for a link around an image only:
 * html-to-text would print the bare URL for it, and MJML emails are full of linked logos and
 * social icons. Otherwise as html-to-text's own anchor formatter (mailto: dropped, #anchors ignored).
 *
 * `deferred`: for HTML whose values are still placeholders, where a link's text and its URL can
 * only be compared once the values are in. The link text is then wrapped in marks and the
 * " [url]" follows in marks of its own; resolveLinkMarks drops it after filling when the two match.
 */
const linkFormatter =
	(deferred: boolean): FormatCallback =>
	(elem, walk, builder) => {
		if (!hasVisibleText(elem)) return;
		const href = linkTarget(elem.attribs?.href);
		if (!href) {
			walk(elem.children, builder);
			return;
		}
		let text = '';
		builder.pushWordTransform((word) => {
			text += word;
			return word;
		});
		if (deferred) builder.addInline(LINK_TEXT_START, { noWordTransform: true });
		walk(elem.children, builder);
		builder.popWordTransform();
		if (deferred) builder.addInline(`${LINK_URL_START}${href}${LINK_END}`, { noWordTransform: true });
		else if (text !== href) builder.addInline(` [${href}]`, { noWordTransform: true });
	};

// Private-use characters: nothing in an email means them, and resolveLinkMarks removes them all.
const LINK_TEXT_START = '\uE000';
const LINK_URL_START = '\uE001';
const LINK_END = '\uE002';
const LINK_MARKS = /[\uE000-\uE002]/g;
const MARKED_LINK = /\uE000([^\uE000-\uE002]*)\uE001([^\uE000-\uE002]*)\uE002/g;

/**
 * Resolves the marked links of htmlToTextDeferringLinks: " [url]" kept only where it differs from
 * the link text. `unresolved`: links whose text or URL contains it (a placeholder prefix) stay
 * marked, for resolving once the values are in — the rest is settled once per template.
 */
export function resolveLinkMarks(text: string, unresolved?: string): string {
	const resolved = text
		// the start mark counts as a word to html-to-text, so the space it would have dropped after a line start or a space is there
		.replace(/(^|\s)\uE000[^\S\n]+/gm, '$1\uE000')
		.replace(MARKED_LINK, (whole, linkText: string, href: string) => {
			if (unresolved !== undefined && (linkText.includes(unresolved) || href.includes(unresolved))) return whole;
			const trimmed = linkText.trimEnd();
			return trimmed.replace(/\s+/g, '') === href ? linkText : `${trimmed} [${href}]`;
		});
	return unresolved === undefined ? resolved.replace(LINK_MARKS, '') : resolved;
}

/** Whether a text still has links to resolve. */
export function hasLinkMarks(text: string): boolean {
	return text.includes(LINK_TEXT_START);
}

/** Marks that a value must not bring in (they would pair with the template's own). */
export function withoutLinkMarks(value: string): string {
	return value.replace(LINK_MARKS, '');
}

/** Iterative: a link can hold markup nested as deep as the input (see MAX_TEXT_DEPTH). */
function hasVisibleText(node: DomNode): boolean {
	const pending: DomNode[] = [node];
	for (let next = pending.pop(); next; next = pending.pop()) {
		if (next.type === 'text' && /\S/.test(next.data ?? '')) return true;
		if (next.children) pending.push(...next.children);
	}
	return false;
}

function linkTarget(href: unknown): string {
	if (typeof href !== 'string') return '';
	const target = href.replace(/^mailto:/, '');
	return target.startsWith('#') ? '' : target;
}

/** Element nesting the text part follows; MJML output nests about 25 deep. */
export const MAX_TEXT_DEPTH = 256;

const emailTextOptions = (deferLinks: boolean): HtmlToTextOptions => ({
	// No wrapping here: the text is filled with values afterwards (a wrap point computed now would
	// be wrong once a value is inserted), and Nodemailer's quoted-printable encoding already
	// keeps the lines on the wire under the 78/998-character limits of RFC 5322 §2.1.1.
	wordwrap: false,
	// html-to-text walks the DOM recursively: markup nested thousands deep (a hostile raw value)
	// would overflow the stack. No real email nests anywhere near this; deeper content is cut
	// from the text part with "…" (the HTML part keeps it).
	limits: { maxDepth: MAX_TEXT_DEPTH, ellipsis: '…' },
	formatters: { emailLink: linkFormatter(deferLinks) },
	selectors: [
		heading('h1', 3),
		heading('h2', 3),
		heading('h3', 3),
		heading('h4', 2),
		heading('h5', 2),
		heading('h6', 2),
		{ selector: 'a', format: 'emailLink' },
		// Image URLs mean nothing in a text part; MJML layouts are full of spacer and logo images.
		{ selector: 'img', format: 'skip' },
		// Hidden elements: MJML's <mj-preview> inbox preheader, hidden mobile/desktop variants.
		{ selector: '[style*="display:none"]', format: 'skip' },
		{ selector: '[style*="display: none"]', format: 'skip' },
		// Email HTML is laid out in tables that html-to-text treats as layout (inline) tables,
		// which glues neighbouring cells ("Total€ 59.90"); one cell per line reads as intended.
		cellBlock('td'),
		cellBlock('th'),
	],
});

// Compiling the options builds html-to-text's selector decision tree; do it once, not per item.
const convert = compile(emailTextOptions(false));
const convertDeferringLinks = compile(emailTextOptions(true));

export function htmlToText(html: string): string {
	return tidy(convert(html));
}

/** htmlToText for HTML with placeholders: links marked for resolveLinkMarks (see linkFormatter). */
export function htmlToTextDeferringLinks(html: string): string {
	return tidy(convertDeferringLinks(html));
}

/**
 * Layout HTML leaves lines holding only &nbsp;, hair spaces (mj-spacer) or zero-width spaces, and
 * runs of blank lines; a reader of the text part wants at most one blank line between paragraphs.
 */
function tidy(text: string): string {
	return text
		.replace(/(?:[^\S\n]|[\u200b-\u200d\u2060\ufeff])+$/gm, '')
		.replace(/\n{3,}/g, '\n\n')
		.replace(/^\n+|\n+$/g, '');
}
