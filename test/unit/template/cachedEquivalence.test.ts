/**
 * The cached path (compile once with placeholders, fill per item) must give exactly the email
 * that filling the MJML and compiling it would. Each template here is checked against
 * referenceRender for values chosen to hit what MJML treats specially.
 */
import { compileTemplate, type CompiledTemplate } from '../../../nodes/MailshitSmtp/template';
import { CACHED_TEMPLATES, mjmlDocument, NEWSLETTER_MJML, NEWSLETTER_VALUES, PER_ITEM_TEMPLATES } from './fixtures';
import { referenceRender, withoutRandomIds } from './referenceRender';

const TRICKY_VALUES = [
	'Ada',
	'x & y <script>alert(1)</script>',
	`"double" and 'single' quotes`,
	'https://ex.com/?a=1&b=2#frag',
	'émoji 🎉 中文 עברית',
	'{{other}} stays literal',
	' padded ',
	'',
	'true',
	'false',
	'a  b\n\tc',
	'$& $1',
	'font-family: Lato',
];

async function expectSameAsReference(template: CompiledTemplate, mjml: string, values: Record<string, unknown>): Promise<void> {
	const reference = await referenceRender(mjml, values).then(withoutRandomIds, (error: Error) => `error: ${error.message}`);
	const rendered = await template.render(values).then(
		(email) => withoutRandomIds(email.html ?? ''),
		(error: Error) => `error: ${error.message}`,
	);
	if (reference.startsWith('error:')) {
		expect(rendered.startsWith('error:')).toBe(true);
	} else {
		expect(rendered).toBe(reference);
	}
}

describe('cached path equals fill-then-compile', () => {
	describe.each(CACHED_TEMPLATES)('%s', (_name, mjml) => {
		let template: CompiledTemplate;
		beforeAll(async () => {
			template = await compileTemplate({ format: 'mjml', body: mjml });
		});

		it('is served from one compile', () => {
			expect([template.mode, template.perItemReason]).toEqual(['cached', undefined]);
		});

		it.each(TRICKY_VALUES)('value %j', async (value) => {
			await expectSameAsReference(template, mjml, { v: value });
		});
	});
});

describe('templates the cached path cannot serve are compiled per item, correctly', () => {
	describe.each(PER_ITEM_TEMPLATES)('%s', (_name, mjml, reason) => {
		let template: CompiledTemplate;
		beforeAll(async () => {
			template = await compileTemplate({ format: 'mjml', body: mjml });
		});

		it('takes the per-item path and says why', () => {
			expect(template.mode).toBe('per-item');
			expect(template.perItemReason).toContain(reason);
		});

		it.each(['Ada', '12px', 'two words', '<mj-text>injected</mj-text>', 'x & "y"'])('value %j', async (value) => {
			await expectSameAsReference(template, mjml, { v: value });
		});
	});
});

describe('values MJML would treat specially send only that item down the per-item path', () => {
	const mjml = mjmlDocument('<mj-text>{{v|}}</mj-text><mj-button href="{{href|https://x.io}}">Go</mj-button><mj-text>{{{html|}}}</mj-text>');
	it.each([
		['ordinary values', { v: 'Ada', html: '<b>hi</b><br/>' }, 'cached'],
		['leading space at the edge of mj-text (MJML trims it)', { v: ' Ada' }, 'per-item'],
		['empty content', { v: '' }, 'per-item'],
		['"false" as a whole attribute (MJML reads a boolean)', { v: 'x', href: 'false' }, 'per-item'],
		['raw value that closes the component (refused as malformed, like fill-then-compile)', { v: 'x', html: '</mj-text><mj-image src="a.png" />' }, 'per-item'],
		['raw value opening a comment', { v: 'x', html: 'a <!-- b' }, 'per-item'],
		['raw value with an unfinished tag', { v: 'x', html: '<a href="x' }, 'per-item'],
	])('%s', async (_case, values, path) => {
		const template = await compileTemplate({ format: 'mjml', body: mjml });
		await expectSameAsReference(template, mjml, values);
		// A second compile (after the one at preparation) is the per-item path, whether it renders or is refused.
		const { compiles, cachedRenders } = template.stats;
		expect(compiles > 1 ? 'per-item' : cachedRenders === 1 ? 'cached' : 'none').toBe(path);
	});
});

describe('per-item compiles are shared by identical items', () => {
	it('compiles each distinct filled source once', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text padding="{{p}}">x</mj-text>') });
		const sizes = ['10px', '20px', '10px', '10px', '20px'];
		const htmls = await Promise.all(sizes.map((p) => template.render({ p }).then((email) => email.html)));
		expect(htmls[0]).toBe(htmls[2]);
		expect(htmls[0]).not.toBe(htmls[1]);
		// 1 at preparation + one per distinct value.
		expect(template.stats).toEqual({ compiles: 3, cachedRenders: 0, perItemRenders: 5, structures: 1 });
	});
});

describe('the newsletter', () => {
	it.each([
		['realistic values', NEWSLETTER_VALUES],
		['hostile values', { first_name: '<img src=x onerror=alert(1)>', order: { id: '"><script>', total: '& 10 €' }, tracking_url: "javascript:alert('x')", unsubscribe_url: 'x" onclick="y' }],
	])('%s', async (_case, values) => {
		const template = await compileTemplate({ format: 'mjml', body: NEWSLETTER_MJML });
		await expectSameAsReference(template, NEWSLETTER_MJML, values);
		expect(template.stats.perItemRenders).toBe(0);
	});
});

describe('templates with sections: each structure compiled once, filled per item, equals fill-then-compile', () => {
	const ROW_PARTIAL = { name: 'row', content: '<tr><td>{{@number}}</td><td>{{title}}</td><td style="text-align:right">{{price|}}</td></tr>' };
	const SECTIONED_TEMPLATES: Array<[string, string]> = [
		[
			'a list of MJML sections, with loop variables and a link per element',
			`<mjml><mj-body>{{#each lines}}<mj-section padding="{{#if @first}}20px{{else}}0{{/if}} 0"><mj-column><mj-text>{{@number}}. {{title}}{{#if @last}} (last){{/if}}</mj-text><mj-button href="https://shop.example.com/p?id={{sku}}">View {{title}}</mj-button></mj-column></mj-section>{{else}}<mj-section><mj-column><mj-text>No lines</mj-text></mj-column></mj-section>{{/each}}</mj-body></mjml>`,
		],
		['table rows from a partial', mjmlDocument('<mj-table>{{#each lines}}{{> row}}{{/each}}</mj-table><mj-text>Total {{total|}}</mj-text>')],
		['list items inside mj-text', mjmlDocument('<mj-text><ul>{{#each lines}}<li>{{title}}{{#unless @last}},{{/unless}}</li>{{/each}}</ul></mj-text>')],
		[
			'columns repeated inside one section',
			'<mjml><mj-body><mj-section>{{#each lines}}<mj-column><mj-image src="https://cdn.example.com/{{sku}}.png" alt="{{title}}" /><mj-text>{{title}}</mj-text></mj-column>{{/each}}</mj-section></mj-body></mjml>',
		],
		[
			'a branch that changes a typed attribute and the blocks shown',
			`<mjml><mj-body><mj-section background-color="{{#if vip}}#ffd700{{else}}#ffffff{{/if}}"><mj-column>{{#if vip}}<mj-text font-weight="bold">VIP {{title}}</mj-text>{{else}}<mj-text>{{title}}</mj-text>{{/if}}{{#unless lines}}<mj-text>empty</mj-text>{{/unless}}</mj-column></mj-section></mj-body></mjml>`,
		],
	];

	const titles = ['Ada', 'x & y <b>z</b>', ' padded ', '', 'true', '$& $1', `a&b=c"d<e>'f#g`, 'émoji 🎉'];
	const lines = (count: number, offset: number) =>
		Array.from({ length: count }, (_, i) => ({ title: titles[(offset + i) % titles.length] || 'x', sku: titles[(offset + i + 3) % titles.length] || 'none', price: `${i}.90` }));
	const ITEMS = [0, 1, 2, 3, 2, 1, 3, 0, 2].map((count, n) => ({ lines: lines(count, n), vip: n % 2 === 0, title: titles[n % titles.length] || 'x', total: `€ ${n}` }));

	describe.each(SECTIONED_TEMPLATES)('%s', (_name, mjml) => {
		let template: CompiledTemplate;
		beforeAll(async () => {
			template = await compileTemplate({ format: 'mjml', body: mjml, partials: [ROW_PARTIAL] });
		});

		it.each(ITEMS.map((values, n) => [n, values] as const))('item %i', async (_n, values) => {
			const reference = await referenceRender(mjml, values, [ROW_PARTIAL]).then(withoutRandomIds, (error: Error) => `error: ${error.message}`);
			const rendered = await template.render(values).then(
				(email) => withoutRandomIds(email.html ?? ''),
				(error: Error) => `error: ${error.message}`,
			);
			if (reference.startsWith('error:')) expect(rendered.startsWith('error:')).toBe(true);
			else expect(rendered).toBe(reference);
		});

		it('compiled at most once per distinct structure, plus items whose values need their own compile', () => {
			const { compiles, structures, perItemRenders, cachedRenders } = template.stats;
			expect(template.sectioned).toBe(true);
			expect(structures).toBeLessThanOrEqual(new Set(ITEMS.map((item) => `${item.lines.length}/${item.vip}`)).size);
			expect(compiles).toBeLessThanOrEqual(structures + perItemRenders);
			expect(cachedRenders + perItemRenders).toBe(ITEMS.length);
			expect(cachedRenders).toBeGreaterThan(0);
		});
	});
});
