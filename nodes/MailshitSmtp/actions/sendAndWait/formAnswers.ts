/**
 * What a recipient submitted on the response form, checked against the form's fields: the answer
 * for the workflow, or the fields to correct. Browsers check required fields, e-mail and number
 * inputs too, but a form can be posted without a browser, so nothing is taken on trust.
 * Pure: no n8n imports.
 */
import { validateAddress } from '../../validation/addresses';
import { fail, ok, type Result } from '../../shared/result';
import type { FormField } from './formFields';
import type { Phrases } from './phrases';

/** The values posted, by input name (`field-0`, …): one string, or a list for repeated names. */
export type PostedValues = Readonly<Record<string, unknown>>;

export type AnswerValue = string | number | string[] | null;

/** Per field index: the sentence to show next to it. */
export type FieldErrors = ReadonlyMap<number, string>;

/** The name of a field's input in the page and in the posted body. */
export function inputName(index: number): string {
	return `field-${index}`;
}

/**
 * The body n8n hands the webhook: multipart forms arrive as `{ data: {…}, files: {…} }`, urlencoded
 * ones as the fields themselves.
 */
export function postedValues(body: unknown): PostedValues {
	if (!body || typeof body !== 'object') return {};
	const data = (body as { data?: unknown }).data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as PostedValues) : (body as PostedValues);
}

/** A posted field's values: a list as strings, one value as a list of one, nothing as none. */
export function postedFieldValues(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry));
	return value === undefined || value === null ? [] : [String(value)];
}

export function readAnswers(fields: readonly FormField[], posted: PostedValues, phrases: Phrases): Result<Record<string, AnswerValue>, FieldErrors> {
	const answers: Record<string, AnswerValue> = {};
	const errors = new Map<number, string>();
	fields.forEach((field, index) => {
		const checked = readField(field, postedFieldValues(posted[inputName(index)]), phrases);
		if (checked.ok) answers[field.key] = checked.value;
		else errors.set(index, checked.failure);
	});
	return errors.size > 0 ? fail(errors) : ok(answers);
}

function readField(field: FormField, posted: string[], phrases: Phrases): Result<AnswerValue, string> {
	if (field.type === 'hiddenField') return ok(String(field.defaultValue));
	if (field.multiple) {
		const chosen = [...new Set(posted.map((value) => value.trim()).filter(Boolean))];
		if (chosen.some((value) => !field.options.includes(value))) return fail(phrases.invalidChoice);
		if (field.required && chosen.length === 0) return fail(phrases.required);
		return ok(chosen);
	}
	// a single-value field posted twice is not a form of ours: take the last, as browsers' forms do
	const value = (posted.at(-1) ?? '').replace(/\r\n?/g, '\n');
	const trimmed = value.trim();
	if (trimmed === '') return field.required ? fail(phrases.required) : ok(field.type === 'number' || field.type === 'date' ? null : '');
	switch (field.type) {
		case 'email':
			return validateAddress(trimmed).ok ? ok(trimmed) : fail(phrases.invalidEmail);
		case 'number': {
			// what a number input posts: digits with a dot, no grouping, no hexadecimal
			return /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? ok(Number(trimmed)) : fail(phrases.invalidNumber);
		}
		case 'date':
			return isCalendarDate(trimmed) ? ok(trimmed) : fail(phrases.invalidDate);
		case 'dropdown':
		case 'radio':
			return field.options.includes(trimmed) ? ok(trimmed) : fail(phrases.invalidChoice);
		case 'textarea':
		case 'password':
			// what was typed, line breaks and spaces included
			return ok(value);
		default:
			return ok(trimmed);
	}
}

/** YYYY-MM-DD of a day that exists (what a date input posts). */
function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
	return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}
