/**
 * One cache per execution: each distinct template is compiled once, however many items use it.
 *
 * The cache holds promises, so items rendered concurrently that ask for the same template
 * share one compile instead of racing to start several. A template that fails to compile stays
 * failed (the same source fails the same way), so a broken template is reported per item
 * without being recompiled for each.
 */
import { Memo } from '../shared/memo';
import { compileTemplate, type CompiledTemplate, type TemplateSpec } from './compiledTemplate';

export interface TemplateCache {
	get(spec: TemplateSpec): Promise<CompiledTemplate>;
	/** Distinct templates requested so far. */
	readonly size: number;
	/** The templates compiled so far, in the order they finished: what the node reports on. */
	readonly compiled: readonly CompiledTemplate[];
}

/**
 * Keyed by format, then body, then text template, each its own Map level: the body is usually
 * the very same string object for every item, and V8 hashes a string once, so a lookup costs
 * nothing per item — where one key joined from the parts would be a new multi-KB string to build
 * and hash for each of 10,000 items.
 */
export function createTemplateCache(): TemplateCache {
	const compiled = new Memo<string, Memo<string, Memo<string, Promise<CompiledTemplate>>>>();
	let size = 0;
	const compiledList: CompiledTemplate[] = [];
	return {
		get(spec) {
			const byBody = compiled.get(spec.format, () => new Memo());
			const byText = byBody.get(spec.body, () => new Memo());
			const text = spec.textTemplate?.trim() ? spec.textTemplate : '';
			return byText.get(text, () => {
				size++;
				return compileTemplate(spec).then((template) => {
					compiledList.push(template);
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
