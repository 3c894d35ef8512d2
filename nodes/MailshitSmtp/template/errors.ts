/**
 * The errors the templating layer throws.
 *
 * They carry the *field* (which template: 'template' for the body, 'text', 'subject', …) and,
 * where a position is known, its 1-based line and column, so the node layer can build one
 * sentence naming the parameter, the item and the place to fix without parsing our messages.
 */

export interface SourcePosition {
	/** 1-based. */
	line: number;
	/** 1-based, in UTF-16 code units (what an editor's cursor shows for BMP text). */
	column: number;
	/** The partial the position is in (line and column count in its content); absent: the template itself. */
	partial?: string;
}

export class TemplateError extends Error {
	readonly field: string;
	readonly line?: number;
	readonly column?: number;
	/** Set when line and column are in a partial rather than in the template. */
	readonly partial?: string;

	constructor(message: string, field: string, position?: Partial<SourcePosition>) {
		super(message);
		this.name = 'TemplateError';
		this.field = field;
		if (position?.line !== undefined) this.line = position.line;
		if (position?.column !== undefined) this.column = position.column;
		if (position?.partial !== undefined) this.partial = position.partial;
	}
}

/** "Missing variable: name" / "Missing variables: name, order.id" */
export function missingVariablesMessage(variables: readonly string[]): string {
	return `Missing variable${variables.length === 1 ? '' : 's'}: ${variables.join(', ')}`;
}

/**
 * Every required variable that had no value in one render, collected so the user fixes them all
 * at once. `variables` are data paths (`order.items.2.title` inside a list); `places` optionally
 * says where each one is used (`line 12:9`), for variables inside sections, where the path alone
 * does not say which tag asked for it.
 */
export class MissingVariablesError extends TemplateError {
	readonly variables: string[];

	constructor(variables: string[], field: string, places: ReadonlyMap<string, string> = new Map()) {
		super(missingVariablesMessage(variables.map((name) => (places.has(name) ? `${name} (${places.get(name)})` : name))), field);
		this.name = 'MissingVariablesError';
		this.variables = variables;
	}
}

/**
 * A value the template cannot use where it stands: a list expected by {{#each}} is something else,
 * or a link would get a scheme such as javascript:. `field` is the data path to fix.
 */
export class TemplateValueError extends TemplateError {
	constructor(message: string, variable: string, position?: Partial<SourcePosition>) {
		super(message, variable, position);
		this.name = 'TemplateValueError';
	}
}

/** One complaint of MJML's validator, with the line mapped back to the user's template. */
export interface MjmlProblem {
	line: number;
	/** The partial the line is in, when it is in one. */
	partial?: string;
	tagName: string;
	message: string;
}

/** MJML rejected the template; `problems` lists every complaint (the message names them all). */
export class MjmlValidationError extends TemplateError {
	readonly problems: MjmlProblem[];

	constructor(problems: MjmlProblem[], field: string) {
		super(`Invalid MJML: ${problems.map(formatMjmlProblem).join('; ')}`, field, { line: problems[0]?.line, partial: problems[0]?.partial });
		this.name = 'MjmlValidationError';
		this.problems = problems;
	}
}

export function formatMjmlProblem(problem: MjmlProblem): string {
	const where = problem.partial === undefined ? '' : ` of partial "${problem.partial}"`;
	return `Line ${problem.line}${where} (${problem.tagName}): ${problem.message}`;
}
