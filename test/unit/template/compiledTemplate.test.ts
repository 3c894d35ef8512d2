import { compileTemplate, htmlToText, MissingVariablesError, TemplateError } from '../../../nodes/MailshitSmtp/template';
import { mjmlDocument, NEWSLETTER_MJML, NEWSLETTER_VALUES } from './fixtures';
import { referenceRender } from './referenceRender';

describe('compileTemplate: format', () => {
	it('refuses an unknown format (a Format expression gone wrong) naming the field', async () => {
		const error = await compileTemplate({ format: 'markdown' as 'text', body: 'x' }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(TemplateError);
		expect([(error as TemplateError).message, (error as TemplateError).field]).toEqual(['Unknown template format "markdown": use mjml, html or text', 'templateFormat']);
	});
});

describe('compileTemplate: format text', () => {
	it('fills the body as the text part, unescaped, with no html', async () => {
		const template = await compileTemplate({ format: 'text', body: 'Hi {{name}} & {{{x|<b>}}}' });
		expect(await template.render({ name: '<Ada>' })).toStrictEqual({ text: 'Hi <Ada> & <b>' });
		expect(template.mode).toBe('cached');
	});
});

describe('compileTemplate: format html', () => {
	it('escapes values in the html and derives the text part from it', async () => {
		const template = await compileTemplate({
			format: 'html',
			body: '<h1>Hi {{name}}</h1><p>{{{intro}}}</p><p><a href="{{url}}">Open</a></p>',
		});
		expect(await template.render({ name: 'Ada & "Co"', intro: 'Line <b>one</b>', url: 'https://x.io/?a=1&b=2' })).toStrictEqual({
			html: '<h1>Hi Ada &amp; &quot;Co&quot;</h1><p>Line <b>one</b></p><p><a href="https://x.io/?a=1&amp;b=2">Open</a></p>',
			text: 'Hi Ada & "Co"\n\nLine one\n\nOpen [https://x.io/?a=1&b=2]',
		});
		expect(template.stats).toEqual({ compiles: 0, cachedRenders: 1, perItemRenders: 0, structures: 1 });
	});

	it('collapses whitespace of a value in the derived text as the HTML shows it', async () => {
		const template = await compileTemplate({ format: 'html', body: '<p>Address: {{address}}</p>' });
		expect((await template.render({ address: '1 Main St\n  Springfield' })).text).toBe('Address: 1 Main St Springfield');
	});
});

describe('compileTemplate: text template', () => {
	it.each([
		['mjml', mjmlDocument('<mj-text>Hello {{name}}</mj-text>')],
		['html', '<p>Hello {{name}}</p>'],
	] as const)('replaces the derived text for %s', async (format, body) => {
		const template = await compileTemplate({ format, body, textTemplate: 'Plain hello {{name}}, order {{order.id|n/a}}' });
		const rendered = await template.render({ name: 'A&B' });
		expect(rendered.text).toBe('Plain hello A&B, order n/a');
		expect(rendered.html).toContain('Hello A&amp;B');
		expect(template.variables).toStrictEqual([
			{ name: 'name', required: true, raw: false },
			{ name: 'order.id', required: false, default: 'n/a', raw: false },
		]);
	});

	it('treats a blank text template as absent', async () => {
		const template = await compileTemplate({ format: 'html', body: '<p>Hi {{name}}</p>', textTemplate: '  \n' });
		expect((await template.render({ name: 'Ada' })).text).toBe('Hi Ada');
	});
});

describe('compileTemplate: missing variables', () => {
	it.each([
		['body only', { name: 'Ada' }, ['order.id'], 'template'],
		['text only', { order: { id: 1 } }, ['name'], 'textTemplate'],
		['both, body first', {}, ['order.id', 'name'], 'template'],
	])('%s', async (_case, values, names, field) => {
		const template = await compileTemplate({ format: 'html', body: '<p>{{order.id}}</p>', textTemplate: 'Hi {{name}} {{order.id}}' });
		const error = await template.render(values).then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(MissingVariablesError);
		expect((error as MissingVariablesError).variables).toEqual(names);
		expect((error as MissingVariablesError).field).toBe(field);
	});
});

describe('compileTemplate: format mjml', () => {
	it('compiles the newsletter once and fills every item from it', async () => {
		const template = await compileTemplate({ format: 'mjml', body: NEWSLETTER_MJML });
		expect(template.mode).toBe('cached');
		expect(template.variables.map((variable) => variable.name)).toEqual(['order.id', 'first_name', 'tracking_url', 'order.total', 'unsubscribe_url']);
		for (const name of ['Ada', 'Grace', 'Linus']) {
			const rendered = await template.render({ ...NEWSLETTER_VALUES, first_name: name });
			expect(rendered.html).toContain(`Good news, ${name}!`);
			expect(rendered.text.startsWith(`Good news, ${name}!\nYour order #A-1042 left our warehouse today.`)).toBe(true);
		}
		expect(template.stats).toEqual({ compiles: 1, cachedRenders: 3, perItemRenders: 0, structures: 1 });
	});

	it('derives the newsletter text part', async () => {
		const template = await compileTemplate({ format: 'mjml', body: NEWSLETTER_MJML });
		expect((await template.render(NEWSLETTER_VALUES)).text).toBe(
			[
				'Good news, Ada!',
				'Your order #A-1042 left our warehouse today. You can follow the parcel with the button below; the tracking page updates a few times a day.',
				'Track my parcel [https://track.example.com/?id=A-1042&lang=en]',
				'',
				'Order summary',
				'Order',
				'#A-1042',
				'Total',
				'€ 59.90',
				'Shipping',
				'Free',
				'',
				'Questions? Reply to this email or visit our help centre [https://shop.example.com/help].',
				'',
				'Facebook [https://facebook.com/example]',
				'',
				'Instagram [https://instagram.com/example]',
				'',
				'Example Shop, 1 Example Street, Springfield',
				'Unsubscribe [https://shop.example.com/unsubscribe?u=ada%40example.com&sig=abc] · Preferences [https://shop.example.com/preferences]',
				'',
				'You receive this email because you ordered at Example Shop.',
			].join('\n'),
		);
	});

	it('converts a raw value\'s HTML to text in the derived text part', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text>Intro: {{{intro}}}</mj-text>') });
		const rendered = await template.render({ intro: '<b>Big</b> &amp; <i>bold</i>' });
		expect(rendered.text).toBe('Intro: Big & bold');
		expect(rendered.html).toContain('>Intro: <b>Big</b> &amp; <i>bold</i></div>');
	});

	it.each([
		['mj-section', '<mjml><mj-body><mj-section>\n  {{name}}<mj-column></mj-column></mj-section></mj-body></mjml>', 2, 3],
		['mj-body', '<mjml><mj-body>{{ name }}</mj-body></mjml>', 1, 16],
	])('refuses an escaped variable between <%s> tags, where it could never show', async (tag, body, line, column) => {
		const error = await compileTemplate({ format: 'mjml', body }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(TemplateError);
		expect((error as TemplateError).message).toBe(
			`{{name}} at line ${line}:${column} sits between <${tag}> tags where MJML drops text; move it inside <mj-text>, or use {{{name}}} if the value is MJML markup`,
		);
		expect([(error as TemplateError).line, (error as TemplateError).column]).toEqual([line, column]);
	});

	it('reports an MJML error that does not depend on values once, at preparation', async () => {
		const error = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-image width="{{w}}px" src="a.png" />\n<mj-text colour="red">x</mj-text>') }).catch(
			(caught: unknown) => caught,
		);
		expect((error as TemplateError).message).toBe('Invalid MJML: Line 2 (mj-text): Attribute colour is illegal');
	});

	it('reports an MJML error caused by one item\'s value for that item, at its line in the template', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text>Hi</mj-text>\n<mj-image width="{{w}}" src="a.png" />') });
		expect(template.mode).toBe('per-item');
		await expect(template.render({ w: 'wide' })).rejects.toThrow(
			new TemplateError('Invalid MJML: Line 2 (mj-image): Attribute width has invalid value: wide for type Unit, only accepts (px) units and 1 value(s)', 'template'),
		);
		expect((await template.render({ w: '300px' })).html).toContain('width="300"');
	});

	it('renders mj-raw written inside mj-text as mjml does, instead of calling it unclosed', async () => {
		const body = mjmlDocument('<mj-text>Hello <mj-raw>world</mj-raw></mj-text>');
		const template = await compileTemplate({ format: 'mjml', body });
		const rendered = await template.render({});
		expect(rendered.html).toBe(await referenceRender(body, {}));
		expect(rendered.html).toContain('>Hello <mj-raw>world</mj-raw></div>');
	});

	it('is not confused by template text that looks like a placeholder', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text>mshv0x mshv1x {{a}}</mj-text>') });
		const rendered = await template.render({ a: 'A' });
		expect(rendered.html).toContain('>mshv0x mshv1x A</div>');
		expect(rendered.text).toBe('mshv0x mshv1x A');
	});

	it('derives the text part of a per-item template from each item\'s HTML', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text padding="{{p}}">Hi {{name}}</mj-text>') });
		const rendered = await template.render({ p: '4px', name: 'Ada' });
		expect(template.mode).toBe('per-item');
		expect(rendered.text).toBe('Hi Ada');
		expect(rendered.text).toBe(htmlToText(rendered.html ?? ''));
	});
});

describe('the derived text part prints a link whose text is its URL once', () => {
	it.each([
		['mjml', mjmlDocument('<mj-text>Or open <a href="{{url}}">{{url}}</a></mj-text>')],
		['html', '<p>Or open <a href="{{url}}">{{url}}</a></p>'],
	] as const)('%s, on the cached path', async (format, body) => {
		const template = await compileTemplate({ format, body });
		const rendered = await template.render({ url: 'https://example.com/c/42' });
		expect(rendered.text).toBe('Or open https://example.com/c/42');
		expect(rendered.text).toBe(htmlToText(rendered.html ?? ''));
		expect(template.stats.cachedRenders).toBe(1);
	});

	it('and keeps "text [url]" when they differ, for the same template', async () => {
		const template = await compileTemplate({ format: 'html', body: '<p>Or open <a href="{{url}}">{{label}}</a></p>' });
		expect((await template.render({ url: 'https://example.com/c/42', label: 'your cart' })).text).toBe('Or open your cart [https://example.com/c/42]');
		expect((await template.render({ url: 'https://example.com/c/42', label: 'https://example.com/c/42' })).text).toBe('Or open https://example.com/c/42');
	});
});

describe('check(): what render() would throw, without rendering what cannot fail', () => {
	const perItem = mjmlDocument('<mj-image width="{{w}}" src="https://example.com/a.png" />');

	it('per-item MJML: a value MJML rejects fails check() as it fails render(); a good one says it was compiled', async () => {
		const template = await compileTemplate({ format: 'mjml', body: perItem });
		expect(template.mode).toBe('per-item');
		await expect(template.check({ w: '100px' })).resolves.toBe(true);
		await expect(template.check({ w: 'wide' })).rejects.toThrow('Attribute width has invalid value: wide');
		await expect(template.render({ w: 'wide' })).rejects.toThrow('Attribute width has invalid value: wide');
	});

	it('cached MJML: no compile for an ordinary value; missing variables fail', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text>Hi {{name}}</mj-text>') });
		const compiles = template.stats.compiles;
		await expect(template.check({ name: 'Ada' })).resolves.toBe(false);
		expect(template.stats.compiles).toBe(compiles);
		await expect(template.check({})).rejects.toThrow('Missing variable: name');
	});
});
