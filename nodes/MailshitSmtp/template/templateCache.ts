/**
 * One cache per execution: each distinct template is compiled once, however many items use it.
 *
 * The cache holds promises, so items rendered concurrently that ask for the same template
 * share one compile instead of racing to start several. A template that fails to compile stays
 * failed (the same source fails the same way), so a broken template is reported per item
 * without being recompiled for each.
 */
import { compileTemplate, type CompiledTemplate, type TemplateSpec } from './compiledTemplate';

export interface TemplateCache {
	get(spec: TemplateSpec): Promise<CompiledTemplate>;
	/** Distinct templates requested so far. */
	readonly size: number;
}

export function createTemplateCache(): TemplateCache {
	const compiled = new Map<string, Promise<CompiledTemplate>>();
	return {
		get(spec) {
			const key = cacheKey(spec);
			let entry = compiled.get(key);
			if (!entry) {
				entry = compileTemplate(spec);
				compiled.set(key, entry);
			}
			return entry;
		},
		get size() {
			return compiled.size;
		},
	};
}

/** JSON keeps the three parts apart whatever characters they contain. */
function cacheKey(spec: TemplateSpec): string {
	return JSON.stringify([spec.format, spec.body, spec.textTemplate?.trim() ? spec.textTemplate : null]);
}
