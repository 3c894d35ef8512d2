/**
 * A structural reading of an MJML document: where each piece of text sits (inside an attribute,
 * inside a component's content, between structural tags, in a comment) and whether the tags
 * balance.
 *
 * Why our own scanner: MJML parses with htmlparser2 in its forgiving HTML mode, so a missing
 * </mj-text> does not fail — the text is silently dropped from the email. We check the
 * structure first and say where it breaks. The rules mirror mjml-parser-xml: tag names are
 * case-insensitive, and the content of an "ending tag" (mj-text, mj-button, mj-raw, …) is taken
 * verbatim up to its closing tag, so HTML inside it (<br>, <p>) is not checked here.
 */
import { TemplateError, type SourcePosition } from './errors';
import { formatPosition, positionAt } from './sourcePosition';

/**
 * Components whose content MJML copies verbatim instead of parsing as MJML (their `endingTag`
 * flag in mjml-core 5.4; test/unit/template checks this list against the installed mjml).
 */
export const MJML_ENDING_TAGS: ReadonlySet<string> = new Set([
	'mj-accordion-text',
	'mj-accordion-title',
	'mj-breakpoint',
	'mj-button',
	'mj-carousel-image',
	'mj-navbar-link',
	'mj-preview',
	'mj-raw',
	'mj-social-element',
	'mj-style',
	'mj-table',
	'mj-text',
	'mj-title',
]);

interface RegionBase {
	start: number;
	end: number;
	/** Open elements around the region, outermost first (lower-case names). */
	parents: readonly string[];
}

export type MjmlRegion =
	/** Verbatim content of an ending tag. */
	| (RegionBase & { kind: 'content'; tag: string; attributes: Readonly<Record<string, string>> })
	/** An attribute value, without its quotes. */
	| (RegionBase & { kind: 'attribute'; tag: string; name: string })
	/** Inside a tag but not in a value: names, "=", spaces. */
	| (RegionBase & { kind: 'markup'; tag: string })
	/** Inside <!-- -->, without the delimiters. */
	| (RegionBase & { kind: 'comment' })
	/** Text directly inside a structural element (or outside the root), which MJML ignores. */
	| (RegionBase & { kind: 'text' });

export interface ScanOptions {
	field: string;
	/** Maps an offset in the scanned text to the user's template (when the text was substituted). */
	locate?: (offset: number) => SourcePosition;
}

/** Regions in source order. Throws TemplateError when the structure is broken. */
export function scanMjml(source: string, options: ScanOptions): MjmlRegion[] {
	return new Scanner(source, options).run();
}

// Sticky (y) patterns, matched at a given offset without slicing the source.
const CLOSING_TAG = /<\/([^\s/>]+)\s*>/y;
const TAG_NAME = /[^\s/>]+/y;
// A name, or a stray "/" or quote (consumed so the scan always advances).
const ATTRIBUTE_NAME = /[^\s=/>"']+|[/"']/y;
const UNQUOTED_VALUE = /[^\s>]*/y;

function matchAt(pattern: RegExp, source: string, offset: number): RegExpExecArray | null {
	pattern.lastIndex = offset;
	return pattern.exec(source);
}

// Omit over each member of the union, not over the union as a whole (which would lose `kind`).
type RegionWithoutParents = MjmlRegion extends infer R ? (R extends MjmlRegion ? Omit<R, 'parents'> : never) : never;

interface OpenElement {
	name: string;
	offset: number;
}

class Scanner {
	private readonly regions: MjmlRegion[] = [];
	private readonly stack: OpenElement[] = [];
	private rootSeen = false;
	private readonly locate: (offset: number) => SourcePosition;

	constructor(
		private readonly source: string,
		private readonly options: ScanOptions,
	) {
		this.locate = options.locate ?? ((offset) => positionAt(source, offset));
	}

	run(): MjmlRegion[] {
		const { source } = this;
		let pos = 0;
		while (pos < source.length) {
			const lt = source.indexOf('<', pos);
			if (lt === -1) {
				this.add({ kind: 'text', start: pos, end: source.length });
				break;
			}
			if (lt > pos) this.add({ kind: 'text', start: pos, end: lt });
			pos = this.readMarkup(lt);
		}
		const unclosed = this.stack.at(-1);
		if (unclosed) this.fail(`<${unclosed.name}> opened at line ${this.at(unclosed.offset)} is never closed`, unclosed.offset);
		if (!this.rootSeen) this.fail('an MJML template must start with <mjml> and end with </mjml>', 0);
		return this.regions;
	}

	/** Reads what starts at `lt` ("<"), returns the offset after it. */
	private readMarkup(lt: number): number {
		const { source } = this;
		if (source.startsWith('<!--', lt)) {
			const close = source.indexOf('-->', lt + 4);
			if (close === -1) this.fail(`the comment opened at line ${this.at(lt)} is never closed with "-->"`, lt);
			this.add({ kind: 'comment', start: lt + 4, end: close });
			return close + 3;
		}
		if (source.startsWith('<![CDATA[', lt)) {
			const close = source.indexOf(']]>', lt + 9);
			if (close === -1) this.fail(`the CDATA section opened at line ${this.at(lt)} is never closed with "]]>"`, lt);
			this.add({ kind: 'text', start: lt + 9, end: close });
			return close + 3;
		}
		if (source.startsWith('<!', lt) || source.startsWith('<?', lt)) {
			// <!DOCTYPE …>, <?xml …?>: no content of ours can be in there that MJML would keep.
			const close = this.tagEnd(lt);
			this.add({ kind: 'markup', tag: '!', start: lt, end: close });
			return close;
		}
		if (source[lt + 1] === '/') return this.readClosingTag(lt);
		if (/[A-Za-z]/.test(source[lt + 1] ?? '')) return this.readOpeningTag(lt);
		// "<" not followed by a name is text to htmlparser2 ("a < b").
		this.add({ kind: 'text', start: lt, end: lt + 1 });
		return lt + 1;
	}

	private readClosingTag(lt: number): number {
		const match = matchAt(CLOSING_TAG, this.source, lt);
		if (!match) this.fail(`the closing tag at line ${this.at(lt)} is malformed`, lt);
		const name = match[1].toLowerCase();
		const open = this.stack.pop();
		if (!open) this.fail(`</${name}> at line ${this.at(lt)} closes nothing`, lt);
		if (open.name !== name) {
			this.fail(`<${open.name}> opened at line ${this.at(open.offset)} is closed by </${name}> at line ${this.at(lt)}`, open.offset);
		}
		this.add({ kind: 'markup', tag: name, start: lt, end: lt + match[0].length });
		return lt + match[0].length;
	}

	private readOpeningTag(lt: number): number {
		const { source } = this;
		const name = (matchAt(TAG_NAME, source, lt + 1)?.[0] ?? '').toLowerCase();
		if (!this.rootSeen && this.stack.length === 0) {
			if (name !== 'mjml') this.fail(`an MJML template must start with <mjml>, not <${name}>`, lt);
			this.rootSeen = true;
		}
		const { end, selfClosing, attributes } = this.readAttributes(lt, name, lt + 1 + name.length);
		if (selfClosing) return end;
		if (MJML_ENDING_TAGS.has(name)) return this.readEndingContent(lt, name, end, attributes);
		this.stack.push({ name, offset: lt });
		return end;
	}

	/** Attributes of the tag starting at `lt`, from `pos` (after the name) to the closing ">". */
	private readAttributes(lt: number, tag: string, pos: number): { end: number; selfClosing: boolean; attributes: Record<string, string> } {
		const { source } = this;
		const attributes: Record<string, string> = {};
		let markupStart = lt;
		for (;;) {
			while (/\s/.test(source[pos] ?? '')) pos++;
			if (pos >= source.length) this.fail(`the tag <${tag}> at line ${this.at(lt)} is never closed with ">"`, lt);
			if (source[pos] === '>') {
				this.add({ kind: 'markup', tag, start: markupStart, end: pos + 1 });
				return { end: pos + 1, selfClosing: false, attributes };
			}
			if (source.startsWith('/>', pos)) {
				this.add({ kind: 'markup', tag, start: markupStart, end: pos + 2 });
				return { end: pos + 2, selfClosing: true, attributes };
			}
			const attribute = matchAt(ATTRIBUTE_NAME, source, pos)?.[0] ?? source[pos];
			pos += attribute.length;
			let equals = pos;
			while (/\s/.test(source[equals] ?? '')) equals++;
			if (source[equals] !== '=') continue;
			pos = equals + 1;
			while (/\s/.test(source[pos] ?? '')) pos++;
			const quote = source[pos];
			let valueStart = pos;
			let valueEnd: number;
			if (quote === '"' || quote === "'") {
				valueStart = pos + 1;
				valueEnd = source.indexOf(quote, valueStart);
				if (valueEnd === -1) this.fail(`the value of ${attribute} in <${tag}> at line ${this.at(lt)} has no closing ${quote}`, pos);
				pos = valueEnd + 1;
			} else {
				valueEnd = pos + (matchAt(UNQUOTED_VALUE, source, pos)?.[0].length ?? 0);
				pos = valueEnd;
			}
			this.add({ kind: 'markup', tag, start: markupStart, end: valueStart });
			this.add({ kind: 'attribute', tag, name: attribute, start: valueStart, end: valueEnd });
			attributes[attribute] = source.slice(valueStart, valueEnd);
			markupStart = valueEnd;
		}
	}

	/** The verbatim content of an ending tag, up to its closing tag. */
	private readEndingContent(lt: number, name: string, contentStart: number, attributes: Record<string, string>): number {
		const closing = new RegExp(`</${name}\\s*>`, 'gi');
		closing.lastIndex = contentStart;
		const close = closing.exec(this.source);
		// htmlparser2 closes the element early at the closing tag of an element around it and MJML
		// then drops the whole content, so such a tag inside means the author forgot </name>. The
		// closing tag of anything else (<mj-raw>…</mj-raw> inside mj-text) is only text to MJML.
		const enclosing = new Set(this.stack.map((open) => open.name));
		const structural = /<\/(mj-[^\s>]*)\s*>/gi;
		structural.lastIndex = contentStart;
		let early = structural.exec(this.source);
		while (early && !enclosing.has(early[1].toLowerCase()) && (!close || early.index < close.index)) early = structural.exec(this.source);
		if (!close || (early && early.index < close.index)) {
			const found = early ? ` before ${early[0]} at line ${this.at(early.index)}` : '';
			this.fail(`<${name}> opened at line ${this.at(lt)} is not closed${found}`, lt);
		}
		this.add({ kind: 'content', tag: name, attributes, start: contentStart, end: close.index });
		this.add({ kind: 'markup', tag: name, start: close.index, end: close.index + close[0].length });
		return close.index + close[0].length;
	}

	private tagEnd(lt: number): number {
		const close = this.source.indexOf('>', lt);
		if (close === -1) this.fail(`the markup at line ${this.at(lt)} is never closed with ">"`, lt);
		return close + 1;
	}

	private add(region: RegionWithoutParents): void {
		if (region.end <= region.start) return;
		this.regions.push({ ...region, parents: this.stack.map((open) => open.name) });
	}

	private at(offset: number): string {
		return formatPosition(this.locate(offset));
	}

	private fail(problem: string, offset: number): never {
		throw new TemplateError(`Malformed MJML: ${problem}`, this.options.field, this.locate(offset));
	}
}
