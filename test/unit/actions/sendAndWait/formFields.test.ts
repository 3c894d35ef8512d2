import { checkFormFields, parseFormFieldsJson } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/formFields';
import { readAnswers } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/formAnswers';
import { phrasesFor } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/phrases';

const en = phrasesFor('en');
const choices = (...options: string[]) => ({ values: options.map((option) => ({ option })) });

describe('form fields, in the JSON form of n8n\u2019s forms', () => {
	it('reads every supported type, with keys from Field Name or label', () => {
		const fields = parseFormFieldsJson(
			JSON.stringify([
				{ fieldLabel: 'Name', requiredField: true, placeholder: 'Ada' },
				{ fieldLabel: 'Amount', fieldName: 'amount', fieldType: 'number' },
				{ fieldLabel: 'Due', fieldType: 'date', defaultValue: '2026-03-01T00:00:00' },
				{ fieldLabel: 'Tags', fieldType: 'checkbox', fieldOptions: choices('a', 'b', 'a', ''), defaultValue: 'a, b' },
				{ fieldLabel: 'Team', fieldType: 'dropdown', multiselect: true, fieldOptions: choices('x', 'y') },
				{ fieldType: 'hiddenField', fieldName: 'source', fieldValue: 'email' },
			]),
			'Form Fields',
		);
		expect(fields.map(({ key, type, required, options, multiple, defaultValue }) => ({ key, type, required, options, multiple, defaultValue }))).toEqual([
			{ key: 'Name', type: 'text', required: true, options: [], multiple: false, defaultValue: '' },
			{ key: 'amount', type: 'number', required: false, options: [], multiple: false, defaultValue: '' },
			{ key: 'Due', type: 'date', required: false, options: [], multiple: false, defaultValue: '2026-03-01' },
			{ key: 'Tags', type: 'checkbox', required: false, options: ['a', 'b'], multiple: true, defaultValue: ['a', 'b'] },
			{ key: 'Team', type: 'dropdown', required: false, options: ['x', 'y'], multiple: true, defaultValue: [] },
			{ key: 'source', type: 'hiddenField', required: false, options: [], multiple: false, defaultValue: 'email' },
		]);
	});

	it('takes the array an expression already built', () => {
		expect(parseFormFieldsJson([{ fieldLabel: 'Name' }], 'Form Fields')).toHaveLength(1);
	});

	it.each([
		['not JSON', '[{', 'Form Fields is not valid JSON'],
		['not an array', '{"fieldLabel":"a"}', 'must be a JSON array'],
		['no fields', '[]', 'has no fields'],
		['a field without label', '[{"fieldType":"text"}]', 'needs a label'],
		['an unknown type', '[{"fieldLabel":"a","fieldType":"slider"}]', 'Unknown field type "slider"'],
		['a file field', '[{"fieldLabel":"a","fieldType":"file"}]', 'file uploads are not supported'],
		['a dropdown without options', '[{"fieldLabel":"a","fieldType":"dropdown"}]', 'has no options'],
		['a hidden field without name', '[{"fieldLabel":"a","fieldType":"hiddenField"}]', 'needs a Field Name'],
		['two fields with one key', '[{"fieldLabel":"a"},{"fieldLabel":"b","fieldName":"a"}]', 'Two fields answer as "a"'],
	])('refuses %s, naming the field', (_case, json, message) => {
		expect(() => parseFormFieldsJson(json, 'Form Fields')).toThrow(message);
	});

	it('names the element in the error', () => {
		expect(() => checkFormFields([{ fieldLabel: 'ok' }, { fieldLabel: '' }], 'Form Elements')).toThrow(expect.objectContaining({ field: 'Form Elements[1]' }));
	});
});

describe('what a form submission answers', () => {
	const fields = parseFormFieldsJson(
		JSON.stringify([
			{ fieldLabel: 'Name', requiredField: true },
			{ fieldLabel: 'Email', fieldType: 'email' },
			{ fieldLabel: 'Amount', fieldType: 'number' },
			{ fieldLabel: 'Due', fieldType: 'date' },
			{ fieldLabel: 'Team', fieldType: 'radio', fieldOptions: choices('Sales', 'R&D') },
			{ fieldLabel: 'Tags', fieldType: 'checkbox', fieldOptions: choices('a', 'b'), requiredField: true },
			{ fieldLabel: 'Note', fieldType: 'textarea' },
			{ fieldType: 'hiddenField', fieldName: 'source', fieldValue: 'email' },
		]),
		'Form Fields',
	);

	it('types the values: numbers as numbers, lists as lists, empty optional fields as "" or null', () => {
		const result = readAnswers(fields, { 'field-0': ' Ada ', 'field-2': '-1.5e2', 'field-4': 'R&D', 'field-5': ['b', 'a', 'b'], 'field-6': ' two\r\nlines ', 'field-7': 'forged' }, en);
		expect(result).toEqual({ ok: true, value: { Name: 'Ada', Email: '', Amount: -150, Due: null, Team: 'R&D', Tags: ['b', 'a'], Note: ' two\nlines ', source: 'email' } });
	});

	it.each([
		['a required field left empty', { 'field-0': ' ', 'field-5': 'a' }, 0, en.required],
		['a required checkbox group left empty', { 'field-0': 'x' }, 5, en.required],
		['an address that is not one', { 'field-0': 'x', 'field-5': 'a', 'field-1': 'ada@' }, 1, en.invalidEmail],
		['a number with a comma', { 'field-0': 'x', 'field-5': 'a', 'field-2': '1,5' }, 2, en.invalidNumber],
		['a hexadecimal number', { 'field-0': 'x', 'field-5': 'a', 'field-2': '0x10' }, 2, en.invalidNumber],
		['a day that does not exist', { 'field-0': 'x', 'field-5': 'a', 'field-3': '2026-02-29' }, 3, en.invalidDate],
		['a choice that is not offered', { 'field-0': 'x', 'field-5': 'a', 'field-4': 'Legal' }, 4, en.invalidChoice],
		['a checkbox that is not offered', { 'field-0': 'x', 'field-5': ['a', 'z'] }, 5, en.invalidChoice],
	])('refuses %s, at that field', (_case, posted, index, message) => {
		const result = readAnswers(fields, posted, en);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure.get(index)).toBe(message);
	});

	it('answers in the page language', () => {
		const result = readAnswers(fields, {}, phrasesFor('fr'));
		expect(!result.ok && result.failure.get(0)).toBe('Veuillez remplir ce champ.');
	});
});
