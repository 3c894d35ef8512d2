/**
 * Values that land in a URL. A value must not be able to change the URL around it: `a&b=c` in a
 * query value must not start a second parameter, a `#` must not move the rest into the fragment,
 * a `?` in a path must not start the query, and a whole-URL value must not turn a link into
 * `javascript:`. Which encoding a value gets depends on where the template puts it (see
 * tokenContexts.ts); the encoders and the scheme rule are here.
 *
 *   part      where                                  encoding
 *   whole     href="{{url}}"                        spaces and controls percent-encoded; scheme checked
 *   path      href="https://x.test/u/{{id}}"        everything but RFC 3986 path characters (so ? and #)
 *   query     href="https://x.test/?id={{id}}"      everything but A–Z a–z 0–9 - . _ ~ (a component)
 *   fragment  href="https://x.test/#{{id}}"         as query
 */

export type UrlPart = 'whole' | 'path' | 'query' | 'fragment';

/** Schemes a whole-URL value may have without the user allowing more: web links and mail links. */
const DEFAULT_URL_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/** RFC 3986 component encoding: only unreserved characters stay (encodeURIComponent also keeps !'()*). */
export function encodeUrlComponent(value: string): string {
	return encodeURIComponent(wellFormed(value)).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

// pchar (RFC 3986 §3.3) and "/", and "%" only as the start of an escape already made.
const NOT_PATH = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;
// A URL's own characters stay, including non-ASCII (mail clients and browsers take IRIs); what
// cannot be in a URL at all is percent-encoded so the link is not cut at a space.
const NOT_IN_URL = /[\p{Cc} "<>\\^`{|}]/gu;

export function encodeUrlValue(value: string, part: UrlPart): string {
	switch (part) {
		case 'whole':
			return value.replace(NOT_IN_URL, percentEncode);
		case 'path':
			return wellFormed(value).replace(NOT_PATH, percentEncode);
		default:
			return encodeUrlComponent(value);
	}
}

function percentEncode(char: string): string {
	return encodeURIComponent(char);
}

// encodeURIComponent throws on half a surrogate pair, which JSON strings can hold: U+FFFD, as a browser would.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD');
}

/** Where in a URL a value goes, from the URL text written before it (earlier values count as text). */
export function urlPartAfter(prefix: string): UrlPart {
	if (prefix.trim() === '') return 'whole';
	if (prefix.includes('#')) return 'fragment';
	if (prefix.includes('?')) return 'query';
	return 'path';
}

/**
 * The scheme a browser would see in this attribute value, lower-case, or undefined for a relative
 * URL. As the WHATWG URL parser reads it: leading spaces and controls are skipped and tabs and
 * line breaks anywhere are ignored, so "java\tscript:" is javascript:.
 */
export function urlScheme(url: string): string | undefined {
	const cleaned = url.replace(/^[\p{Cc} ]+/u, '').replace(/[\t\n\r]/g, '');
	return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned)?.[1].toLowerCase();
}

/**
 * Character references a browser decodes in an attribute before it reads the URL. Only raw values
 * ({{{url}}}) reach the attribute undecoded; an escaped value's "&" is written as "&amp;".
 */
export function decodeCharacterReferences(html: string): string {
	return html.replace(/&(?:#(\d+)|#[xX]([0-9A-Fa-f]+)|(colon|tab|newline|amp|sol|lpar|rpar));?/gi, (whole, decimal?: string, hex?: string, name?: string) => {
		if (decimal || hex) {
			const code = decimal ? Number(decimal) : parseInt(hex as string, 16);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		const named: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', amp: '&', sol: '/', lpar: '(', rpar: ')' };
		return named[(name as string).toLowerCase()] ?? whole;
	});
}

/** The user's allowance: which schemes a whole-URL value may have. '*' allows any. */
export type UrlSchemePolicy = ReadonlySet<string> | '*';

/** Parses the "URL Schemes" option ("tel, sms" or "*") on top of http, https and mailto. */
export function urlSchemePolicy(extra: readonly string[] = []): UrlSchemePolicy {
	const cleaned = extra.map((scheme) => scheme.trim().toLowerCase().replace(/:$/, '')).filter(Boolean);
	if (cleaned.includes('*')) return '*';
	return new Set([...DEFAULT_URL_SCHEMES, ...cleaned]);
}

/** http, https and mailto only: the policy when the user allowed nothing more. */
export const DEFAULT_URL_POLICY: UrlSchemePolicy = urlSchemePolicy();

/** The scheme of `url` when the policy does not allow it; undefined when it may be used. */
export function refusedScheme(url: string, policy: UrlSchemePolicy): string | undefined {
	if (policy === '*') return undefined;
	const scheme = urlScheme(url);
	return scheme === undefined || policy.has(scheme) ? undefined : scheme;
}
