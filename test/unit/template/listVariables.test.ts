import { listVariables, parseProgram, TemplateError } from '../../../nodes/MailshitSmtp/template';

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

	it('throws TemplateError naming the field for a malformed source', () => {
		expect(() => listVariables('{{oops', 'subject')).toThrow(new TemplateError('Unclosed "{{" at line 1:1 in subject: close it with "}}" (or remove it if it is not meant to be a variable)', 'subject'));
	});
});
