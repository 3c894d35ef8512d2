import type { INodeProperties } from 'n8n-workflow';
import { ANSWER_PLACEHOLDER } from '../actions/sendAndWait/answerPlacement';
import { FIELD_TYPES } from '../actions/sendAndWait/formFields';

const FORM_JSON_EXAMPLE = `[
  { "fieldLabel": "Amount", "fieldType": "number", "requiredField": true },
  { "fieldLabel": "Cost centre", "fieldType": "dropdown", "fieldOptions": { "values": [{ "option": "Sales" }, { "option": "R&D" }] } },
  { "fieldLabel": "Comment", "fieldType": "textarea" }
]`;

const FIELD_TYPE_NAMES: Readonly<Record<(typeof FIELD_TYPES)[number], string>> = {
	text: 'Text',
	textarea: 'Textarea',
	email: 'Email',
	number: 'Number',
	password: 'Password',
	date: 'Date',
	dropdown: 'Dropdown List',
	radio: 'Radio Buttons',
	checkbox: 'Checkboxes',
	hiddenField: 'Hidden Field',
};

const BUTTON_STYLES = [
	{ name: 'Primary', value: 'primary' },
	{ name: 'Secondary', value: 'secondary' },
];

/** What the recipient is asked: the response type, the approval buttons, the form's elements. */
export const responseFields: INodeProperties[] = [
	{
		displayName: `The answer buttons (or the Respond link) go where the template has ${ANSWER_PLACEHOLDER}, or at the end of the email when it has none`,
		name: 'answerPlaceholderNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		noDataExpression: true,
		default: 'approval',
		options: [
			{ name: 'Approval', value: 'approval', description: 'Approve, or Approve and Decline buttons' },
			{ name: 'Free Text', value: 'freeText', description: 'A link to a page with one text box' },
			{ name: 'Custom Form', value: 'customForm', description: 'A link to a form with the fields you define' },
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: '',
						placeholder: 'Approve',
						description: 'Empty: "Approve" in the Page Language',
					},
					{
						displayName: 'Approve Button Style',
						name: 'buttonApprovalStyle',
						type: 'options',
						default: 'primary',
						options: BUTTON_STYLES,
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: '',
						placeholder: 'Decline',
						description: 'Empty: "Decline" in the Page Language',
						displayOptions: { show: { approvalType: ['double'] } },
					},
					{
						displayName: 'Decline Button Style',
						name: 'buttonDisapprovalStyle',
						type: 'options',
						default: 'secondary',
						options: BUTTON_STYLES,
						displayOptions: { show: { approvalType: ['double'] } },
					},
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		displayOptions: { show: { responseType: ['customForm'] } },
	},
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 8 },
		default: FORM_JSON_EXAMPLE,
		description: "An array of fields in the JSON form of n8n's Form node: fieldLabel, fieldType, requiredField, placeholder, fieldOptions, fieldName",
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
	},
	{
		displayName: 'Form Elements',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Form Element',
		default: {},
		displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Default Value',
						name: 'defaultValue',
						type: 'string',
						default: '',
						description: 'Pre-filled value. Checkboxes: the pre-selected options, comma-separated. Date: YYYY-MM-DD.',
						displayOptions: { hide: { fieldType: ['hiddenField', 'password'] } },
					},
					{
						displayName: 'Element Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: FIELD_TYPES.map((value) => ({ name: FIELD_TYPE_NAMES[value], value })),
					},
					{
						displayName: 'Field Label',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'Amount',
						description: 'Shown above the field, and its key in the answer unless Field Name is set',
					},
					{
						displayName: 'Field Name',
						name: 'fieldName',
						type: 'string',
						default: '',
						placeholder: 'amount',
						description: 'The key of this field in the answer (data.amount); empty: the label',
					},
					{
						displayName: 'Field Value',
						name: 'fieldValue',
						type: 'string',
						default: '',
						description: 'The value a hidden field answers with',
						displayOptions: { show: { fieldType: ['hiddenField'] } },
					},
					{
						displayName: 'Multiple Choice',
						name: 'multiselect',
						type: 'boolean',
						default: false,
						description: 'Whether several options can be chosen (the answer is then a list)',
						displayOptions: { show: { fieldType: ['dropdown'] } },
					},
					{
						displayName: 'Options',
						name: 'fieldOptions',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, sortable: true },
						placeholder: 'Add Option',
						default: { values: [{ option: '' }] },
						displayOptions: { show: { fieldType: ['dropdown', 'radio', 'checkbox'] } },
						options: [{ displayName: 'Values', name: 'values', values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }] }],
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
						displayOptions: { show: { fieldType: ['text', 'textarea', 'email', 'number', 'password', 'dropdown'] } },
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether the form is refused without this field',
						displayOptions: { hide: { fieldType: ['hiddenField'] } },
					},
				],
			},
		],
	},
];
