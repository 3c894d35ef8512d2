import { listVariables, parseProgram, PartialLibrary, TemplateError } from '../../../nodes/MailshitSmtp/template';

describe('listVariables', () => {
	it.each([
		['no variables', 'Hello', []],
		['one required', 'Hi {{name}}', [{ name: 'name', required: true, raw: false }]],
		[
			'dedupes in order of first appearance',
			'{{b}} {{a}} {{b}} {{c.d}}',
			[
				{ name: 'b', required: true, raw: false },
				{ name: 'a', required: true, raw: false },
				{ name: 'c.d', required: true, raw: false },
			],
		],
		[
			'a default anywhere makes it optional; the first default is kept',
			'{{name}} {{name|Guest}} {{name|Friend}}',
			[{ name: 'name', required: false, default: 'Guest', raw: false }],
		],
		['empty default', '{{note|}}', [{ name: 'note', required: false, default: '', raw: false }]],
		['raw anywhere', '{{x}} {{{x}}}', [{ name: 'x', required: true, raw: true }]],
	])('%s', (_case, source, expected) => {
		expect(listVariables(source)).toStrictEqual(expected);
	});

	it('merges several parsed templates (body and text part)', () => {
		const templates = [parseProgram('{{a}} {{b|x}}', 'template'), parseProgram('{{c}} {{a|y}}', 'text')];
		expect(listVariables(templates)).toStrictEqual([
			{ name: 'a', required: false, default: 'y', raw: false },
			{ name: 'b', required: false, default: 'x', raw: false },
			{ name: 'c', required: true, raw: false },
		]);
	});

	it('understands sections: lists, conditions, element fields as list.*.field, scopes', () => {
		const source =
			'{{customer.name}}{{#if vip}}VIP{{/if}}{{#each order.items}}{{title}} {{price|0}} {{@index}} {{@root.currency}}' +
			'{{#each options}}{{this}} {{../sku}}{{/each}}{{/each}}{{#unless order.paid}}{{order.due}}{{/unless}}{{#each tags}}{{this}}{{/each}}';
		expect(listVariables(source)).toStrictEqual([
			{ name: 'customer.name', required: true, raw: false },
			{ name: 'vip', required: false, raw: false, usage: 'condition' },
			{ name: 'order.items', required: true, raw: false, usage: 'list' },
			{ name: 'order.items.*.title', required: true, raw: false },
			{ name: 'order.items.*.price', required: false, default: '0', raw: false },
			{ name: 'currency', required: true, raw: false },
			{ name: 'order.items.*.options', required: true, raw: false, usage: 'list' },
			{ name: 'order.items.*.options.*', required: true, raw: false },
			{ name: 'order.items.*.sku', required: true, raw: false },
			{ name: 'order.paid', required: false, raw: false, usage: 'condition' },
			{ name: 'order.due', required: true, raw: false },
			{ name: 'tags', required: true, raw: false, usage: 'list' },
			{ name: 'tags.*', required: true, raw: false },
		]);
	});

	it('lists the variables of the partials a template uses, in the scope they are used in', () => {
		const partials = new PartialLibrary([
			{ name: 'row', content: '{{title}} {{@root.shop}}' },
			{ name: 'unused', content: '{{never}}' },
		]);
		expect(listVariables('{{#each lines}}{{> row}}{{/each}}', 'template', partials).map((variable) => variable.name)).toEqual(['lines', 'lines.*.title', 'shop']);
	});

	it('throws TemplateError naming the field for a malformed source', () => {
		expect(() => listVariables('{{oops', 'subject')).toThrow(new TemplateError('Unclosed "{{" at line 1:1 in subject: close it with "}}" (or remove it if it is not meant to be a variable)', 'subject'));
	});
});
