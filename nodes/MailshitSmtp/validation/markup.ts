/**
 * Two checks of HTML or MJML source that need no parser (and so cannot be made slow or deep by
 * the input they look at): how deep its elements nest, and whether a {{variable}} sits in an
 * attribute without quotes. One pass over the characters each, linear in the length.
 */

/**
 * Elements nested deeper than this are refused. An MJML email compiles to about 25 levels and
 * hand-written email HTML rarely passes 40; the HTML parsers behind the text part and MJML slow
 * down with the square of the depth (100,000 levels: 20 s) and recurse per level.
 */
export const MAX_MARKUP_DEPTH = 200;

/** Elements without content (HTML void elements), and those whose end tag HTML lets one leave out. */
const NEVER_NESTS = new Set([
	'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
	'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'colgroup', 'rt', 'rp',
]);

/** The index just past the tag that opens at `start` (`<`), skipping quoted attribute values. */
function tagEnd(source: string, start: number): number {
	let quote = '';
	for (let i = start + 1; i < source.length; i++) {
		const char = source[i];
		if (quote) {
			if (char === quote) quote = '';
		} else if (char === '"' || char === "'") {
			quote = char;
		} else if (char === '>') {
			return i + 1;
		}
	}
	return source.length;
}

interface Tag {
	name: string;
	closing: boolean;
	selfClosing: boolean;
	/** The text between `<` and `>`. */
	body: string;
}

/** Every start and end tag, in order; comments, doctypes and CDATA are skipped. */
function* tags(source: string): Generator<Tag> {
	for (let i = source.indexOf('<'); i !== -1 && i < source.length; i = source.indexOf('<', i)) {
		if (source.startsWith('<!--', i)) {
			const close = source.indexOf('-->', i + 4);
			i = close === -1 ? source.length : close + 3;
			continue;
		}
		const name = /^<(\/?)([A-Za-z][\w:-]*)/.exec(source.slice(i, i + 64));
		if (!name) {
			i++;
			continue;
		}
		const end = tagEnd(source, i);
		const body = source.slice(i + 1, end - 1);
		yield { name: name[2].toLowerCase(), closing: name[1] === '/', selfClosing: body.endsWith('/'), body };
		i = end;
	}
}

/** The deepest element nesting in `source`, counting only elements that must be closed. */
export function markupDepth(source: string): number {
	let depth = 0;
	let deepest = 0;
	for (const tag of tags(source)) {
		if (NEVER_NESTS.has(tag.name) || tag.selfClosing) continue;
		if (tag.closing) depth = Math.max(0, depth - 1);
		else deepest = Math.max(deepest, ++depth);
	}
	return deepest;
}

/**
 * The first attribute whose value holds an escaped {{variable}} without quotes, as written
 * (`href={{url}}`), or undefined. HTML escaping keeps a value inside quotes; without them a
 * space in the value ends the attribute, and the rest adds attributes of its own
 * (`x onmouseover=…`). A raw {{{value}}} is markup by choice and is not looked at.
 */
export function findUnquotedVariable(source: string): string | undefined {
	if (!source.includes('{{')) return undefined;
	for (const tag of tags(source)) {
		if (tag.closing || !tag.body.includes('{{')) continue;
		// quoted values are safe whatever they hold ("…?order={{id}}" is no attribute of its own)
		const outsideQuotes = tag.body.replace(/"[^"]*"|'[^']*'/g, '""');
		const unquoted = /([^\s=]+)\s*=\s*(?!["'])([^\s"'>{]*\{\{(?!\{)[^}]*\}\})/.exec(outsideQuotes);
		if (unquoted) return `${unquoted[1]}=${unquoted[2]}`;
	}
	return undefined;
}
