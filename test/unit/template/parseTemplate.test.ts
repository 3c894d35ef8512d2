import { parseTemplate, TemplateError } from '../../../nodes/MailshitSmtp/template';
import { thrownBy } from './fixtures';

describe('parseTemplate: token syntax', () => {
	it.each([
		['{{name}}', { name: 'name', path: ['name'], raw: false }],
		['{{ name }}', { name: 'name', path: ['name'], raw: false }],
		['{{name|Guest}}', { name: 'name', path: ['name'], default: 'Guest', raw: false }],
		['{{ name | Dear Guest }}', { name: 'name', path: ['name'], default: 'Dear Guest', raw: false }],
		['{{name|}}', { name: 'name', path: ['name'], default: '', raw: false }],
		['{{order.id}}', { name: 'order.id', path: ['order', 'id'], raw: false }],
		['{{items.0.title}}', { name: 'items.0.title', path: ['items', '0', 'title'], raw: false }],
		['{{first_name-2}}', { name: 'first_name-2', path: ['first_name-2'], raw: false }],
		['{{prénom}}', { name: 'prénom', path: ['prénom'], raw: false }],
		['{{{block}}}', { name: 'block', path: ['block'], raw: true }],
		['{{{ block | <b>none</b> }}}', { name: 'block', path: ['block'], default: '<b>none</b>', raw: true }],
		['{{a|x|y}}', { name: 'a', path: ['a'], default: 'x|y', raw: false }],
	])('%s', (source, expected) => {
		const { tokens, literals } = parseTemplate(source, 'template');
		expect(tokens).toHaveLength(1);
		expect(tokens[0]).toMatchObject(expected);
		expect(tokens[0].default).toBe((expected as { default?: string }).default);
		expect(literals).toEqual(['', '']);
	});
});

describe('parseTemplate: literals and positions', () => {
	it('alternates literals and tokens, with 1-based line:column of each token', () => {
		const parsed = parseTemplate('Hi {{a}},\n  {{{b}}}!}} {', 'text');
		expect(parsed.literals).toEqual(['Hi ', ',\n  ', '!}} {']);
		expect(parsed.tokens.map((t) => [t.name, t.line, t.column, t.offset, t.length])).toEqual([
			['a', 1, 4, 3, 5],
			['b', 2, 3, 12, 7],
		]);
		expect(parsed.field).toBe('text');
	});

	it('keeps text without tokens as one literal', () => {
		expect(parseTemplate('no variables } here }}', 'subject')).toEqual({
			field: 'subject',
			source: 'no variables } here }}',
			literals: ['no variables } here }}'],
			tokens: [],
		});
	});
});

describe('parseTemplate: malformed tokens', () => {
	it.each([
		['unclosed', 'Hello\n  {{name', 'Unclosed "{{" at line 2:3 in template', 2, 3],
		['unclosed before another token', '{{a {{b}}', 'Unclosed "{{" at line 1:1 in template', 1, 1],
		['unclosed raw', 'x {{{block}}', 'Unclosed "{{{" at line 1:3 in template', 1, 3],
		['empty', 'a {{}}', 'Empty variable {{}} at line 1:3 in template', 1, 3],
		['blank with default', '{{ |x}}', 'Empty variable {{ |x}} at line 1:1 in template', 1, 1],
		['space in name', '{{first name}}', '{{first name}} at line 1:1 in template is not a valid variable', 1, 1],
		['a section where only variables are read', '\n{{#if x}}', '{{#if x}} at line 2:1 in template: sections and partials are not available here', 2, 1],
		['a helper mailshit does not have', '{{uppercase name}}', '{{uppercase name}} at line 1:1 in template is not a valid variable', 1, 1],
		['empty path segment', '{{order..id}}', '{{order..id}} at line 1:1 in template is not a valid variable', 1, 1],
	])('%s', (_case, source, message, line, column) => {
		const error = thrownBy(() => parseTemplate(source, 'template'));
		expect(error).toBeInstanceOf(TemplateError);
		expect(error.message.startsWith(message)).toBe(true);
		expect([error.field, error.line, error.column]).toEqual(['template', line, column]);
	});
});

describe('parseTemplate: n8n expression syntax in a Fixed-mode parameter', () => {
	it.each([
		['{{ $json.name }}', 'write {{name}}'],
		['{{$json.order.id}}', 'write {{order.id}}'],
		['{{ $json["first name"] }}', 'write {{name}}'],
		['{{{ $json.html }}}', 'write {{{html}}}'],
		['{{ $now }}', 'write {{name}}'],
	])('%s explains Expression mode', (source, suggestion) => {
		const error = thrownBy(() => parseTemplate(source, 'subject'));
		expect(error).toBeInstanceOf(TemplateError);
		expect(error.message).toContain('is n8n expression syntax');
		expect(error.message).toContain('Switch the parameter to Expression mode');
		expect(error.message).toContain(suggestion);
		expect([error.field, error.line, error.column]).toEqual(['subject', 1, 1]);
	});
});

