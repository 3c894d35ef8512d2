import {
	fillVariables,
	MissingVariablesError,
	parseTemplate,
	type FillMode,
} from '../../../nodes/MailshitSmtp/template';

const values = {
	name: 'Ada <Lovelace> & "Co" \'s',
	html: '<b>bold</b>',
	order: { id: 7, total: 12.5 },
	tags: ['vip', 'beta'],
	empty: '',
	nothing: null,
	injected: '{{name}}',
	multiline: 'one\r\ntwo',
};

function fill(source: string, mode: FillMode): string {
	return fillVariables(parseTemplate(source, 'template'), values, mode);
}

describe('fillVariables: html mode escapes values, raw does not', () => {
	it.each([
		['Hi {{name}}', 'Hi Ada &lt;Lovelace&gt; &amp; &quot;Co&quot; &#39;s'],
		['<a title="{{name}}">', '<a title="Ada &lt;Lovelace&gt; &amp; &quot;Co&quot; &#39;s">'],
		['{{html}} / {{{html}}}', '&lt;b&gt;bold&lt;/b&gt; / <b>bold</b>'],
		['#{{order.id}}: {{order.total}}', '#7: 12.5'],
		['{{tags}}', 'vip, beta'],
		['{{order}}', '{&quot;id&quot;:7,&quot;total&quot;:12.5}'],
		['{{missing|A & B}}', 'A &amp; B'],
		['{{{missing|<i>x</i>}}}', '<i>x</i>'],
	])('%s', (source, expected) => {
		expect(fill(source, 'html')).toBe(expected);
	});
});

describe('fillVariables: text mode inserts values as they are', () => {
	it.each([
		['Hi {{name}}', 'Hi Ada <Lovelace> & "Co" \'s'],
		['{{{html}}}', '<b>bold</b>'],
		['{{multiline}}', 'one\r\ntwo'],
	])('%s', (source, expected) => {
		expect(fill(source, 'text')).toBe(expected);
	});
});

describe('fillVariables: header mode removes line breaks from the result', () => {
	it.each([
		['Re: {{multiline}}', 'Re: one two'],
		['Order {{order.id}}\nBcc: x@y', 'Order 7 Bcc: x@y'],
		['{{name}}', 'Ada <Lovelace> & "Co" \'s'],
	])('%j', (source, expected) => {
		expect(fill(source, 'header')).toBe(expected);
	});
});

describe('fillVariables: defaults and missing values', () => {
	it.each([
		['{{empty|Guest}}', 'Guest'],
		['{{nothing|Guest}}', 'Guest'],
		['{{missing|Guest}}', 'Guest'],
		['[{{empty|}}]', '[]'],
		['{{missing.deep|}}', ''],
		['{{name|Guest}}', 'Ada <Lovelace> & "Co" \'s'],
	])('%s', (source, expected) => {
		expect(fill(source, 'text')).toBe(expected);
	});

	it('reports every missing required variable at once, each name once, in order', () => {
		let error: unknown;
		try {
			fill('{{a}} {{empty}} {{a}} {{order.missing}} {{nothing}} {{name}} {{b|ok}}', 'html');
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(MissingVariablesError);
		const missing = error as MissingVariablesError;
		expect(missing.message).toBe('Missing variables: a, empty, order.missing, nothing');
		expect(missing.variables).toEqual(['a', 'empty', 'order.missing', 'nothing']);
		expect(missing.field).toBe('template');
	});
});

describe('fillVariables: a value is never expanded again', () => {
	it.each<[FillMode, string]>([
		['html', 'x {{name}} y'],
		['text', 'x {{name}} y'],
		['header', 'x {{name}} y'],
	])('%s', (mode, expected) => {
		expect(fill('x {{injected}} y', mode)).toBe(expected);
	});
});
