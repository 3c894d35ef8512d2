/**
 * The bodies of a template's structures, each prepared (for MJML: compiled) once when the first
 * item with it comes, and kept in a bounded cache: an execution whose every item has a structure
 * of its own keeps the most recent MAX_STRUCTURES, instead of every compiled email.
 *
 * The cache holds promises, so items rendered concurrently that need the same new structure share
 * one compile. A structure that fails to compile stays failed (the same text fails the same way).
 */
import { Memo } from '../shared/memo';
import { createHtmlBody, createTextBody, type BodyRenderer } from './bodyRenderer';
import type { RenderStats, TemplateFormat } from './compiledTemplate';
import { prepareMjmlBody } from './mjmlBody';
import type { ParsedTemplate } from './parseTemplate';
import { MAX_STRUCTURES, type TemplateProgram } from './program';

export interface StructureCache {
	get(key: string): Promise<BodyRenderer>;
	/** Set once a structure had to be compiled per item: the first reason found. */
	readonly perItemReason?: string;
}

export function createStructureCache(format: TemplateFormat, program: TemplateProgram, stats: RenderStats): StructureCache {
	const prepared = new Memo<string, Promise<BodyRenderer>>(MAX_STRUCTURES);
	let perItemReason: string | undefined;
	return {
		get(key) {
			return prepared.get(key, async () => {
				stats.structures++;
				const renderer = await prepareBody(format, program.structure(key), () => stats.compiles++);
				if (renderer.mode === 'per-item') perItemReason ??= renderer.perItemReason ?? 'of where its variables are';
				return renderer;
			});
		},
		get perItemReason() {
			return perItemReason;
		},
	};
}

function prepareBody(format: TemplateFormat, parsed: ParsedTemplate, onCompile: () => void): Promise<BodyRenderer> | BodyRenderer {
	switch (format) {
		case 'mjml':
			return prepareMjmlBody(parsed, onCompile);
		case 'html':
			return createHtmlBody(parsed);
		default:
			return createTextBody(parsed);
	}
}
