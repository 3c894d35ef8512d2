/**
 * Optional per-variable regex rules, checked before anything is sent: e.g. `order.id` must
 * match `^\d+$`. A failing rule is a ValidationFailure naming the variable, so the item is not sent;
 * a rule that can never work (a pattern that does not compile, or needs backtracking) is a ConfigurationError.
 *
 * Semantics, decided here:
 *  - JavaScript `RegExp.test`: the pattern matches anywhere unless anchored with ^…$;
 *  - a variable that is missing (or null) is not checked — presence is the required-variable
 *    check's job, so `{{phone|}}` plus a phone rule means "if there is a phone, it must match";
 *    an empty string is present and is checked;
 *  - numbers, booleans and bigints are checked as their string form, dates as ISO 8601; objects
 *    and arrays fail with a hint to point the rule at a field inside them;
 *  - no flags: the node's rule has a variable, a pattern and a message; a case-insensitive match
 *    is written into the pattern (`[Aa]`), and a stateful flag (g, y) would make one compiled rule
 *    answer differently for every other item;
 *  - patterns run on RE2 (re2js, pure JavaScript), not on JavaScript's backtracking engine: RE2
 *    matches in time linear in the value whatever the pattern, so `^(a|a)+$` or `^\w*\w*\w*$`
 *    cannot freeze the n8n process (the node runs on its main thread) — a static "safe regex"
 *    check only recognises some of the slow shapes. The syntax is JavaScript's; what RE2 cannot
 *    run in linear time (lookarounds, backreferences) is refused when the rules are read;
 *  - values longer than MAX_RULE_INPUT_LENGTH fail instead of being checked, so one rule costs
 *    at most that many steps per item;
 *  - a `*` segment stands for every element of a list, as the template's {{#each}} fills them:
 *    `order.items.*.sku` checks each line's sku, and a failure names the element (`order.items.2.sku`).
 */
import type { ValidationResult } from './errors';
import { ConfigurationError } from '../shared/configurationError';
import { fail, ok } from '../shared/result';
import { quoteForMessage } from './messageText';
import { RE2JS } from 're2js';
import { formatValue, lookupEvery } from '../template/values';

export interface VariableRule {
	/** Dotted path into the item's values: `email`, `order.id`, `items.0.sku`, `items.*.sku`. */
	variable: string;
	pattern: string;
	/** Replaces the default error sentence when the value does not match. */
	message?: string;
}

export interface CompiledVariableRule {
	variable: string;
	/** As written, for the error sentence. */
	pattern: string;
	matcher: RE2JS;
	message?: string;
}

/** Rule values longer than this many characters fail rather than being matched. */
export const MAX_RULE_INPUT_LENGTH = 1000;

/** Compiles every rule once; throws ConfigurationError for the first one that can never work. */
export function compileVariableRules(rules: readonly VariableRule[]): CompiledVariableRule[] {
	return rules.map((rule, index) => compileVariableRule(rule, index));
}

export function checkVariableRules(
	values: Record<string, unknown>,
	rules: readonly (VariableRule | CompiledVariableRule)[],
): ValidationResult {
	for (let index = 0; index < rules.length; index++) {
		const entry = rules[index];
		const rule = 'matcher' in entry ? entry : compileVariableRule(entry, index);
		for (const { path, value } of lookupEvery(values, rule.variable)) {
			if (value === null || value === undefined) continue;
			const failure = ruleFailure(rule, path, value);
			if (failure) return fail({ field: path, ...failure });
		}
	}
	return ok();
}

function compileVariableRule(rule: VariableRule, index: number): CompiledVariableRule {
	const field = `rules[${index}]`;
	const label = `Validation rule ${index + 1}`;
	if (typeof rule.variable !== 'string' || rule.variable.trim() === '') {
		throw new ConfigurationError(`${label} has no variable name`, field);
	}
	const variable = rule.variable.trim();
	const where = `${label} (variable "${variable}")`;
	if (typeof rule.pattern !== 'string' || rule.pattern === '') {
		throw new ConfigurationError(`${where} has an empty pattern`, field);
	}
	const syntaxError = javaScriptSyntaxError(rule.pattern);
	if (syntaxError) {
		throw new ConfigurationError(`${where}: the pattern is not a valid regular expression (${syntaxError})`, field);
	}
	let matcher: RE2JS;
	try {
		matcher = RE2JS.compile(RE2JS.translateRegExp(rule.pattern));
	} catch (error) {
		throw new ConfigurationError(
			`${where}: the pattern uses what the rule engine does not run (${(error as Error).message.replace(/^error parsing regexp: /, '')}): rules run in time linear in the value, so lookarounds ((?=…), (?<=…)), backreferences (\\1) and repeat counts over 1000 are not available; rewrite the pattern without them`,
			field,
		);
	}
	const compiled = { variable, pattern: rule.pattern, matcher };
	return rule.message ? { ...compiled, message: rule.message } : compiled;
}

/** JavaScript's own parser names a syntax error best ("Unterminated group"); nothing is run. */
function javaScriptSyntaxError(pattern: string): string | undefined {
	try {
		new RegExp(pattern);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

function ruleFailure(rule: CompiledVariableRule, path: string, value: unknown): { error: string; value?: string } | undefined {
	const text = ruleText(value);
	if (text === undefined) {
		const inside = Array.isArray(value) ? `${path}.*.id` : `${path}.id`;
		return {
			error: `${path} is an object or a list; a rule can only check text, numbers or booleans, so point it at a field inside (such as ${inside})`,
		};
	}
	if (text.length > MAX_RULE_INPUT_LENGTH) {
		return {
			error: `${path} is longer than ${MAX_RULE_INPUT_LENGTH} characters, the most a validation rule checks`,
			value: quoteForMessage(text),
		};
	}
	if (rule.matcher.test(text)) return undefined;
	return { error: rule.message ?? `${path} does not match the pattern /${rule.pattern}/`, value: quoteForMessage(text) };
}

/** The text a rule checks: the same text the template fills in, but only for scalars (undefined otherwise). */
function ruleText(value: unknown): string | undefined {
	const scalar =
		typeof value === 'string' ||
		typeof value === 'number' ||
		typeof value === 'boolean' ||
		typeof value === 'bigint' ||
		value instanceof Date;
	return scalar ? formatValue(value) : undefined;
}
