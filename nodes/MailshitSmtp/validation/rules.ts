/**
 * Optional per-variable regex rules, checked before anything is sent: e.g. `order.id` must
 * match `^\d+$`. A failing rule is a ValidationFailure naming the variable, so the item is not sent;
 * a rule that can never work (bad regex, dangerous regex) is a ConfigurationError.
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
 *  - values longer than MAX_RULE_INPUT_LENGTH fail instead of being checked, to bound the time a
 *    backtracking pattern can take (see also regexSafety.ts);
 *  - a `*` segment stands for every element of a list, as the template's {{#each}} fills them:
 *    `order.items.*.sku` checks each line's sku, and a failure names the element (`order.items.2.sku`).
 */
import type { ValidationResult } from './errors';
import { ConfigurationError } from '../shared/configurationError';
import { fail, ok } from '../shared/result';
import { quoteForMessage } from './messageText';
import { findNestedQuantifier } from './regexSafety';
import { formatValue, lookupVariable } from '../template/values';

export interface VariableRule {
	/** Dotted path into the item's values: `email`, `order.id`, `items.0.sku`, `items.*.sku`. */
	variable: string;
	pattern: string;
	/** Replaces the default error sentence when the value does not match. */
	message?: string;
}

export interface CompiledVariableRule {
	variable: string;
	regex: RegExp;
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
		const rule = 'regex' in entry ? entry : compileVariableRule(entry, index);
		for (const { path, value } of valuesOf(values, rule.variable)) {
			if (value === null || value === undefined) continue;
			const failure = ruleFailure(rule, path, value);
			if (failure) return fail({ field: path, ...failure });
		}
	}
	return ok();
}

/**
 * The values a rule's variable names, with their paths: the same lookup the template uses, so a
 * rule checks exactly the value that is filled in; each list element for a `*` segment.
 */
function valuesOf(values: Record<string, unknown>, variable: string): Array<{ path: string; value: unknown }> {
	const star = variable.split('.').indexOf('*');
	if (star === -1) return [{ path: variable, value: lookupVariable(values, variable, variable.split('.')) }];
	const segments = variable.split('.');
	const listPath = segments.slice(0, star).join('.');
	const list = lookupVariable(values, listPath, segments.slice(0, star));
	if (!Array.isArray(list)) return [];
	const rest = segments.slice(star + 1).join('.');
	return list.flatMap((element, index) => {
		const path = `${listPath}.${index}`;
		if (!rest) return [{ path, value: element }];
		if (element === null || typeof element !== 'object') return [];
		return valuesOf(element as Record<string, unknown>, rest).map((found) => ({ path: `${path}.${found.path}`, value: found.value }));
	});
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
	const regex = compileRegExp(rule.pattern);
	if (!(regex instanceof RegExp)) {
		throw new ConfigurationError(`${where}: the pattern is not a valid regular expression (${regex.message})`, field);
	}
	const nested = findNestedQuantifier(rule.pattern);
	if (nested !== undefined) {
		throw new ConfigurationError(
			`${where}: the pattern part ${nested} repeats a group that itself repeats, which can take exponential time on some values; rewrite it without the nested repetition (for example [\\w.]+ instead of (\\w+\\.)+)`,
			field,
		);
	}
	return rule.message ? { variable, regex, message: rule.message } : { variable, regex };
}

function compileRegExp(pattern: string): RegExp | Error {
	try {
		return new RegExp(pattern);
	} catch (error) {
		return error instanceof Error ? error : new Error(String(error));
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
	if (rule.regex.test(text)) return undefined;
	return { error: rule.message ?? `${path} does not match the pattern ${rule.regex}`, value: quoteForMessage(text) };
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
