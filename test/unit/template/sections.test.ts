/**
 * Sections: {{#each}}, {{#if}}, {{#unless}}, {{else}}, loop variables and scopes, as a user writes
 * them; filled as text so the expected output reads plainly.
 */
import {
	fillProgram,
	isTruthy,
	MissingVariablesError,
	parseProgram,
	TemplateError,
	TemplateValueError,
} from '../../../nodes/MailshitSmtp/template';
import { thrownBy } from './fixtures';

function fill(source: string, values: Record<string, unknown>): string {
	return fillProgram(parseProgram(source, 'template'), values, 'text');
}


const order = {
	customer: { name: 'Ada' },
	currency: 'EUR',
	order: {
		id: 'A-17',
		items: [
			{ title: 'Book', qty: 1, options: ['signed'] },
			{ title: 'Pen', qty: 3, options: [] },
			{ title: 'Ink', qty: 2, options: ['blue', 'black'] },
		],
	},
	tags: ['new', 'gift'],
};

describe('{{#each}}: one repetition per element', () => {
	it.each([
		['element fields', '{{#each order.items}}{{title}} x{{qty}}; {{/each}}', 'Book x1; Pen x3; Ink x2; '],
		['{{this}} for a list of plain values', '{{#each tags}}[{{this}}]{{/each}}', '[new][gift]'],
		['{{@index}} from 0 and {{@number}} from 1', '{{#each tags}}{{@index}}/{{@number}} {{/each}}', '0/1 1/2 '],
		['{{@first}} and {{@last}} as values', '{{#each tags}}{{@first}}-{{@last}} {{/each}}', 'true-false false-true '],
		['{{@first}} and {{@last}} as conditions', '{{#each tags}}{{#unless @first}}, {{/unless}}{{this}}{{#if @last}}.{{/if}}{{/each}}', 'new, gift.'],
		['the item through {{@root.name}}', '{{#each tags}}{{this}} for {{@root.customer.name}} {{/each}}', 'new for Ada gift for Ada '],
		['one list out through {{../name}}', '{{#each order.items}}{{#each options}}{{../title}}:{{this}} {{/each}}{{/each}}', 'Book:signed Ink:blue Ink:black '],
		['two lists out through {{../../name}}', '{{#each order.items}}{{#each options}}{{../../order.id}} {{/each}}{{/each}}', 'A-17 A-17 A-17 '],
		['the loop variables of the innermost list', '{{#each order.items}}{{#each options}}{{@index}}{{/each}}|{{/each}}', '0||01|'],
		['{{else}} for an empty list', '{{#each order.items.1.options}}{{this}}{{else}}no options{{/each}}', 'no options'],
		['a list of one', '{{#each order.items.0.options}}{{this}}{{#if @first}}!{{/if}}{{#if @last}}?{{/if}}{{/each}}', 'signed!?'],
		['defaults inside a list', '{{#each order.items}}{{note|-}}{{/each}}', '---'],
		['a numbered path still reaches one element', '{{order.items.1.title}}', 'Pen'],
	])('%s', (_case, source, expected) => {
		expect(fill(source, order)).toBe(expected);
	});
});

describe('{{#if}} and {{#unless}}: truthiness', () => {
	it.each<[string, unknown, boolean]>([
		['missing', undefined, false],
		['null', null, false],
		['false', false, false],
		['0', 0, false],
		['NaN', Number.NaN, false],
		['""', '', false],
		['an empty list', [], false],
		['an empty object', {}, false],
		['true', true, true],
		['1', 1, true],
		['-1', -1, true],
		['"0" (text someone wrote)', '0', true],
		['"false" (text someone wrote)', 'false', true],
		['" " (a space)', ' ', true],
		['a list with an element', [0], true],
		['an object with a key', { a: null }, true],
		['a date', new Date(0), true],
	])('%s is %s', (_case, value, truthy) => {
		expect(isTruthy(value)).toBe(truthy);
		const values = value === undefined ? {} : { flag: value };
		expect(fill('{{#if flag}}yes{{else}}no{{/if}}', values)).toBe(truthy ? 'yes' : 'no');
		expect(fill('{{#unless flag}}yes{{else}}no{{/unless}}', values)).toBe(truthy ? 'no' : 'yes');
	});

	it('reads element fields inside a list and nests', () => {
		const source = '{{#each order.items}}{{#if options}}{{title}} ({{#each options}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}){{else}}{{title}}{{/if}}; {{/each}}';
		expect(fill(source, order)).toBe('Book (signed); Pen; Ink (blue, black); ');
	});

	it('needs no value for a missing condition, and none for variables in a branch not taken', () => {
		expect(fill('{{#if vip}}Dear VIP {{vip_name}}{{else}}Hello{{/if}}', {})).toBe('Hello');
	});
});

describe('missing values inside sections', () => {
	it('names the element and where the tag is, all at once', () => {
		const error = thrownBy(() => fill('{{#each order.items}}\n  {{sku}} {{title}}{{/each}} {{shipping}}', order));
		expect(error).toBeInstanceOf(MissingVariablesError);
		expect((error as MissingVariablesError).variables).toEqual(['order.items.0.sku', 'order.items.1.sku', 'order.items.2.sku', 'shipping']);
		expect(error.message).toBe('Missing variables: order.items.0.sku (line 2:3), order.items.1.sku (line 2:3), order.items.2.sku (line 2:3), shipping');
	});

	it('does not fall back from the element to the item: {{@root.name}} says which one', () => {
		const error = thrownBy(() => fill('{{#each tags}}{{currency}}{{/each}}', order));
		expect((error as MissingVariablesError).variables).toEqual(['tags.0.currency', 'tags.1.currency']);
		expect(fill('{{#each tags}}{{@root.currency}}{{/each}}', order)).toBe('EUREUR');
	});

	it('a missing list is a missing variable, with the advice to test it first', () => {
		const error = thrownBy(() => fill('Lines:\n{{#each order.lines}}{{title}}{{/each}}', order));
		expect((error as MissingVariablesError).variables).toEqual(['order.lines']);
		expect(error.message).toBe('Missing variable: order.lines (the list of {{#each order.lines}} at line 2:1; wrap it in {{#if order.lines}} … {{/if}} if it may be absent)');
		expect(fill('{{#if order.lines}}{{#each order.lines}}{{title}}{{/each}}{{else}}none{{/if}}', order)).toBe('none');
	});
});

describe('values a section cannot use', () => {
	it.each([
		['an object', { order: { items: { a: 1 } } }, '{{#each order.items}} at line 1:4 in template needs a list, but order.items is an object: point it at a list inside (e.g. order.items.items), or use {{#if order.items}} to test it'],
		['text', { order: { items: 'Book, Pen' } }, '{{#each order.items}} at line 1:4 in template needs a list, but order.items is the text "Book, Pen"'],
		['a number', { order: { items: 3 } }, '{{#each order.items}} at line 1:4 in template needs a list, but order.items is the value "3"'],
	])('{{#each}} over %s: an error naming the field and the line', (_case, values, message) => {
		const error = thrownBy(() => fill('Hi {{#each order.items}}x{{/each}}', values));
		expect(error).toBeInstanceOf(TemplateValueError);
		expect(error.message).toBe(message);
		expect([error.field, error.line, error.column]).toEqual(['order.items', 1, 4]);
	});
});

describe('mistakes of shape: refused when the template is parsed, with line and column', () => {
	it.each([
		['an unclosed {{#each}}', 'A\n  {{#each items}}x', '{{#each items}} opened at line 2:3 in template is never closed: add {{/each}} where it ends', 2, 3],
		['an unclosed {{#if}} inside a list', '{{#each items}}{{#if x}}y{{/each}}', '{{#if x}} opened at line 1:16 in template is closed by {{/each}} at line 1:26: close it with {{/if}}', 1, 16],
		['{{/if}} without an opener', 'x\n{{/if}}', '{{/if}} at line 2:1 in template closes no section: remove it, or add {{#if …}} before it', 2, 1],
		['{{else}} outside a section', 'a {{else}} b', '{{else}} at line 1:3 in template is outside any section', 1, 3],
		['a second {{else}}', '{{#if a}}1{{else}}2{{else}}3{{/if}}', '{{else}} at line 1:20 in template is a second {{else}} for {{#if a}} (line 1:1): a section has at most one', 1, 20],
		['{{else if}}', '{{#if a}}1{{else if b}}2{{/if}}', '{{else if b}} at line 1:11 in template is not supported: write {{else}} and put an {{#if}} … {{/if}} inside it', 1, 11],
		['an unknown section', '{{#with order}}x{{/with}}', '{{#with order}} at line 1:1 in template is not a known section', 1, 1],
		['a section without a name', '{{#each}}x{{/each}}', '{{#each}} at line 1:1 in template needs one variable name after #each', 1, 1],
		['a section with a default', '{{#if vip|no}}x{{/if}}', '{{#if vip|no}} at line 1:1 in template needs one variable name after #if', 1, 1],
		['three braces', '{{{#each items}}}x{{/each}}', '{{{#each items}}} at line 1:1 in template has three braces', 1, 1],
		['extra words after the closing tag', '{{#if a}}x{{/if a}}', '{{/if a}} at line 1:11 in template closes a section with extra words: write {{/if}}', 1, 11],
		['{{@index}} outside a list', 'Line {{@index}}', '{{@index}} at line 1:6 in template is a loop variable: use it inside {{#each list}} … {{/each}}', 1, 6],
		['{{@first}} in the {{else}} part of a list', '{{#each a}}x{{else}}{{@first}}{{/each}}', '{{@first}} at line 1:21 in template is a loop variable', 1, 21],
		['{{../x}} outside a list', '{{../name}}', '{{../name}} at line 1:1 in template goes up 1 level with "../", but there is no enclosing {{#each}}; {{@root.name}} reads the item', 1, 1],
		['{{../../x}} in one list', '{{#each a}}{{../../name}}{{/each}}', '{{../../name}} at line 1:12 in template goes up 2 levels with "../", but there is only 1 enclosing {{#each}}', 1, 12],
	])('%s', (_case, source, message, line, column) => {
		const error = thrownBy(() => parseProgram(source, 'template'));
		expect(error).toBeInstanceOf(TemplateError);
		expect(error.message.startsWith(message)).toBe(true);
		expect([error.field, error.line, error.column]).toEqual(['template', line, column]);
	});

	it('refuses sections nested beyond the limit, before any item is filled', () => {
		const deep = '{{#if a}}'.repeat(101) + '{{/if}}'.repeat(101);
		expect(() => parseProgram(deep, 'template')).toThrow('sections may nest at most 100 deep');
	});

	it('reads {{else}} as the section keyword, never as a variable', () => {
		expect(() => parseProgram('{{else}}', 'subject')).toThrow('{{else}} at line 1:1 in subject is outside any section');
	});
});

describe('sections in the subject and other one-line templates', () => {
	it('works the same in a header', () => {
		expect(fillProgram(parseProgram('{{#if vip}}VIP: {{/if}}Order {{order.id}} ({{order.items.length}} items)', '_subject'), { ...order, vip: true }, 'header')).toBe('VIP: Order A-17 (3 items)');
	});
});
