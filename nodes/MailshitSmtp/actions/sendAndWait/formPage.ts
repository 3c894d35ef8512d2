/**
 * The response form (Free Text and Custom Form): labelled inputs, required fields marked in words,
 * and after a refused submission the posted values kept, each error next to its field and a
 * summary announced to screen readers. It posts multipart/form-data back to its own signed URL
 * (n8n 2.x accepts nothing else for a custom form). Pure: no n8n imports.
 */
import { escapeHtml } from '../../template';
import { inputName, postedFieldValues, type FieldErrors, type PostedValues } from './formAnswers';
import type { FormField } from './formFields';
import { renderPage, type PageLook, type ResponsePage } from './pageLayout';

export interface FormContent {
	title: string;
	description: string;
	buttonLabel: string;
	fields: readonly FormField[];
}

/** What was posted, for showing a refused submission again. */
export interface FormState {
	posted: PostedValues;
	errors: FieldErrors;
}

const INPUT_TYPES: Readonly<Record<string, string>> = { text: 'text', email: 'email', number: 'number', password: 'password', date: 'date' };

function postedList(state: FormState | undefined, index: number, field: FormField): string[] {
	if (!state) return Array.isArray(field.defaultValue) ? field.defaultValue : field.defaultValue ? [field.defaultValue] : [];
	return postedFieldValues(state.posted[inputName(index)]);
}

function attributes(pairs: Record<string, string | boolean | undefined>): string {
	return Object.entries(pairs)
		.filter(([, value]) => value !== undefined && value !== false)
		.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
		.join('');
}

function renderField(field: FormField, index: number, look: PageLook, state: FormState | undefined): string {
	const id = inputName(index);
	const error = state?.errors.get(index);
	const errorId = `${id}-error`;
	const values = postedList(state, index, field);
	const required = field.required ? ` <span class="required">${escapeHtml(look.phrases.requiredMark)}</span>` : '';
	const errorLine = error ? `\n<p class="error" id="${errorId}">${escapeHtml(error)}</p>` : '';
	const invalid = { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error ? errorId : undefined };

	if (field.type === 'radio' || field.type === 'checkbox') {
		const choices = field.options
			.map(
				(option, choice) =>
					`<label class="choice"><input${attributes({ type: field.type, id: `${id}-${choice}`, name: id, value: option, checked: values.includes(option) })}> ${escapeHtml(option)}</label>`,
			)
			.join('\n');
		return `<fieldset class="field"${attributes({ ...invalid, 'aria-required': field.required && field.type === 'radio' ? 'true' : undefined })}>\n<legend>${escapeHtml(field.label)}${required}</legend>\n${choices}${errorLine}\n</fieldset>`;
	}

	const label = `<label for="${id}">${escapeHtml(field.label)}${required}</label>`;
	const common = { id, name: id, required: field.required, ...invalid };
	let control: string;
	if (field.type === 'textarea') {
		control = `<textarea${attributes({ ...common, rows: '6', placeholder: field.placeholder || undefined })}>${escapeHtml(values[0] ?? '')}</textarea>`;
	} else if (field.type === 'dropdown') {
		const empty = field.multiple ? '' : `<option value=""${values.length ? '' : ' selected'}>${escapeHtml(field.placeholder || look.phrases.choose)}</option>\n`;
		const options = field.options.map((option) => `<option${attributes({ value: option, selected: values.includes(option) })}>${escapeHtml(option)}</option>`).join('\n');
		control = `<select${attributes({ ...common, multiple: field.multiple })}>\n${empty}${options}\n</select>`;
	} else {
		control = `<input${attributes({
			...common,
			type: INPUT_TYPES[field.type] ?? 'text',
			value: values[0] ?? '',
			placeholder: field.placeholder || undefined,
			autocomplete: field.type === 'email' ? 'email' : field.type === 'password' ? 'off' : undefined,
			step: field.type === 'number' ? 'any' : undefined,
			inputmode: field.type === 'number' ? 'decimal' : undefined,
		})}>`;
	}
	return `<div class="field">\n${label}\n${control}${errorLine}\n</div>`;
}

/** Announced on arrival; each error links to its field (the pattern of the GOV.UK design system). */
function errorSummary(look: PageLook, fields: readonly FormField[], errors: FieldErrors): string {
	const items = [...errors]
		.sort(([a], [b]) => a - b)
		.map(([index, error]) => `<li><a href="#${inputName(index)}${fields[index].type === 'radio' || fields[index].type === 'checkbox' ? '-0' : ''}">${escapeHtml(fields[index].label)}: ${escapeHtml(error)}</a></li>`)
		.join('');
	return `<div class="summary" role="alert"><p>${escapeHtml(look.phrases.formErrors)}</p><ul>${items}</ul></div>\n`;
}

/**
 * The form; with `state`, the refused submission (status 422). `novalidate` hands every check to
 * the server, so every message is in the page's language and stays on the page, next to its field.
 */
export function formPage(look: PageLook, content: FormContent, state?: FormState): ResponsePage {
	const summary = state && state.errors.size > 0 ? errorSummary(look, content.fields, state.errors) : '';
	const description = content.description.trim() ? `<p class="description muted">${escapeHtml(content.description)}</p>\n` : '';
	const fields = content.fields
		.map((field, index) => ({ field, index }))
		.filter(({ field }) => field.type !== 'hiddenField')
		.map(({ field, index }) => renderField(field, index, look, state))
		.join('\n');
	const body =
		`<h1>${escapeHtml(content.title)}</h1>\n${description}` +
		`<form method="post" enctype="multipart/form-data" novalidate>\n${summary}${fields}\n` +
		`<button type="submit" class="button primary">${escapeHtml(content.buttonLabel)}</button>\n</form>`;
	return renderPage(look, state ? 422 : 200, content.title, body);
}
