/**
 * A template prepared for filling many items: parse and compile once, then per item only
 * resolve values and join strings.
 *
 * With sections, the text around the values depends on the item (how long its lists are, which
 * branches it takes): each distinct *structure* is compiled once, when the first item with it
 * comes, and every later item with the same structure is filled into it (structureCache.ts).
 */
import { createStructureCache } from './structureCache';
import { TemplateError } from './errors';
import { encodeHtmlValues, fillResolved } from './fillVariables';
import { listVariables, type TemplateVariable } from './listVariables';
import type { RenderPath } from './bodyRenderer';
import { expandProgram, parseProgram, throwIfMissing, type ItemTemplate } from './program';
import { PartialLibrary, PARTIALS_FIELD, type PartialDefinition } from './sections/partials';
import { urlSchemePolicy } from './urlEncoding';

export type TemplateFormat = 'mjml' | 'html' | 'text';

export interface TemplateSpec {
	format: TemplateFormat;
	/** MJML, HTML or plain text with mailshit variables. */
	body: string;
	/** Plain-text part; when absent or blank it is derived from the HTML (formats mjml and html). */
	textTemplate?: string;
	/** Snippets the body and the text template may insert with {{> name}}. */
	partials?: readonly PartialDefinition[];
	/** Schemes a value starting a link may have besides http, https and mailto; "*" allows any. */
	urlSchemes?: readonly string[];
}

export interface RenderedEmail {
	/** Absent for format 'text'. */
	html?: string;
	text: string;
}

export interface RenderStats {
	/** MJML compiles so far (the one at preparation included). */
	compiles: number;
	/** Items filled into a once-compiled template. */
	cachedRenders: number;
	/** Items compiled on their own (per-item templates, or values the cached path cannot take). */
	perItemRenders: number;
	/** Distinct structures prepared (1 without sections; again when one was dropped from the cache and came back). */
	structures: number;
}

export interface CompiledTemplate {
	readonly format: TemplateFormat;
	/** 'cached': compiled once (per structure), filled per item. 'per-item': every distinct item is compiled. */
	readonly mode: RenderPath;
	/** Why the template is compiled per item, for diagnostics. */
	readonly perItemReason?: string;
	/** Whether the template has sections or partials (and so possibly several structures). */
	readonly sectioned: boolean;
	/** Variables of the body and the text template (see listVariables). */
	readonly variables: TemplateVariable[];
	readonly stats: Readonly<RenderStats>;
	/** Throws MissingVariablesError (all names at once), TemplateValueError, or for MJML a TemplateError. */
	render(values: Record<string, unknown>): Promise<RenderedEmail>;
	/**
	 * Throws exactly what render() would, doing only the work that can fail: the variables, the
	 * compile of a structure not seen before, and an MJML compile where these values need their
	 * own. For checking every item before any is sent. Resolves true when it compiled something
	 * for these values: render() would compile it again once the bounded caches (structures,
	 * per-item compiles) have moved on, so a caller that renders much later should render now.
	 */
	check(values: Record<string, unknown>): Promise<boolean>;
}

/** Field names used in errors: the node parameters they come from ('template', 'textTemplate'). */
export const BODY_FIELD = 'template';
export const TEXT_FIELD = 'textTemplate';

/**
 * Templates over this size are refused before MJML sees them: compiling megabytes of MJML takes
 * seconds and memory per distinct template, and Gmail clips any message over 102 KB anyway.
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

const FORMATS: readonly TemplateFormat[] = ['mjml', 'html', 'text'];

export async function compileTemplate(spec: TemplateSpec): Promise<CompiledTemplate> {
	if (!FORMATS.includes(spec.format)) {
		// Reachable when the format parameter is an expression that evaluated to something else.
		throw new TemplateError(`Unknown template format "${String(spec.format)}": use mjml, html or text`, 'templateFormat');
	}
	const partialTexts = (spec.partials ?? []).map((partial) => String(partial.content ?? ''));
	for (const [text, field] of [[spec.body, BODY_FIELD], [spec.textTemplate ?? '', TEXT_FIELD], [partialTexts.join(''), PARTIALS_FIELD]] as const) {
		const bytes = Buffer.byteLength(text, 'utf8');
		if (bytes > MAX_TEMPLATE_BYTES) {
			throw new TemplateError(`The ${field === PARTIALS_FIELD ? 'partials are' : 'template is'} ${(bytes / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit: keep images and large content out of the template (link or attach them)`, field);
		}
	}
	const library = new PartialLibrary(spec.partials);
	const body = parseProgram(spec.body, BODY_FIELD, library);
	const textTemplate = spec.textTemplate?.trim() ? parseProgram(spec.textTemplate, TEXT_FIELD, library) : undefined;
	const policy = urlSchemePolicy(spec.urlSchemes);
	const stats: RenderStats = { compiles: 0, cachedRenders: 0, perItemRenders: 0, structures: 0 };
	const structures = createStructureCache(spec.format, body, stats);
	// A template without sections has one structure: compiled now, so mistakes that do not depend
	// on values fail once, here, rather than once per item.
	if (body.flat) await structures.get('');

	const resolve = async (values: Record<string, unknown>) => {
		const item = expandProgram(body, values);
		const text = textTemplate ? expandProgram(textTemplate, values) : undefined;
		throwIfMissingInEither(item, text);
		let texts = item.texts;
		let htmlParts = item.texts;
		if (spec.format !== 'text') {
			const encoded = encodeHtmlValues(item.parsed, item.texts, item.paths, policy);
			texts = encoded.texts;
			htmlParts = encoded.html;
		}
		const renderer = await structures.get(item.key);
		return { renderer, texts, htmlParts, text };
	};

	const check = async (values: Record<string, unknown>): Promise<boolean> => {
		const compilesBefore = stats.compiles;
		const { renderer, texts, htmlParts } = await resolve(values);
		// a per-item compile is memoised by its source, so a render() of the same values right after reuses it
		if (renderer.compilesPerItem(htmlParts)) await renderer.render(texts, htmlParts);
		return stats.compiles > compilesBefore;
	};

	const render = async (values: Record<string, unknown>): Promise<RenderedEmail> => {
		const { renderer, texts, htmlParts, text: textItem } = await resolve(values);
		const output = await renderer.render(texts, htmlParts);
		if (output.path === 'cached') stats.cachedRenders++;
		else stats.perItemRenders++;
		const text = textItem ? fillResolved(textItem.parsed, textItem.texts, textItem.paths, 'text', policy) : output.text();
		return output.html === undefined ? { text } : { html: output.html, text };
	};

	return {
		format: spec.format,
		get mode() {
			return structures.perItemReason === undefined ? 'cached' : 'per-item';
		},
		get perItemReason() {
			return structures.perItemReason;
		},
		sectioned: !body.flat,
		variables: listVariables(textTemplate ? [body, textTemplate] : [body]),
		stats,
		render,
		check,
	};
}

function throwIfMissingInEither(body: ItemTemplate, text: ItemTemplate | undefined): void {
	// every item comes here twice (check, render): nothing missing is the common case, decided without allocating
	if (body.missing.length === 0 && !text?.missing.length) return;
	const missing = [...new Set([...body.missing, ...(text?.missing ?? [])])];
	// the body's names first: the field named is the first missing one the user has to supply
	throwIfMissing({ missing, places: new Map([...(text?.places ?? []), ...body.places]) }, body.missing.length > 0 ? BODY_FIELD : TEXT_FIELD);
}
