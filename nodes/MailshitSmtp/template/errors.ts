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
}

export class TemplateError extends Error {
	readonly field: string;
	readonly line?: number;
	readonly column?: number;

	constructor(message: string, field: string, position?: Partial<SourcePosition>) {
		super(message);
		this.name = 'TemplateError';
		this.field = field;
		if (position?.line !== undefined) this.line = position.line;
		if (position?.column !== undefined) this.column = position.column;
	}
}

/** "Missing variable: name" / "Missing variables: name, order.id" */
export function missingVariablesMessage(variables: readonly string[]): string {
	return `Missing variable${variables.length === 1 ? '' : 's'}: ${variables.join(', ')}`;
}

/** Every required variable that had no value in one render, collected so the user fixes them all at once. */
export class MissingVariablesError extends TemplateError {
	readonly variables: string[];

	constructor(variables: string[], field: string) {
		super(missingVariablesMessage(variables), field);
		this.name = 'MissingVariablesError';
		this.variables = variables;
	}
}

/** One complaint of MJML's validator, with the line mapped back to the user's template. */
export interface MjmlProblem {
	line: number;
	tagName: string;
	message: string;
}

/** MJML rejected the template; `problems` lists every complaint (the message names them all). */
export class MjmlValidationError extends TemplateError {
	readonly problems: MjmlProblem[];

	constructor(problems: MjmlProblem[], field: string) {
		super(`Invalid MJML: ${problems.map(formatMjmlProblem).join('; ')}`, field, { line: problems[0]?.line });
		this.name = 'MjmlValidationError';
		this.problems = problems;
	}
}

export function formatMjmlProblem(problem: MjmlProblem): string {
	return `Line ${problem.line} (${problem.tagName}): ${problem.message}`;
}
