/**
 * The flat template of one structure: the sections of a template resolved by the decisions an
 * item made (expandSections.ts), giving literals and variable tokens like any template without
 * sections, so MJML compiling, placement checks and filling work on it unchanged.
 *
 * Its `source` is the expanded text with each variable tag as written; `locate` maps an offset in
 * it back to the line and column the user wrote (in the template, or in a partial), so an MJML
 * error in the third repetition of a row points at the row in the template.
 */
import type { SourcePosition } from '../errors';
import type { ParsedTemplate, VariableToken } from '../parseTemplate';
import { lastIndexAtOrBefore, type SourceText } from '../sourcePosition';
import type { TemplateNode } from './sectionTree';

interface Segment {
	/** Offset in the expanded source. */
	start: number;
	/** Literal text: where it came from; a token: its own position. */
	origin: { text: SourceText; offset: number } | { token: VariableToken };
}

export function buildStructure(nodes: readonly TemplateNode[], key: string, field: string): ParsedTemplate {
	const builder = new StructureBuilder(key === '' ? [] : key.split(',').map(Number));
	builder.nodes(nodes);
	return builder.finish(field);
}

class StructureBuilder {
	private readonly literals: string[] = [];
	private readonly tokens: VariableToken[] = [];
	private readonly segments: Segment[] = [];
	private readonly sourceParts: string[] = [];
	private literal = '';
	private length = 0;
	private next = 0;

	constructor(private readonly decisions: readonly number[]) {}

	nodes(nodes: readonly TemplateNode[]): void {
		for (const node of nodes) {
			switch (node.kind) {
				case 'text':
					this.segments.push({ start: this.length, origin: { text: node.origin, offset: node.offset } });
					this.literal += node.text;
					this.append(node.text);
					break;
				case 'variable': {
					const written = node.origin.text.slice(node.token.offset, node.token.offset + node.token.length);
					this.segments.push({ start: this.length, origin: { token: node.token } });
					this.literals.push(this.literal);
					this.literal = '';
					this.tokens.push({ ...node.token, offset: this.length });
					this.append(written);
					break;
				}
				case 'partial':
					this.nodes(node.nodes);
					break;
				case 'section': {
					const decision = this.decisions[this.next++] ?? 0;
					if (node.tag.section !== 'each') this.nodes(decision ? node.body : node.otherwise);
					else if (decision === 0) this.nodes(node.otherwise);
					else for (let i = 0; i < decision; i++) this.nodes(node.body);
					break;
				}
			}
		}
	}

	finish(field: string): ParsedTemplate {
		this.literals.push(this.literal);
		const { segments } = this;
		const starts = segments.map((segment) => segment.start);
		const locate = (offset: number): SourcePosition => {
			const segment = segments[lastIndexAtOrBefore(starts, offset)];
			if (!segment) return { line: 1, column: 1 };
			const { origin } = segment;
			if ('token' in origin) {
				const { line, column, partial } = origin.token;
				return partial === undefined ? { line, column } : { line, column, partial };
			}
			return origin.text.positionOf(origin.offset + (offset - segment.start));
		};
		return { field, source: this.sourceParts.join(''), literals: this.literals, tokens: this.tokens, locate };
	}

	private append(text: string): void {
		this.sourceParts.push(text);
		this.length += text.length;
	}
}
