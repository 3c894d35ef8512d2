/**
 * Where each variable of an HTML or MJML template stands, as an HTML tokenizer reads the text
 * around it: in text, inside a URL attribute (and in which part of the URL), or inside a tag
 * outside quotes. The encoding a value needs follows from that (fillVariables.ts):
 *
 *  - in a URL attribute (href, src, background-url, …) the value is URL-encoded for its part of the
 *    URL (urlEncoding.ts), and a value that starts the URL must have an allowed scheme;
 *  - in an unquoted attribute value, or between attributes, spaces, "=" and "`" are written as
 *    character references too, so a value can never end the attribute and add one of its own
 *    (`<img alt={{name}}>` with "x onerror=alert(1)").
 *
 * MJML is read the same way: its components are tags, and the HTML inside mj-text is HTML.
 * Comments are read through, because Outlook's conditional comments hold markup it renders.
 */
import type { ParsedTemplate } from './parseTemplate';
import { urlPartAfter, type UrlPart } from './urlEncoding';

export interface TokenContext {
	/** Set inside a URL attribute: the part of the URL the value is in. */
	url?: UrlPart;
	/**
	 * For the value that starts a URL attribute: the whole attribute value as literal text and
	 * token indexes, so the scheme can be checked on what the browser will read.
	 */
	urlParts?: ReadonlyArray<string | number>;
	/** Inside a tag but not inside quotes: whitespace and "=" would start another attribute. */
	inTag?: boolean;
}

const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'background', 'background-url', 'action', 'formaction', 'poster', 'cite', 'base-url', 'xlink:href']);
/** Elements whose content is not markup: a "<" there starts no tag. */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'mj-style']);

const contextsByTemplate = new WeakMap<ParsedTemplate, TokenContext[]>();

/** One context per token, found once per parsed template. */
export function findTokenContexts(parsed: ParsedTemplate): TokenContext[] {
	let contexts = contextsByTemplate.get(parsed);
	if (!contexts) {
		const reader = new HtmlReader();
		contexts = [];
		for (let i = 0; i < parsed.tokens.length; i++) {
			reader.read(parsed.literals[i]);
			contexts.push(reader.token(i));
		}
		// the text after the last variable still belongs to an attribute it stands in: a URL's
		// parts are collected as they are read (`href="{{a}}:alert(1)"` must see the ":")
		reader.read(parsed.literals[parsed.tokens.length]);
		contextsByTemplate.set(parsed, contexts);
	}
	return contexts;
}

type State =
	| 'data'
	| 'tagName'
	| 'closeTag'
	| 'bogus'
	| 'inTag'
	| 'attributeName'
	| 'afterAttributeName'
	| 'beforeValue'
	| 'doubleQuoted'
	| 'singleQuoted'
	| 'unquoted'
	| 'rawText';

interface Attribute {
	name: string;
	/** The value so far: literal text, and "\0" where a token stands. */
	text: string;
	parts: Array<string | number>;
}

/** A small HTML tokenizer (the states of the WHATWG tokenizer this question needs), fed literal by literal. */
class HtmlReader {
	private state: State = 'data';
	private tagName = '';
	private closing = false;
	/** "</script" for a script's content, and how much of it has been seen (across literals). */
	private rawTextEnd = '';
	private rawTextMatched = 0;
	/** In "<!…": the dashes of a "<!--" seen so far, or -1 once it is something else. */
	private commentDashes = 0;
	private attribute: Attribute = { name: '', text: '', parts: [] };

	read(text: string): void {
		for (let i = 0; i < text.length; i++) this.char(text[i]);
	}

	token(index: number): TokenContext {
		switch (this.state) {
			case 'tagName':
			case 'attributeName':
				return { inTag: true };
			case 'inTag':
			case 'afterAttributeName':
				this.attribute = { name: '\0', text: '', parts: [] };
				this.state = 'attributeName';
				return { inTag: true };
			case 'beforeValue':
				this.state = 'unquoted';
				return this.inValue(index, true);
			case 'doubleQuoted':
			case 'singleQuoted':
				return this.inValue(index, false);
			case 'unquoted':
				return this.inValue(index, true);
			default:
				this.rawTextMatched = 0;
				this.commentDashes = -1;
				return {};
		}
	}

	private inValue(index: number, unquoted: boolean): TokenContext {
		const attribute = this.attribute;
		const context: TokenContext = unquoted ? { inTag: true } : {};
		if (URL_ATTRIBUTES.has(attribute.name)) {
			context.url = urlPartAfter(attribute.text);
			if (context.url === 'whole') context.urlParts = attribute.parts;
		}
		attribute.text += '\0';
		attribute.parts.push(index);
		return context;
	}

	private char(c: string): void {
		switch (this.state) {
			case 'data':
				if (c === '<') {
					this.state = 'tagName';
					this.tagName = '';
					this.closing = false;
				}
				return;
			case 'tagName':
				return this.tagNameChar(c);
			case 'closeTag':
				if (c === '>') this.state = 'data';
				return;
			case 'bogus':
				// "<!--" opens a comment, which is read through as markup (see the file comment)
				if (this.commentDashes >= 0 && c === '-') {
					if (++this.commentDashes === 2) this.state = 'data';
					return;
				}
				this.commentDashes = -1;
				if (c === '>') this.state = 'data';
				return;
			case 'rawText':
				if (c.toLowerCase() === this.rawTextEnd[this.rawTextMatched]) this.rawTextMatched++;
				else this.rawTextMatched = c === '<' ? 1 : 0;
				if (this.rawTextMatched === this.rawTextEnd.length) this.state = 'closeTag';
				return;
			case 'inTag':
				if (c === '>') return this.endTag();
				if (!isSpace(c) && c !== '/') this.startAttribute(c);
				return;
			case 'attributeName':
				if (c === '=') this.state = 'beforeValue';
				else if (c === '>') this.endTag();
				else if (isSpace(c)) this.state = 'afterAttributeName';
				else if (c === '/') this.state = 'inTag';
				else this.attribute.name += c.toLowerCase();
				return;
			case 'afterAttributeName':
				if (c === '=') this.state = 'beforeValue';
				else if (c === '>') this.endTag();
				else if (!isSpace(c) && c !== '/') this.startAttribute(c);
				return;
			case 'beforeValue':
				if (c === '"') this.state = 'doubleQuoted';
				else if (c === "'") this.state = 'singleQuoted';
				else if (c === '>') this.endTag();
				else if (!isSpace(c)) {
					this.state = 'unquoted';
					this.valueChar(c);
				}
				return;
			case 'doubleQuoted':
			case 'singleQuoted':
				if (c === (this.state === 'doubleQuoted' ? '"' : "'")) this.state = 'inTag';
				else this.valueChar(c);
				return;
			case 'unquoted':
				if (c === '>') this.endTag();
				else if (isSpace(c)) this.state = 'inTag';
				else this.valueChar(c);
				return;
		}
	}

	private tagNameChar(c: string): void {
		if (this.tagName === '' && !this.closing) {
			if (c === '/') {
				this.closing = true;
				return;
			}
			if (c === '!' || c === '?') {
				this.state = 'bogus';
				this.commentDashes = c === '!' ? 0 : -1;
				return;
			}
			if (!/[A-Za-z]/.test(c)) {
				this.state = c === '<' ? 'tagName' : 'data';
				return;
			}
		}
		if (this.closing) {
			this.state = 'closeTag';
			if (c === '>') this.state = 'data';
			return;
		}
		if (c === '>') return this.endTag();
		if (isSpace(c) || c === '/') this.state = 'inTag';
		else this.tagName += c.toLowerCase();
	}

	private startAttribute(c: string): void {
		this.attribute = { name: c.toLowerCase(), text: '', parts: [] };
		this.state = 'attributeName';
	}

	private valueChar(c: string): void {
		this.attribute.text += c;
		const parts = this.attribute.parts;
		if (typeof parts.at(-1) === 'string') parts[parts.length - 1] += c;
		else parts.push(c);
	}

	private endTag(): void {
		if (RAW_TEXT_ELEMENTS.has(this.tagName)) {
			this.state = 'rawText';
			this.rawTextEnd = `</${this.tagName}`;
			this.rawTextMatched = 0;
		} else {
			this.state = 'data';
		}
	}
}

function isSpace(c: string): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}
