/**
 * mailshit variables and n8n expressions share the `{{ }}` delimiters. In Expression mode n8n
 * evaluates every `{{ … }}` before the node runs, so a mailshit `{{name}}` becomes the JavaScript
 * identifier `name` (undefined: nothing) and `{{name|friend}}` a bitwise OR (0): the variable never
 * reaches the template. The editor switches a field to Expression by itself when text holding
 * `{{…}}` is pasted into it. This finds such variables in the raw (unresolved) parameter so the
 * node can say so instead of sending an email with holes.
 */

/**
 * A `{{ … }}` whose content is only a name, a dotted path, or a mailshit default (`|…`); or one of
 * mailshit's own tags, which are not JavaScript at all: sections, {{else}}, partials, loop
 * variables, {{urlencode name}}.
 */
const MAILSHIT_SHAPED =
	/\{\{\s*(?:([A-Za-z_\p{L}][\w\p{L}-]*(?:\.[\w\p{L}-]+)*)\s*(\|[^{}]*)?|([#/]\s*(?:each|if|unless)\b[^{}]*|else|>\s*[^{}]+|@(?:index|number|first|last|root)[^{}]*|urlencode\s+[^{}]+))\s*\}\}/gu;

/** Names that are real n8n expressions on their own (globals, literals), never mailshit variables. */
const EXPRESSION_NAMES = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'this', 'Math', 'JSON', 'DateTime', 'Duration', 'Interval']);

/** The variable names n8n would swallow in this raw parameter value (empty when not in Expression mode). */
export function findSwallowedVariables(rawParameter: unknown): string[] {
	if (typeof rawParameter !== 'string' || !rawParameter.startsWith('=')) return [];
	const names: string[] = [];
	for (const match of rawParameter.matchAll(MAILSHIT_SHAPED)) {
		const [, path, withDefault, tag] = match;
		const name = path ?? tag.trim();
		if (path && EXPRESSION_NAMES.has(path.split('.')[0]) && !withDefault) continue;
		if (!names.includes(name)) names.push(name);
	}
	return names;
}

/** The sentence shown for a parameter in Expression mode that holds mailshit variables. */
export function swallowedVariablesMessage(parameter: string, names: readonly string[]): string {
	const first = names[0];
	return `${parameter} is in Expression mode, so n8n evaluated {{${first}}} itself as JavaScript and the mailshit variable never reached the template: switch ${parameter} to Fixed (pasting text with {{…}} switches a field to Expression), or keep the expression and write {{ "{{" }}${first}}}`;
}
