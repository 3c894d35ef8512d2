/**
 * Filling a flat template (no sections, or one structure of a template with sections) with one
 * item's values: find each value, then encode it for where it stands.
 */
import { MissingVariablesError, TemplateValueError } from './errors';
import { escapeHtml, escapeInTag, toHeaderSafe } from './escape';
import { describeToken, type ParsedTemplate, type VariableToken } from './parseTemplate';
import { formatPosition } from './sourcePosition';
import { findTokenContexts } from './tokenContexts';
import {
	DEFAULT_URL_POLICY,
	decodeCharacterReferences,
	encodeUrlComponent,
	encodeUrlValue,
	refusedScheme,
	urlPartAfter,
	type UrlSchemePolicy,
} from './urlEncoding';
import { formatValue, isMissing, lookupVariable } from './values';

/**
 * html:   values HTML-escaped, `{{{raw}}}` inserted as is; in URL attributes URL-encoded first (HTML and MJML bodies)
 * text:   values as they are (plain-text part)
 * header: values as they are, then CR/LF and other controls in the result become spaces (subject)
 * url:    the template is one URL (List-Unsubscribe): values URL-encoded for their part, then as header
 */
export type FillMode = 'html' | 'text' | 'header' | 'url';

/** Each token's text (value or default, not yet encoded), its data path, and the required variables without a value. */
export interface ResolvedValues {
	texts: string[];
	/** The data path each token read ("order.id"), for messages about its value. */
	paths: string[];
	missing: string[];
}

/** Values of a template without sections: every name reads the item. */
export function resolveValues(tokens: readonly VariableToken[], values: Record<string, unknown>): ResolvedValues {
	const texts: string[] = new Array<string>(tokens.length);
	const paths: string[] = new Array<string>(tokens.length);
	const missing: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i];
		const name = token.path.join('.');
		paths[i] = name;
		const value = token.path.length === 0 ? values : lookupVariable(values, name, token.path);
		if (!isMissing(value)) {
			texts[i] = formatValue(value);
		} else if (token.default !== undefined) {
			texts[i] = token.default;
		} else {
			texts[i] = '';
			if (!missing.includes(name)) missing.push(name);
		}
	}
	return { texts, paths, missing };
}

/** Throws MissingVariablesError naming every missing variable at once. */
export function fillVariables(parsed: ParsedTemplate, values: Record<string, unknown>, mode: FillMode, urlSchemes: UrlSchemePolicy = DEFAULT_URL_POLICY): string {
	const { texts, paths, missing } = resolveValues(parsed.tokens, values);
	if (missing.length > 0) throw new MissingVariablesError(missing, parsed.field);
	return fillResolved(parsed, texts, paths, mode, urlSchemes);
}

/** The filled text for values already resolved (see resolveValues and expandSections). */
export function fillResolved(parsed: ParsedTemplate, texts: readonly string[], paths: readonly string[], mode: FillMode, urlSchemes: UrlSchemePolicy): string {
	let parts: readonly string[];
	if (mode === 'html') {
		parts = encodeHtmlValues(parsed, texts, paths, urlSchemes).html;
	} else {
		parts = encodePlainValues(parsed, texts, mode);
	}
	const filled = interleave(parsed.literals, parts);
	return mode === 'header' || mode === 'url' ? toHeaderSafe(filled) : filled;
}

/** Values for text, header and URL templates: only `{{urlencode x}}` (and, in a URL, the URL's parts) encode. */
export function encodePlainValues(parsed: ParsedTemplate, texts: readonly string[], mode: Exclude<FillMode, 'html'>): string[] {
	let url = '';
	return texts.map((text, i) => {
		const token = parsed.tokens[i];
		if (mode === 'url') url += `${parsed.literals[i]}\0`;
		if (token.urlencode) return encodeUrlComponent(text);
		return mode === 'url' && !token.raw ? encodeUrlValue(text, urlPartAfter(url.slice(0, -1))) : text;
	});
}

export interface HtmlValues {
	/** As the reader sees each value: URL-encoded where it sits in a URL, otherwise as it is. */
	texts: string[];
	/** The same, HTML-escaped unless raw (with spaces and "=" escaped too inside a tag). */
	html: string[];
}

/** Encodes each value for where it stands in HTML, and refuses a link whose scheme the policy does not allow. */
export function encodeHtmlValues(parsed: ParsedTemplate, texts: readonly string[], paths: readonly string[], policy: UrlSchemePolicy): HtmlValues {
	const contexts = findTokenContexts(parsed);
	const shown: string[] = new Array<string>(texts.length);
	const html: string[] = new Array<string>(texts.length);
	for (let i = 0; i < texts.length; i++) {
		const token = parsed.tokens[i];
		const context = contexts[i];
		let text = texts[i];
		if (token.urlencode) text = encodeUrlComponent(text);
		else if (context.url && !token.raw) text = encodeUrlValue(text, context.url);
		shown[i] = text;
		html[i] = token.raw ? text : context.inTag ? escapeInTag(text) : escapeHtml(text);
	}
	checkUrlSchemes(parsed, shown, paths, policy);
	return { texts: shown, html };
}

/**
 * Refuses a link whose scheme the policy does not allow, checked on the whole attribute value as
 * a browser reads it (so `{{a}}{{b}}` cannot assemble "javascript:" from two harmless halves).
 */
function checkUrlSchemes(parsed: ParsedTemplate, shown: readonly string[], paths: readonly string[], policy: UrlSchemePolicy): void {
	if (policy === '*') return;
	const contexts = findTokenContexts(parsed);
	for (let i = 0; i < contexts.length; i++) {
		const parts = contexts[i].urlParts;
		if (!parts) continue;
		let url = '';
		for (const part of decodedLiterals(parts)) {
			url += typeof part === 'string' ? part : parsed.tokens[part].raw ? decodeCharacterReferences(shown[part]) : shown[part];
		}
		const scheme = refusedScheme(url, policy);
		if (scheme === undefined) continue;
		const token = parsed.tokens[i];
		const allowed = [...policy].join(', ');
		const shownUrl = url.length > 60 ? `${url.slice(0, 57)}...` : url;
		throw new TemplateValueError(
			`${describeToken(token)} at line ${formatPosition(token)} makes the link ${JSON.stringify(shownUrl)}, whose scheme "${scheme}:" is not allowed in links (allowed: ${allowed}); ` +
				`if the link is meant to be ${scheme}:, add "${scheme}" to the URL Schemes option`,
			paths[i],
			token,
		);
	}
}

const decodedParts = new WeakMap<ReadonlyArray<string | number>, ReadonlyArray<string | number>>();

/** An attribute's literal text as the browser decodes it, once per template rather than per item. */
function decodedLiterals(parts: ReadonlyArray<string | number>): ReadonlyArray<string | number> {
	let decoded = decodedParts.get(parts);
	if (!decoded) {
		decoded = parts.map((part) => (typeof part === 'string' ? decodeCharacterReferences(part) : part));
		decodedParts.set(parts, decoded);
	}
	return decoded;
}

/** literals[0] + parts[0] + literals[1] + … + literals[n]; literals has one more entry than parts. */
export function interleave(literals: readonly string[], parts: readonly string[]): string {
	let out = literals[0];
	for (let i = 0; i < parts.length; i++) out += parts[i] + literals[i + 1];
	return out;
}
