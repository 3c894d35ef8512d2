import { createTemplateCache, TemplateError, type TemplateSpec } from '../../../nodes/MailshitSmtp/template';
import { MAX_TEMPLATES } from '../../../nodes/MailshitSmtp/template/templateCache';
import { mjmlDocument } from './fixtures';

const spec: TemplateSpec = { format: 'mjml', body: mjmlDocument('<mj-text>Hi {{name}}</mj-text>') };

describe('createTemplateCache: one compile per distinct template', () => {
	it('returns the same compiled template for the same spec', async () => {
		const cache = createTemplateCache();
		const first = await cache.get(spec);
		const second = await cache.get({ ...spec });
		expect(second).toBe(first);
		expect(cache.size).toBe(1);
		expect(first.stats.compiles).toBe(1);
	});

	it('shares one compile between concurrent requests', async () => {
		const cache = createTemplateCache();
		const compiled = await Promise.all([cache.get(spec), cache.get(spec), cache.get(spec)]);
		expect(new Set(compiled).size).toBe(1);
		await Promise.all(['Ada', 'Grace', 'Linus'].map((name) => compiled[0].render({ name })));
		expect(compiled[0].stats).toEqual({ compiles: 1, cachedRenders: 3, perItemRenders: 0, structures: 1 });
	});

	it.each<[string, TemplateSpec]>([
		['another body', { format: 'mjml', body: mjmlDocument('<mj-text>Bye {{name}}</mj-text>') }],
		['another format', { format: 'html', body: spec.body }],
		['a text template', { ...spec, textTemplate: 'Hi {{name}}' }],
		['other partials', { ...spec, partials: [{ name: 'p', content: 'x' }] }],
		['other URL schemes', { ...spec, urlSchemes: ['tel'] }],
	])('keeps %s apart', async (_case, other) => {
		const cache = createTemplateCache();
		const [a, b] = [await cache.get(spec), await cache.get(other)];
		expect(a).not.toBe(b);
		expect(cache.size).toBe(2);
	});

	it('treats a blank text template like none', async () => {
		const cache = createTemplateCache();
		expect(await cache.get({ ...spec, textTemplate: ' ' })).toBe(await cache.get(spec));
	});

	it('gives each cache (execution) its own compiles', async () => {
		const [a, b] = [await createTemplateCache().get(spec), await createTemplateCache().get(spec)];
		expect(a).not.toBe(b);
	});

	it('remembers a template that fails, without compiling it again', async () => {
		const cache = createTemplateCache();
		const broken: TemplateSpec = { format: 'mjml', body: '<mjml><mj-body><mj-text>x</mj-body></mjml>' };
		const first = cache.get(broken);
		await expect(first).rejects.toBeInstanceOf(TemplateError);
		expect(cache.get(broken)).toBe(first);
	});

	it(`is bounded: keeps the ${MAX_TEMPLATES} most recently used templates`, async () => {
		const cache = createTemplateCache();
		const specFor = (n: number): TemplateSpec => ({ format: 'text', body: `Template ${n}: {{name}}` });
		const first = await cache.get(specFor(0));
		for (let n = 1; n <= MAX_TEMPLATES; n++) await cache.get(specFor(n));
		expect(cache.size).toBe(MAX_TEMPLATES + 1);
		expect(cache.compiled).toHaveLength(MAX_TEMPLATES);
		// the oldest was dropped: asked again, it is compiled again
		const again = await cache.get(specFor(0));
		expect(again).not.toBe(first);
		expect(cache.size).toBe(MAX_TEMPLATES + 2);
		expect(await cache.get(specFor(0))).toBe(again);
	});

	it('builds the key of the same partials list once', async () => {
		const cache = createTemplateCache();
		const partials = [{ name: 'p', content: 'P' }];
		const a = await cache.get({ format: 'text', body: '{{> p}}', partials });
		expect(await cache.get({ format: 'text', body: '{{> p}}', partials: [...partials] })).toBe(a);
		expect(await cache.get({ format: 'text', body: '{{> p}}', partials })).toBe(a);
		expect((await a.render({})).text).toBe('P');
	});
});
