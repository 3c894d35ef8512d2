import type { IDataObject } from 'n8n-workflow';
import { fillProgram, parseProgram, PartialLibrary, type TemplateError, type TemplateProgram } from '../template';
import { Memo } from '../shared/memo';
import { fail, ok } from '../shared/result';
import type { ValidationResult } from '../validation/errors';
import { checkHeaderValue, checkHeaderWords } from '../validation/headers';
import { pickValue } from './itemOverrides';
import type { ItemParameters } from './itemParameters';

/** Partials belong to the email's body; a header template that names one is told so. */
const NO_PARTIALS_IN_HEADERS = new PartialLibrary([], 'partials can be used in the Template and the Text Template, not in headers');

/**
 * Small templates that fill headers (the subject, the List-Unsubscribe URL): usually one or two
 * per execution, so each is parsed once, not once per item; a subject built per item by an
 * expression keeps only the most recent ones. They may hold sections ({{#if vip}}VIP: {{/if}}…).
 */
export class ParsedTemplates {
	private readonly parsed = new Memo<string, TemplateProgram>(256);

	get(source: string, field: string): TemplateProgram {
		return this.parsed.get(`${field}\u0000${source}`, () => parseProgram(source, field, NO_PARTIALS_IN_HEADERS));
	}

	/**
	 * One header value filled with an item's values. The source as written must be one line
	 * (refused otherwise, naming `field`); values filled in are flattened to one line instead.
	 * A failure to fill is prefixed with `label`, the header's name as the user knows it. `url`:
	 * the header is one URL, whose values are URL-encoded for their part of it.
	 */
	fillHeader(source: string, field: string, label: string, values: Record<string, unknown>, mode: 'header' | 'url' = 'header'): ValidationResult<string> {
		const lineCheck = checkHeaderValue(source, field);
		if (!lineCheck.ok) return lineCheck;
		let filled: string;
		try {
			filled = fillProgram(this.get(source, field), values, mode);
		} catch (error) {
			// parsing and filling throw only TemplateError (an unclosed {{, a missing variable)
			return fail({ field, error: `${label}: ${(error as TemplateError).message}` });
		}
		const words = checkHeaderWords(filled, field);
		return words.ok ? ok(filled) : fail({ ...words.failure, error: `${label}: ${words.failure.error}` });
	}
}

/**
 * The subject of one item, for Send and Render alike, so a preview shows what is sent. Priority:
 * the item's _subject, then the node's Subject, then the Template Name. The subject
 * *template* must be one line (an error names _subject); values filled into it are flattened to
 * one line instead, so an address block in a variable cannot break a header.
 */
export function resolveSubject(
	params: ItemParameters,
	parsed: ParsedTemplates,
	index: number,
	values: Record<string, unknown>,
	overrides: IDataObject | undefined,
): ValidationResult<string> {
	// a Subject of only spaces is as empty as a blank _subject: both fall back to the Template Name
	const subject = params.get<string>('subject', index, '');
	const nodeSubject = String(subject ?? '').trim() ? subject : params.get<string>('templateName', index, '');
	const picked = pickValue('_subject', nodeSubject, overrides);
	// an object would go out as "[object Object]", an array as its items joined by commas
	if (picked !== undefined && picked !== null && typeof picked !== 'string' && typeof picked !== 'number') {
		return fail({ field: '_subject', error: `_subject must be text, not ${Array.isArray(picked) ? 'a list' : `a value of type ${typeof picked}`}` });
	}
	const chosen = String(picked ?? '');
	if (!chosen.trim()) {
		return fail({ field: '_subject', error: 'No subject: set Subject or Template Name, or give the item a _subject field' });
	}
	return parsed.fillHeader(chosen, '_subject', 'Subject', values);
}

