/**
 * One item's walk through a template's sections: which branches it takes and how long its lists
 * are (its *structure*), and the text of every variable it fills, in order.
 *
 * Items with the same structure produce the same template text around their values, so the
 * structure key decides which compiled MJML an item is filled into (structure.ts builds that text,
 * once per key). The walk itself builds no text: per item it costs a few lookups per variable.
 */
import { TemplateError, TemplateValueError } from '../errors';
import type { VariableToken } from '../parseTemplate';
import { formatPosition } from '../sourcePosition';
import { formatValue, isMissing } from '../values';
import { isTruthy, resolveReference, type Scope } from './scope';
import type { TemplateNode } from './sectionTree';

export interface Expansion {
	/** The structure: every decision (branch 1/0, list length) in walk order, joined. */
	key: string;
	/** Each variable occurrence's text (value or default), in the order of the expanded template. */
	texts: string[];
	/** The data path each occurrence read ("order.items.2.title"), for messages about its value. */
	paths: string[];
	/** Data paths of required variables without a value, each once, in order. */
	missing: string[];
	/** Where missing variables inside lists are used ("line 12:9"), for the message. */
	places: Map<string, string>;
}

/**
 * The expanded template text (without values) an item may reach: lists of thousands of elements
 * around a large block would otherwise hand MJML tens of megabytes to compile.
 */
export const MAX_EXPANDED_LENGTH = 2 * 1024 * 1024;

export function expandSections(nodes: readonly TemplateNode[], values: Record<string, unknown>, field: string): Expansion {
	const walk = new Walk(field);
	walk.nodes(nodes, { value: values, path: '' });
	return { key: walk.decisions.join(','), texts: walk.texts, paths: walk.paths, missing: walk.missing, places: walk.places };
}

class Walk {
	readonly decisions: number[] = [];
	readonly texts: string[] = [];
	readonly paths: string[] = [];
	readonly missing: string[] = [];
	readonly places = new Map<string, string>();
	private length = 0;

	constructor(private readonly field: string) {}

	nodes(nodes: readonly TemplateNode[], scope: Scope): void {
		for (const node of nodes) {
			switch (node.kind) {
				case 'text':
					this.length += node.text.length;
					if (this.length > MAX_EXPANDED_LENGTH) this.tooLong();
					break;
				case 'variable':
					this.texts.push(this.variable(node.token, scope));
					break;
				case 'partial':
					this.nodes(node.nodes, scope);
					break;
				case 'section':
					if (node.tag.section === 'each') this.list(node, scope);
					else this.condition(node, scope);
					break;
			}
		}
	}

	private variable(token: VariableToken, scope: Scope): string {
		const { value, path } = resolveReference(scope, token);
		this.paths.push(path);
		if (!isMissing(value)) return formatValue(value);
		if (token.default !== undefined) return token.default;
		if (!this.missing.includes(path)) {
			this.missing.push(path);
			// the path alone names the data; inside a list (or a partial) it helps to know which tag asked
			if (scope.parent || token.partial !== undefined) this.places.set(path, `line ${formatPosition(token)}`);
		}
		return '';
	}

	private condition(node: Extract<TemplateNode, { kind: 'section' }>, scope: Scope): void {
		const truthy = isTruthy(resolveReference(scope, node.tag.reference).value);
		const taken = node.tag.section === 'unless' ? !truthy : truthy;
		this.decisions.push(taken ? 1 : 0);
		this.nodes(taken ? node.body : node.otherwise, scope);
	}

	private list(node: Extract<TemplateNode, { kind: 'section' }>, scope: Scope): void {
		const { tag } = node;
		const { value, path } = resolveReference(scope, tag.reference);
		if (isMissing(value)) {
			// like a required variable: reported with the others, the list counted as empty
			if (!this.missing.includes(path)) {
				this.missing.push(path);
				this.places.set(path, `the list of ${tag.text} at line ${formatPosition(tag)}; wrap it in {{#if ${tag.name}}} … {{/if}} if it may be absent`);
			}
			this.decisions.push(0);
			this.nodes(node.otherwise, scope);
			return;
		}
		if (!Array.isArray(value)) {
			const kind = typeof value === 'object' ? 'an object' : `${typeof value === 'string' ? 'the text' : 'the value'} ${JSON.stringify(formatValue(value).slice(0, 40))}`;
			throw new TemplateValueError(
				`${tag.text} at line ${formatPosition(tag)} in ${this.field} needs a list, but ${path} is ${kind}` +
					(typeof value === 'object' ? `: point it at a list inside (e.g. ${path}.items), or use {{#if ${tag.name}}} to test it` : ''),
				path,
				tag,
			);
		}
		this.decisions.push(value.length);
		if (value.length === 0) {
			this.nodes(node.otherwise, scope);
			return;
		}
		value.forEach((element, index) => {
			this.nodes(node.body, { value: element, path: `${path}.${index}`, parent: scope, loop: { index, length: value.length } });
		});
	}

	private tooLong(): never {
		throw new TemplateError(
			`With its lists repeated the template is over ${MAX_EXPANDED_LENGTH / 1024 / 1024} MB for this item, more than an email can carry: shorten the lists (or split the email)`,
			this.field,
		);
	}
}
