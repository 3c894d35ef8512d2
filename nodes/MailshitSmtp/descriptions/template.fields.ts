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
		displayName: 'Template Source',
		name: 'templateSource',
		type: 'options',
		default: 'parameter',
		options: [
			{ name: 'Template Field', value: 'parameter', description: 'Write the template below' },
			{
				name: 'File From the Input Item',
				value: 'binary',
				description: 'A .mjml, .html or .txt file in a binary property of the input item (Read Files From Disk, HTTP Request, Google Drive, Git …)',
			},
		],
	},
	{
		displayName: 'Template File (Binary Property)',
		name: 'templateBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'data',
		description: 'Name of the binary property holding the template file; it is read as UTF-8 text and checked like a template written here',
		displayOptions: { show: { templateSource: ['binary'] } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 12 },
		default: EXAMPLE_MJML,
		required: true,
		description:
			'Use {{name}} for a required variable, {{name|Guest}} for one with a default, {{name|}} for one that may be empty, {{order.number}} to reach into objects, {{{html}}} to insert HTML unescaped, {{#each list}}…{{/each}} and {{#if name}}…{{else}}…{{/if}} for sections, {{> name}} for a partial',
		displayOptions: { show: { templateFormat: ['mjml'], templateSource: ['parameter'] } },
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
		description: 'HTML with {{variables}}: values are HTML-escaped (and URL-encoded inside links), {{{name}}} inserts raw HTML; sections and partials as in MJML',
		displayOptions: { show: { templateFormat: ['html'], templateSource: ['parameter'] } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 8 },
		default: 'Hello {{name|friend}},\n\n{{message|This email was sent by n8n.}}',
		required: true,
		description: 'Text with {{variables}}; nothing is escaped',
		displayOptions: { show: { templateFormat: ['text'], templateSource: ['parameter'] } },
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
		description: 'Plain-text part with {{variables}} and sections; nothing is escaped ({{urlencode name}} encodes a value for a URL)',
		displayOptions: { show: { templateFormat: ['mjml', 'html'], textMode: ['custom'] } },
	},
	{
		displayName: 'Partials',
		name: 'partials',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Partial',
		description: 'Named snippets (a header, a footer, an order row) the template inserts with {{> name}}, with its variables; the safe replacement for mj-include',
		options: [
			{
				displayName: 'Partial',
				name: 'partial',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'footer', description: 'Used as {{> footer}} in the template' },
					{
						displayName: 'Content',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 6 },
						default: '',
						placeholder: '<mj-section><mj-column><mj-text>{{shop.name}}, {{shop.address}}</mj-text></mj-column></mj-section>',
						description: 'MJML, HTML or text, with {{variables}} and sections; inside {{#each}} its variables read the list element',
					},
				],
			},
		],
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
