/**
 * The fields of a Custom Form (or the one text area of Free Text), from the node's Form Elements or
 * from JSON in the shape n8n's own forms use, so a definition written for n8n's Send Email or Form
 * node works here too. Pure: no n8n imports.
 *
 *   [{ "fieldLabel": "Amount", "fieldType": "number", "requiredField": true },
 *    { "fieldLabel": "Cost centre", "fieldType": "dropdown", "fieldOptions": { "values": [{ "option": "A" }] } }]
 */
import { ConfigurationError } from '../../shared/configurationError';
import { settingText } from '../../shared/settingText';

export const FIELD_TYPES = ['text', 'textarea', 'email', 'number', 'password', 'date', 'dropdown', 'radio', 'checkbox', 'hiddenField'] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
	/** The key of the answer in the output (`data[key]`): Field Name when given, else the label. */
	key: string;
	label: string;
	type: FieldType;
	required: boolean;
	placeholder: string;
	/** Choices of dropdown, radio and checkbox fields. */
	options: string[];
	/** Dropdown with Multiple Choice (n8n's legacy option): answers with a list, like checkboxes. */
	multiple: boolean;
	/** Pre-filled value; for checkboxes the pre-selected options. */
	defaultValue: string | string[];
}

/** A field as n8n stores it (node parameters or JSON), before checking. */
export interface RawFormField {
	fieldLabel?: unknown;
	fieldName?: unknown;
	fieldType?: unknown;
	requiredField?: unknown;
	placeholder?: unknown;
	fieldOptions?: { values?: Array<{ option?: unknown }> } | unknown;
	multiselect?: unknown;
	defaultValue?: unknown;
	fieldValue?: unknown;
}

const CHOICE_TYPES: ReadonlySet<FieldType> = new Set(['dropdown', 'radio', 'checkbox']);
const UNSUPPORTED: Readonly<Record<string, string>> = {
	file: 'file uploads are not supported: ask for a link instead',
	html: 'custom HTML blocks are not supported: use Response Form Description for text',
};


/** Parses Form Fields given as JSON text (or the array an expression already produced). */
export function parseFormFieldsJson(json: unknown, field: string): FormField[] {
	let raw: unknown = json;
	if (typeof json === 'string') {
		let problem: string | undefined;
		try {
			raw = JSON.parse(json);
		} catch (error) {
			problem = (error as Error).message;
		}
		if (problem !== undefined) throw new ConfigurationError(`Form Fields is not valid JSON: ${problem}`, field);
	}
	if (!Array.isArray(raw)) throw new ConfigurationError('Form Fields must be a JSON array of fields, e.g. [{ "fieldLabel": "Name" }]', field);
	return checkFormFields(raw as RawFormField[], field);
}

/** Checks every field and gives each its output key; throws ConfigurationError naming the field. */
export function checkFormFields(raw: readonly RawFormField[], field: string): FormField[] {
	if (raw.length === 0) throw new ConfigurationError('The form has no fields: add at least one', field);
	const fields = raw.map((entry, index) => checkField(entry, `${field}[${index}]`));
	const seen = new Set<string>();
	for (const [index, { key }] of fields.entries()) {
		if (seen.has(key)) {
			throw new ConfigurationError(`Two fields answer as "${key}": give one of them another label or a Field Name`, `${field}[${index}]`);
		}
		seen.add(key);
	}
	return fields;
}

function checkField(entry: RawFormField, where: string): FormField {
	if (!entry || typeof entry !== 'object') throw new ConfigurationError('A form field must be an object with a fieldLabel', where);
	const typeName = settingText(entry.fieldType) || 'text';
	if (UNSUPPORTED[typeName]) throw new ConfigurationError(`Field type "${typeName}": ${UNSUPPORTED[typeName]}`, where);
	if (!(FIELD_TYPES as readonly string[]).includes(typeName)) {
		throw new ConfigurationError(`Unknown field type "${typeName}": use one of ${FIELD_TYPES.join(', ')}`, where);
	}
	const type = typeName as FieldType;
	const label = settingText(entry.fieldLabel);
	const name = settingText(entry.fieldName);
	if (type === 'hiddenField') {
		if (!name) throw new ConfigurationError('A hidden field needs a Field Name (its key in the answer)', where);
	} else if (!label) {
		throw new ConfigurationError('A form field needs a label (fieldLabel)', where);
	}
	const options = CHOICE_TYPES.has(type) ? choices(entry.fieldOptions) : [];
	if (CHOICE_TYPES.has(type) && options.length === 0) {
		throw new ConfigurationError(`The ${type} field "${label}" has no options: add them under fieldOptions.values[].option`, where);
	}
	const multiple = type === 'checkbox' || (type === 'dropdown' && entry.multiselect === true);
	return {
		key: name || label,
		label,
		type,
		required: entry.requiredField === true && type !== 'hiddenField',
		placeholder: settingText(entry.placeholder),
		options,
		multiple,
		defaultValue: defaultOf(entry, type, multiple),
	};
}

function choices(fieldOptions: unknown): string[] {
	const values = (fieldOptions as { values?: unknown } | undefined)?.values;
	if (!Array.isArray(values)) return [];
	return [...new Set(values.map((value) => settingText((value as { option?: unknown } | undefined)?.option)).filter(Boolean))];
}

function defaultOf(entry: RawFormField, type: FieldType, multiple: boolean): string | string[] {
	if (type === 'hiddenField') return settingText(entry.fieldValue);
	if (multiple) {
		const value = entry.defaultValue;
		const list = Array.isArray(value) ? value.map(settingText) : settingText(value).split(',').map((part) => part.trim());
		return list.filter(Boolean);
	}
	const value = settingText(entry.defaultValue);
	// a dateTime parameter stores "2026-03-01T00:00:00"; a date input takes the date alone
	return type === 'date' ? value.slice(0, 10) : value;
}
