/**
 * A cheap, static guard against regular expressions with catastrophic backtracking.
 *
 * JavaScript's regex engine backtracks, so a user pattern like `^(a+)+$` takes exponential time
 * on "aaaa…!" and would freeze the whole n8n process (the node runs on the main thread, and no
 * worker or VM sandbox is used here). The classic cause is a *nested quantifier*: a group that
 * repeats while something inside it can match a varying length, so the same text splits between
 * iterations in exponentially many ways. This is the "star height > 1" rule that safe-regex uses.
 *
 * Refused: a group repeated more than once (`*`, `+`, `{n,}`, `{n,m}`, `{n}` with n > 1) that
 * contains a quantifier with a variable count (`*`, `+`, `{n,}`, `{n,m}`); `?` inside is allowed.
 *   - refused: `(a+)+`, `(\d*)*`, `(\w+\s?)+`, `([a-z]{2,4})+`, `(a+){10}`
 *   - allowed: `^\d{5}$`, `(\d{3}-?)+`, `(Mr|Mrs|Ms)\.?`, `[\w.+-]+@[\w-]+\.[\w.]+`
 * Known false positives: some nested patterns are safe because a delimiter forces the split
 * (`(\w+\.)+`); they are still refused — rewrite them flat (`[\w.]+`). Known misses: overlapping
 * alternatives (`(a|a)+`) and polynomial patterns (`\w*\w*\w*!`); the length cap in rules.ts
 * bounds the latter.
 */

interface GroupFrame {
	start: number;
	hasVariableQuantifier: boolean;
}

interface Quantifier {
	end: number;
	isVariable: boolean;
	repeatsMoreThanOnce: boolean;
}

/** The offending fragment (e.g. `(a+)+`), or undefined when no nested quantifier was found. */
export function findNestedQuantifier(pattern: string): string | undefined {
	const groups: GroupFrame[] = [{ start: 0, hasVariableQuantifier: false }];
	let i = 0;
	while (i < pattern.length) {
		const char = pattern[i];
		if (char === '(') {
			groups.push({ start: i, hasVariableQuantifier: false });
			i = skipGroupPrefix(pattern, i + 1);
			continue;
		}
		if (char === '|') {
			i++;
			continue;
		}
		let closed: GroupFrame | undefined;
		if (char === ')' && groups.length > 1) {
			closed = groups.pop();
			i++;
		} else {
			i = atomEnd(pattern, i);
		}
		const quantifier = readQuantifier(pattern, i);
		const current = groups[groups.length - 1];
		if (closed?.hasVariableQuantifier && quantifier?.repeatsMoreThanOnce) {
			return pattern.slice(closed.start, quantifier.end);
		}
		current.hasVariableQuantifier ||= Boolean(closed?.hasVariableQuantifier) || Boolean(quantifier?.isVariable);
		if (quantifier) i = quantifier.end;
	}
	return undefined;
}

/** After `(`: skips `?:`, `?=`, `?!`, `?<=`, `?<!` and `?<name>`, so their `?` is not read as a quantifier. */
function skipGroupPrefix(pattern: string, i: number): number {
	if (pattern[i] !== '?') return i;
	if (pattern[i + 1] === '<' && pattern[i + 2] !== '=' && pattern[i + 2] !== '!') {
		const close = pattern.indexOf('>', i);
		return close < 0 ? pattern.length : close + 1;
	}
	return pattern[i + 1] === '<' ? i + 3 : i + 2;
}

/** The index just past one atom: an escape, a character class or a single character. */
function atomEnd(pattern: string, i: number): number {
	if (pattern[i] === '\\') return i + 2;
	if (pattern[i] !== '[') return i + 1;
	let j = i + 1;
	if (pattern[j] === '^') j++;
	while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
	return j + 1;
}

function readQuantifier(pattern: string, i: number): Quantifier | undefined {
	const char = pattern[i];
	let end: number;
	let min: number;
	let max: number;
	if (char === '*' || char === '+' || char === '?') {
		end = i + 1;
		min = char === '+' ? 1 : 0;
		max = char === '?' ? 1 : Infinity;
	} else if (char === '{') {
		const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
		if (!braces) return undefined;
		end = i + braces[0].length;
		min = Number(braces[1]);
		max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
	} else {
		return undefined;
	}
	if (pattern[end] === '?') end++; // lazy: same matches, same backtracking
	return { end, isVariable: max > min && max > 1, repeatsMoreThanOnce: max > 1 };
}
