import type { INodeProperties } from 'n8n-workflow';

const EXAMPLE_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text font-size="20px">Hello {{name|friend}}!</mj-text>
        <mj-text>{{message|This email was rendered from MJML by n8n.}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/**
 * The subject, template and variables: shared by Send and Render, so a rendered preview equals what
 * is sent. Subject comes first, as in a mail client (and n8n's Send Email node): To, Subject, body.
 */
export const templateFields: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder: 'Your order {{order.number}} has shipped',
		description:
			'May use {{variables}}. An item field _subject wins over this; when both are empty the Template Name is used.',
	},
	{
		displayName: 'Template Format',
		name: 'templateFormat',
		type: 'options',
		default: 'mjml',
		options: [
			{ name: 'MJML', value: 'mjml', description: 'Responsive email markup, compiled to HTML that works in Outlook and Gmail' },
			{ name: 'HTML', value: 'html', description: 'Your own HTML, sent as is' },
			{ name: 'Plain Text', value: 'text', description: 'A text-only email, no HTML part' },
		],
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 12 },
		default: EXAMPLE_MJML,
		required: true,
		description:
			'Use {{name}} for a required variable, {{name|Guest}} for one with a default, {{name|}} for one that may be empty, {{order.number}} to reach into objects, and {{{html}}} to insert HTML unescaped',
		displayOptions: { show: { templateFormat: ['mjml'] } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		// a plain text area, not n8n's htmlEditor: that editor paints {{variables}} as n8n
		// expressions (and {{a|b}} red, as invalid JavaScript) although Fixed mode sends them as is
		typeOptions: { rows: 12 },
		default: '<p>Hello {{name|friend}},</p>\n<p>{{message|This email was sent by n8n.}}</p>',
		required: true,
		description: 'HTML with {{variables}}: values are HTML-escaped, {{{name}}} inserts raw HTML',
		displayOptions: { show: { templateFormat: ['html'] } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 8 },
		default: 'Hello {{name|friend}},\n\n{{message|This email was sent by n8n.}}',
		required: true,
		description: 'Text with {{variables}}; nothing is escaped',
		displayOptions: { show: { templateFormat: ['text'] } },
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		placeholder: 'order-shipped',
		description: 'A name for this template; also the subject when neither Subject nor _subject is set',
	},
	{
		displayName: 'Text Version',
		name: 'textMode',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Generate From HTML', value: 'auto', description: 'Converted from the rendered HTML: links become "text [URL]"' },
			{ name: 'Custom Text Template', value: 'custom', description: 'Write the plain-text part yourself' },
		],
		displayOptions: { show: { templateFormat: ['mjml', 'html'] } },
	},
	{
		displayName: 'Text Template',
		name: 'textTemplate',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description: 'Plain-text part with {{variables}}; nothing is escaped',
		displayOptions: { show: { templateFormat: ['mjml', 'html'], textMode: ['custom'] } },
	},
	{
		displayName: 'Variables From',
		name: 'variablesSource',
		type: 'options',
		default: 'item',
		options: [
			{ name: 'Input Item', value: 'item', description: "The incoming item's fields: {{name}} reads the item's name field" },
			{ name: 'JSON', value: 'json', description: 'An object you write or build with an expression' },
			{ name: 'Fields Below', value: 'keyValue', description: 'Name/value pairs set here' },
		],
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{\n  "name": "Ada"\n}',
		description: 'Object whose keys are the variable names; use an expression to build it from the item',
		displayOptions: { show: { variablesSource: ['json'] } },
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Variable',
		displayOptions: { show: { variablesSource: ['keyValue'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'values',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'order.number',
						description: 'Variable name as used in {{…}}; dots create nested values',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
];
