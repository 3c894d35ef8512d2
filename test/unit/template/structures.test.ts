/**
 * A template with sections is compiled once per distinct structure (list lengths, branches), in
 * a bounded cache, and every item is checked against its structure before anything is sent.
 */
import { compileTemplate, MAX_STRUCTURES, TemplateError } from '../../../nodes/MailshitSmtp/template';
import { mjmlDocument } from './fixtures';

const ORDER_MJML = mjmlDocument('<mj-text>Order {{id}}</mj-text>{{#each lines}}<mj-text>{{@number}}. {{title}}</mj-text>{{/each}}');
const orderWith = (count: number, id = 1) => ({ id, lines: Array.from({ length: count }, (_, i) => ({ title: `Item ${i}` })) });

describe('one compile per distinct structure', () => {
	it('200 orders of 1–10 lines: 10 structures, 10 compiles, every item filled', async () => {
		const template = await compileTemplate({ format: 'mjml', body: ORDER_MJML });
		expect(template.stats).toEqual({ compiles: 0, cachedRenders: 0, perItemRenders: 0, structures: 0 });
		for (let n = 0; n < 200; n++) {
			const rendered = await template.render(orderWith((n % 10) + 1, n));
			expect(rendered.text.split('\n')).toHaveLength((n % 10) + 2);
		}
		expect(template.stats).toEqual({ compiles: 10, cachedRenders: 200, perItemRenders: 0, structures: 10 });
	});

	it('items needing a new structure at once share its one compile', async () => {
		const template = await compileTemplate({ format: 'mjml', body: ORDER_MJML });
		await Promise.all([1, 2, 3, 4, 5].map((id) => template.render(orderWith(3, id))));
		expect(template.stats).toMatchObject({ compiles: 1, structures: 1, cachedRenders: 5 });
	});

	it(`keeps at most ${MAX_STRUCTURES} structures: one dropped and needed again is prepared again`, async () => {
		const template = await compileTemplate({ format: 'html', body: '{{#each lines}}<p>{{title}}</p>{{/each}}' });
		for (let count = 0; count <= MAX_STRUCTURES; count++) await template.render(orderWith(count));
		expect(template.stats.structures).toBe(MAX_STRUCTURES + 1);
		await template.render(orderWith(MAX_STRUCTURES)); // the most recent: still there
		expect(template.stats.structures).toBe(MAX_STRUCTURES + 1);
		await template.render(orderWith(0)); // the oldest: dropped
		expect(template.stats.structures).toBe(MAX_STRUCTURES + 2);
	});

	it('a list long enough to make megabytes of MJML is refused for that item, before MJML sees it', async () => {
		const template = await compileTemplate({ format: 'mjml', body: ORDER_MJML });
		const huge = { id: 1, lines: Array.from({ length: 100_000 }, () => ({ title: 'x' })) };
		await expect(template.check(huge)).rejects.toThrow('With its lists repeated the template is over 2 MB for this item');
		expect(template.stats.compiles).toBe(0);
	});

	it('an item with missing values compiles nothing', async () => {
		const template = await compileTemplate({ format: 'mjml', body: ORDER_MJML });
		await expect(template.check({ lines: [{}] })).rejects.toThrow('Missing variables: id, lines.0.title (line 1:');
		expect(template.stats.compiles).toBe(0);
	});
});

describe('check(): a structure MJML refuses fails its items in pass one, at the line written', () => {
	const body = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hi</mj-text>
{{#if vip}}
<mj-text colour="gold">VIP</mj-text>
{{/if}}
{{> footer}}
</mj-column></mj-section></mj-body></mjml>`;
	const partials = [{ name: 'footer', content: '{{#if legal}}\n<mj-text>x</mj-text>\n<mj-divider border-width="thick" />{{/if}}' }];

	it.each([
		['the branch of the template', { vip: true }, 'Invalid MJML: Line 4 (mj-text): Attribute colour is illegal'],
		['the branch of a partial', { legal: true }, 'Invalid MJML: Line 3 of partial "footer" (mj-divider): Attribute border-width has invalid value: thick'],
	])('%s', async (_case, values, message) => {
		const template = await compileTemplate({ format: 'mjml', body, partials });
		// the first item of a structure compiles it: check() says so, and the second asks nothing more
		await expect(template.check({})).resolves.toBe(true);
		await expect(template.check({})).resolves.toBe(false);
		const error = await template.check(values).then(
			() => undefined,
			(caught: unknown) => caught as TemplateError,
		);
		expect(error).toBeInstanceOf(TemplateError);
		expect(error?.message.startsWith(message)).toBe(true);
		expect(error?.field).toBe('template');
		// the same structure fails the same way, without being compiled again
		const compiles = template.stats.compiles;
		await expect(template.render(values)).rejects.toThrow(message);
		expect(template.stats.compiles).toBe(compiles);
	});
});
