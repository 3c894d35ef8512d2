/**
 * Partials: named snippets kept in the node (its Partials collection), written into a template as
 * `{{> name}}`. They are the safe replacement for mj-include: a partial is text the workflow
 * already holds, so including one reads no file and fetches no URL.
 *
 * A partial is inserted where it is used, before MJML sees the template, and its variables read
 * the scope it is used in (inside {{#each}}: the element). Partials may use partials, up to
 * MAX_PARTIAL_DEPTH deep; a partial that includes itself, directly or through others, is refused.
 */
import { TemplateError } from '../errors';
import { scanTemplate, type ScannedTemplate } from '../parseTemplate';
import { SourceText } from '../sourcePosition';
import { PARTIAL_NAME } from './blockTags';

export interface PartialDefinition {
	name: string;
	/** MJML, HTML or text with variables and sections, like a template. */
	content: string;
}

/** The field errors about partials name: the node parameter that holds them. */
export const PARTIALS_FIELD = 'partials';

/** Partials within partials: enough for layout → block → button, and a bound on what a loop of includes can cost. */
export const MAX_PARTIAL_DEPTH = 10;

export class PartialLibrary {
	private readonly definitions = new Map<string, string>();
	private readonly scans = new Map<string, { scanned: ScannedTemplate; origin: SourceText }>();

	/**
	 * `unavailable`: where partials cannot be used, the sentence an unknown partial is answered
	 * with instead of the list of names.
	 */
	constructor(
		definitions: readonly PartialDefinition[] = [],
		readonly unavailable?: string,
	) {
		definitions.forEach(({ name, content }, index) => {
			const trimmed = String(name ?? '').trim();
			if (!PARTIAL_NAME.test(trimmed)) {
				throw new TemplateError(
					`Partial ${index + 1} has ${trimmed ? `the name "${trimmed}", which is not valid` : 'no name'}: use letters, digits, "_", "-", "." or "/", and write it as {{> name}}`,
					PARTIALS_FIELD,
				);
			}
			if (this.definitions.has(trimmed)) {
				throw new TemplateError(`Two partials are named "${trimmed}": give each a name of its own`, PARTIALS_FIELD);
			}
			this.definitions.set(trimmed, typeof content === 'string' ? content : String(content ?? ''));
		});
	}

	get names(): string[] {
		return [...this.definitions.keys()];
	}

	get contents(): string[] {
		return [...this.definitions.values()];
	}

	has(name: string): boolean {
		return this.definitions.has(name);
	}

	/** The partial cut at its tags, scanned once however often it is used. Only for names `has` knows. */
	scan(name: string): { scanned: ScannedTemplate; origin: SourceText } {
		let entry = this.scans.get(name);
		if (!entry) {
			const content = this.definitions.get(name) ?? '';
			entry = { scanned: scanTemplate(content, PARTIALS_FIELD, name), origin: new SourceText(content, name) };
			this.scans.set(name, entry);
		}
		return entry;
	}
}
