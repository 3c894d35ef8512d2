/**
 * One cache per execution: each distinct template is compiled once, however many items use it.
 *
 * The cache holds promises, so items rendered concurrently that ask for the same template
 * share one compile instead of racing to start several. A template that fails to compile stays
 * failed (the same source fails the same way), so a broken template is reported per item
 * without being recompiled for each.
 *
 * Bounded: a template built per item by an expression would otherwise keep every compiled
 * template (and its compiled structures) of a 10,000-item run in memory. The most recently used
 * MAX_TEMPLATES stay; one dropped and needed again is compiled again.
 */
import { Memo } from '../shared/memo';
import { compileTemplate, type CompiledTemplate, type TemplateSpec } from './compiledTemplate';
import type { PartialDefinition } from './sections/partials';

export interface TemplateCache {
	get(spec: TemplateSpec): Promise<CompiledTemplate>;
	/** Distinct templates compiled so far (one dropped from the cache and compiled again counts again). */
	readonly size: number;
	/** The first MAX_TEMPLATES templates compiled, in the order they finished: what the node reports on. */
	readonly compiled: readonly CompiledTemplate[];
}

export const MAX_TEMPLATES = 16;

/**
 * Keyed by body, then text template, then the small settings, each its own Map level: the body is
 * usually the very same string object for every item, and V8 hashes a string once, so a lookup
 * costs nothing per item — where one key joined from the parts would be a new multi-KB string to
 * build and hash for each of 10,000 items.
 */
export function createTemplateCache(): TemplateCache {
	const byBody = new Memo<string, Memo<string, Memo<string, Promise<CompiledTemplate>>>>(MAX_TEMPLATES);
	let size = 0;
	const compiledList: CompiledTemplate[] = [];
	return {
		get(spec) {
			const byText = byBody.get(spec.body, () => new Memo(MAX_TEMPLATES));
			const text = spec.textTemplate?.trim() ? spec.textTemplate : '';
			const bySettings = byText.get(text, () => new Memo(MAX_TEMPLATES));
			const settings = `${spec.format}\u0000${partialsKey(spec.partials)}\u0000${(spec.urlSchemes ?? []).join(',')}`;
			return bySettings.get(settings, () => {
				size++;
				return compileTemplate(spec).then((template) => {
					if (compiledList.length < MAX_TEMPLATES) compiledList.push(template);
					return template;
				});
			});
		},
		get size() {
			return size;
		},
		compiled: compiledList,
	};
}

/** The same list object for every item when Partials holds no expression: its key is built once. */
const partialKeys = new WeakMap<readonly PartialDefinition[], string>();

function partialsKey(partials: readonly PartialDefinition[] | undefined): string {
	if (!partials?.length) return '';
	let key = partialKeys.get(partials);
	if (key === undefined) {
		key = JSON.stringify(partials.map(({ name, content }) => [name, content]));
		partialKeys.set(partials, key);
	}
	return key;
}
