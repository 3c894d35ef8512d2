/**
 * Where the answer block goes in the user's template: at each {{_answer}} the template has, or, when
 * it has none, at the end of the email; the attribution line always goes last. This runs on the
 * template source before it is compiled, so the buttons are part of the MJML that MJML lays out.
 * Pure: no n8n imports.
 *
 * In MJML the block takes the form its place needs: between sections (directly in <mj-body> or
 * <mj-wrapper>) a whole <mj-section>; inside an <mj-column> or <mj-hero> <mj-button>s; inside
 * <mj-text> or <mj-raw> content HTML buttons. Anywhere else MJML would drop or reject it, so that
 * is an error naming the line.
 */
import { BODY_FIELD, TemplateError, type TemplateSpec } from '../../template';
import { scanMjml, type MjmlRegion } from '../../template/mjmlScanner';
import { formatPosition, positionAt } from '../../template/sourcePosition';
import {
	htmlAttribution,
	htmlButtons,
	mjmlAttributionSection,
	mjmlButtonLook,
	mjmlButtons,
	mjmlButtonSection,
	textAttribution,
	textButtons,
	type AnswerBlock,
} from './answerBlock';

/** The placeholder as documented; spaces inside the braces and the triple-brace form are accepted too. */
export const ANSWER_VARIABLE = '_answer';
export const ANSWER_PLACEHOLDER = `{{${ANSWER_VARIABLE}}}`;
const PLACEHOLDER = /\{\{\{?\s*_answer\s*\}?\}\}/g;

export function placeAnswerBlock(spec: TemplateSpec, block: AnswerBlock): TemplateSpec {
	switch (spec.format) {
		case 'text':
			return { ...spec, body: placeInText(spec.body, block) };
		case 'html':
			return withTextTemplate({ ...spec, body: placeInHtml(spec.body, block) }, block);
		case 'mjml':
			return withTextTemplate({ ...spec, body: placeInMjml(spec.body, block) }, block);
		default:
			return spec; // compiling reports the unknown format
	}
}

/** A custom text part gets the links too; a derived one gets them from the HTML buttons. */
function withTextTemplate(spec: TemplateSpec, block: AnswerBlock): TemplateSpec {
	return spec.textTemplate?.trim() ? { ...spec, textTemplate: placeInText(spec.textTemplate, block) } : spec;
}

function appendParagraph(text: string, paragraph: string): string {
	return paragraph ? `${text.replace(/\s+$/, '')}\n\n${paragraph}` : text;
}

function placeInText(source: string, block: AnswerBlock): string {
	const buttons = textButtons(block);
	const placed = source.search(PLACEHOLDER) !== -1 ? source.replace(PLACEHOLDER, () => buttons) : appendParagraph(source, buttons);
	return appendParagraph(placed, textAttribution(block));
}

/** Inserts before the last closing tag that matches, or appends when there is none. */
function insertBeforeLast(source: string, closingTag: RegExp, markup: string): string | undefined {
	let last: RegExpExecArray | undefined;
	for (const match of source.matchAll(closingTag)) last = match;
	if (!last) return undefined;
	return `${source.slice(0, last.index)}${markup}\n${source.slice(last.index)}`;
}

function placeInHtml(source: string, block: AnswerBlock): string {
	const buttons = htmlButtons(block);
	let placed = source.replace(PLACEHOLDER, () => buttons);
	const atEnd = placed === source ? buttons : '';
	const tail = `${atEnd}${htmlAttribution(block)}`;
	if (tail) placed = insertBeforeLast(placed, /<\/body\s*>/gi, tail) ?? `${placed}\n${tail}`;
	return placed;
}

function placeInMjml(source: string, block: AnswerBlock): string {
	const look = mjmlButtonLook(source);
	const matches = [...source.matchAll(PLACEHOLDER)];
	let placed = source;
	let tail = mjmlAttributionSection(block);
	if (matches.length === 0) {
		tail = `${mjmlButtonSection(block, look)}\n${tail}`;
	} else {
		const regions = scanMjml(source, { field: BODY_FIELD });
		let rebuilt = '';
		let from = 0;
		for (const match of matches) {
			const region = regions.find((candidate) => candidate.start <= match.index && match.index < candidate.end);
			rebuilt += source.slice(from, match.index) + mjmlMarkupFor(region, block, look, source, match.index);
			from = match.index + match[0].length;
		}
		placed = rebuilt + source.slice(from);
	}
	if (!tail.trim()) return placed;
	const withTail = insertBeforeLast(placed, /<\/mj-body\s*>/gi, tail);
	if (withTail === undefined) {
		throw new TemplateError(`The MJML template has no </mj-body> to add the answer buttons before: write <mj-body>…</mj-body>, or put ${ANSWER_PLACEHOLDER} where they belong`, BODY_FIELD);
	}
	return withTail;
}

function mjmlMarkupFor(region: MjmlRegion | undefined, block: AnswerBlock, look: ReturnType<typeof mjmlButtonLook>, source: string, offset: number): string {
	if (region?.kind === 'text') {
		const parent = region.parents.at(-1);
		if (parent === 'mj-column' || parent === 'mj-hero') return mjmlButtons(block, look);
		if (parent === 'mj-body' || parent === 'mj-wrapper') return mjmlButtonSection(block, look);
	}
	if (region?.kind === 'content' && (region.tag === 'mj-text' || region.tag === 'mj-raw')) return htmlButtons(block);
	const position = positionAt(source, offset);
	const place = region && 'tag' in region ? `in <${region.tag}>` : region?.parents.length ? `directly in <${region.parents.at(-1)}>` : 'outside <mj-body>';
	throw new TemplateError(
		`${ANSWER_PLACEHOLDER} at line ${formatPosition(position)} is ${place}, where MJML cannot show buttons: ` +
			'put it between sections, inside an <mj-column>, or inside an <mj-text>',
		BODY_FIELD,
		position,
	);
}
