/**
 * Filling a parsed template with one item's values.
 */
import { MissingVariablesError } from './errors';
import { escapeHtml, toHeaderSafe } from './escape';
import type { ParsedTemplate, VariableToken } from './parseTemplate';
import { formatValue, isMissing, lookupVariable } from './values';

/**
 * html:   values HTML-escaped, `{{{raw}}}` inserted as is (HTML and MJML bodies)
 * text:   values as they are (plain-text part)
 * header: values as they are, then CR/LF and other controls in the result become spaces (subject)
 */
export type FillMode = 'html' | 'text' | 'header';

/** Each token's text (value or default, not yet encoded) and the names of required variables without a value. */
export interface ResolvedValues {
	texts: string[];
	missing: string[];
}

export function resolveValues(tokens: readonly VariableToken[], values: Record<string, unknown>): ResolvedValues {
	const texts: string[] = new Array<string>(tokens.length);
	const missing: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i];
		const value = lookupVariable(values, token.name, token.path);
		if (!isMissing(value)) {
			texts[i] = formatValue(value);
		} else if (token.default !== undefined) {
			texts[i] = token.default;
		} else {
			texts[i] = '';
			if (!missing.includes(token.name)) missing.push(token.name);
		}
	}
	return { texts, missing };
}

/** Throws MissingVariablesError naming every missing variable at once. */
export function fillVariables(parsed: ParsedTemplate, values: Record<string, unknown>, mode: FillMode): string {
	const { texts, missing } = resolveValues(parsed.tokens, values);
	if (missing.length > 0) throw new MissingVariablesError(missing, parsed.field);
	const filled = interleave(parsed.literals, encodeAll(parsed.tokens, texts, mode));
	return mode === 'header' ? toHeaderSafe(filled) : filled;
}

export function encodeAll(tokens: readonly VariableToken[], texts: readonly string[], mode: FillMode): string[] {
	if (mode !== 'html') return texts.slice();
	return texts.map((text, i) => (tokens[i].raw ? text : escapeHtml(text)));
}

/** literals[0] + parts[0] + literals[1] + … + literals[n]; literals has one more entry than parts. */
export function interleave(literals: readonly string[], parts: readonly string[]): string {
	let out = literals[0];
	for (let i = 0; i < parts.length; i++) out += parts[i] + literals[i + 1];
	return out;
}
