/**
 * A template prepared for filling many items: parse and compile once, then per item only
 * resolve values and join strings.
 */
import { createHtmlBody, createTextBody, type BodyRenderer, type RenderPath } from './bodyRenderer';
import { MissingVariablesError, TemplateError } from './errors';
import { encodeAll, interleave, resolveValues } from './fillVariables';
import { listVariables, type TemplateVariable } from './listVariables';
import { prepareMjmlBody } from './mjmlBody';
import { parseTemplate, type ParsedTemplate } from './parseTemplate';

export type TemplateFormat = 'mjml' | 'html' | 'text';

export interface TemplateSpec {
	format: TemplateFormat;
	/** MJML, HTML or plain text with mailshit variables. */
	body: string;
	/** Plain-text part; when absent or blank it is derived from the HTML (formats mjml and html). */
	textTemplate?: string;
}

export interface RenderedEmail {
	/** Absent for format 'text'. */
	html?: string;
	text: string;
}

export interface RenderStats {
	/** MJML compiles so far (the one at preparation included). */
	compiles: number;
	/** Items filled into the once-compiled template. */
	cachedRenders: number;
	/** Items compiled on their own (per-item templates, or values the cached path cannot take). */
	perItemRenders: number;
}

export interface CompiledTemplate {
	readonly format: TemplateFormat;
	/** 'cached': compiled once, filled per item. 'per-item': every distinct item is compiled. */
	readonly mode: RenderPath;
	/** Why the template is compiled per item, for diagnostics. */
	readonly perItemReason?: string;
	/** Variables of the body and the text template (see listVariables). */
	readonly variables: TemplateVariable[];
	readonly stats: Readonly<RenderStats>;
	/** Throws MissingVariablesError (all names at once) or, for per-item MJML, TemplateError. */
	render(values: Record<string, unknown>): Promise<RenderedEmail>;
	/**
	 * Throws exactly what render() would, doing only the work that can fail: the variables, and an
	 * MJML compile where these values need their own. For checking every item before any is sent.
	 * Resolves true when it compiled these values on their own: render() would then compile them
	 * again once its bounded memo has moved on, so a caller that renders later should render now.
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

export async function compileTemplate(spec: TemplateSpec): Promise<CompiledTemplate> {
	for (const [text, field] of [[spec.body, BODY_FIELD], [spec.textTemplate ?? '', TEXT_FIELD]] as const) {
		const bytes = Buffer.byteLength(text, 'utf8');
		if (bytes > MAX_TEMPLATE_BYTES) {
			throw new TemplateError(`The template is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit: keep images and large content out of the template (link or attach them)`, field);
		}
	}
	const body = parseTemplate(spec.body, BODY_FIELD);
	const textTemplate = spec.textTemplate?.trim() ? parseTemplate(spec.textTemplate, TEXT_FIELD) : undefined;
	const templates = textTemplate ? [body, textTemplate] : [body];
	const stats: RenderStats = { compiles: 0, cachedRenders: 0, perItemRenders: 0 };
	const renderer = await prepareBody(spec.format, body, () => stats.compiles++);

	const resolve = (values: Record<string, unknown>) => {
		const bodyValues = resolveValues(body.tokens, values);
		const textValues = textTemplate ? resolveValues(textTemplate.tokens, values) : undefined;
		throwIfMissing(bodyValues.missing, textValues?.missing ?? []);
		const htmlParts = spec.format === 'text' ? bodyValues.texts : encodeAll(body.tokens, bodyValues.texts, 'html');
		return { bodyValues, textValues, htmlParts };
	};

	const check = async (values: Record<string, unknown>): Promise<boolean> => {
		const { bodyValues, htmlParts } = resolve(values);
		if (!renderer.compilesPerItem(htmlParts)) return false;
		// memoised by its source, so a render() of the same values right after reuses this compile
		await renderer.render(bodyValues.texts, htmlParts);
		return true;
	};

	const render = async (values: Record<string, unknown>): Promise<RenderedEmail> => {
		const { bodyValues, textValues, htmlParts } = resolve(values);
		const output = await renderer.render(bodyValues.texts, htmlParts);
		if (output.path === 'cached') stats.cachedRenders++;
		else stats.perItemRenders++;
		const text = textTemplate && textValues ? interleave(textTemplate.literals, textValues.texts) : output.text();
		return output.html === undefined ? { text } : { html: output.html, text };
	};

	return {
		format: spec.format,
		mode: renderer.mode,
		...(renderer.perItemReason !== undefined && { perItemReason: renderer.perItemReason }),
		variables: listVariables(templates),
		stats,
		render,
		check,
	};
}

function prepareBody(format: TemplateFormat, body: ParsedTemplate, onCompile: () => void): Promise<BodyRenderer> | BodyRenderer {
	switch (format) {
		case 'mjml':
			return prepareMjmlBody(body, onCompile);
		case 'html':
			return createHtmlBody(body);
		case 'text':
			return createTextBody(body);
		default:
			// Reachable when the format parameter is an expression that evaluated to something else.
			throw new TemplateError(`Unknown template format "${String(format)}": use mjml, html or text`, 'templateFormat');
	}
}

function throwIfMissing(fromBody: readonly string[], fromText: readonly string[]): void {
	if (fromBody.length === 0 && fromText.length === 0) return;
	const names = [...new Set([...fromBody, ...fromText])];
	throw new MissingVariablesError(names, fromBody.length > 0 ? BODY_FIELD : TEXT_FIELD);
}
