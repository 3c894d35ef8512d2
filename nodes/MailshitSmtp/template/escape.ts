/**
 * Encoding a value for where it lands.
 */

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITY: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	// &#39; rather than &apos;: &apos; is not an HTML 4 entity and some mail clients still parse as HTML 4.
	"'": '&#39;',
};

/**
 * Escapes the five characters that matter, so a value is inert both in text and inside a quoted
 * attribute (either quote style). Entities already in the value are escaped again on purpose: the
 * value is text, and "&amp;" in the data must show as "&amp;".
 */
export function escapeHtml(text: string): string {
	return text.replace(HTML_SPECIAL, (char) => HTML_ENTITY[char]);
}

// C0 controls (U+0000–U+001F) except TAB, which is WSP and legal in a header (RFC 5322 §2.2):
// "control characters that are not TAB, DEL or C1".
const HEADER_BREAKING = /[^\P{Cc}\t\u007f-\u009f]+/gu;

/**
 * A header value that cannot start a new header line: every run of CR, LF or other C0 control
 * characters (not TAB) becomes one space. A CRLF in a Subject would otherwise end the header and
 * let the data write its own (RFC 5322 §2.2 header injection); one space keeps words apart where
 * a line break separated them.
 */
export function toHeaderSafe(text: string): string {
	return text.replace(HEADER_BREAKING, ' ');
}

// What ends an unquoted attribute value or starts another attribute: whitespace, "=" and "`"
// (which old Internet Explorer took for a quote).
const TAG_BREAKING = /[\t\n\f\r =`]/g;

/**
 * A value inside a tag but outside quotes (`<img alt={{name}}>`): HTML-escaped, and whitespace,
 * "=" and "`" written as character references, which a browser decodes inside the value instead
 * of ending it there. "x onerror=alert(1)" stays one attribute value.
 */
export function escapeInTag(text: string): string {
	return escapeHtml(text).replace(TAG_BREAKING, (char) => `&#${char.charCodeAt(0)};`);
}
