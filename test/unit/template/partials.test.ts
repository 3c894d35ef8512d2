/**
 * Partials: named snippets from the node, inserted with {{> name}} before MJML sees the template.
 */
import {
	compileTemplate,
	fillProgram,
	MAX_PARTIAL_DEPTH,
	parseProgram,
	PartialLibrary,
	type PartialDefinition,
} from '../../../nodes/MailshitSmtp/template';
import { mjmlDocument, thrownBy } from './fixtures';

function fill(source: string, partials: PartialDefinition[], values: Record<string, unknown> = {}): string {
	return fillProgram(parseProgram(source, 'template', new PartialLibrary(partials)), values, 'text');
}


describe('{{> name}} inserts the partial, with variables', () => {
	const partials = [
		{ name: 'greeting', content: 'Hello {{name|friend}}' },
		{ name: 'row', content: '{{@number}}. {{title}}{{#unless @last}}, {{/unless}}' },
		{ name: 'layout/footer', content: '-- {{> signature}}' },
		{ name: 'signature', content: '{{@root.shop|The shop}}' },
	];

	it.each([
		['at the top, reading the item', '{{> greeting}}!', { name: 'Ada' }, 'Hello Ada!'],
		['a default inside the partial', '{{> greeting}}', {}, 'Hello friend'],
		['inside a list, reading the element and the loop', '{{#each items}}{{> row}}{{/each}}', { items: [{ title: 'Book' }, { title: 'Pen' }] }, '1. Book, 2. Pen'],
		['a partial using a partial, reaching the item with @root', '{{> layout/footer}}', { shop: 'Example Shop' }, '-- Example Shop'],
		['with spaces around the name', '{{>   greeting  }}', { name: 'Ada' }, 'Hello Ada'],
		['the same partial twice', '{{> greeting}} / {{> greeting}}', { name: 'Ada' }, 'Hello Ada / Hello Ada'],
	])('%s', (_case, source, values, expected) => {
		expect(fill(source, partials, values)).toBe(expected);
	});
});

describe('partial mistakes are clear errors when the template is parsed', () => {
	it('an unknown partial names the ones there are', () => {
		const error = thrownBy(() => fill('x\n  {{> footr}}', [{ name: 'footer', content: '' }, { name: 'header', content: '' }]));
		expect(error.message).toBe('{{> footr}} at line 2:3 in template uses the partial "footr", which does not exist: the node\'s Partials are "footer", "header"');
		expect([error.field, error.line, error.column]).toEqual(['template', 2, 3]);
	});

	it('an unknown partial when the node has none', () => {
		expect(thrownBy(() => fill('{{> footer}}', [])).message).toContain('the node has no Partials yet (add them under Partials)');
	});

	it('a partial that includes itself, directly', () => {
		const error = thrownBy(() => fill('{{> a}}', [{ name: 'a', content: 'x {{> a}}' }]));
		expect(error.message).toBe('{{> a}} at line 1:3 of partial "a" in partials: the partial "a" includes itself (a → a), which would never end');
		expect([error.field, error.partial]).toEqual(['partials', 'a']);
	});

	it('a partial that includes itself through others', () => {
		const error = thrownBy(() =>
			fill('{{> a}}', [
				{ name: 'a', content: '{{> b}}' },
				{ name: 'b', content: '\n{{> c}}' },
				{ name: 'c', content: '{{#if x}}{{> a}}{{/if}}' },
			]),
		);
		expect(error.message).toContain('the partial "a" includes itself (a → b → c → a)');
	});

	it(`partials nested more than ${MAX_PARTIAL_DEPTH} deep`, () => {
		const chain = Array.from({ length: MAX_PARTIAL_DEPTH + 1 }, (_, i) => ({ name: `p${i}`, content: i === MAX_PARTIAL_DEPTH ? 'end' : `{{> p${i + 1}}}` }));
		expect(thrownBy(() => fill('{{> p0}}', chain)).message).toContain(`partials are nested more than ${MAX_PARTIAL_DEPTH} deep (p0 → p1 → p2`);
		expect(fill('{{> p1}}', chain)).toBe('end');
	});

	it('partials used many times inside each other: refused before they multiply', () => {
		const fanOut = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}`, content: i === 5 ? 'x' : `{{> p${i + 1}}}`.repeat(10) }));
		expect(thrownBy(() => fill('{{> p0}}', fanOut)).message).toContain('has more than 50000 parts');
	});

	it('a mistake inside a partial names the partial and the line in it', () => {
		const error = thrownBy(() => fill('{{> footer}}', [{ name: 'footer', content: 'Thanks\n{{#each items}}x' }]));
		expect(error.message).toBe('{{#each items}} opened at line 2:1 of partial "footer" in partials is never closed: add {{/each}} where it ends');
		expect([error.field, error.line, error.column, error.partial]).toEqual(['partials', 2, 1, 'footer']);
	});

	it.each([
		['no name', [{ name: ' ', content: 'x' }], 'Partial 1 has no name'],
		['a name with a space', [{ name: 'my footer', content: 'x' }], 'Partial 1 has the name "my footer", which is not valid'],
		['two with one name', [{ name: 'f', content: 'x' }, { name: 'f', content: 'y' }], 'Two partials are named "f"'],
	])('the Partials collection with %s', (_case, partials, message) => {
		const error = thrownBy(() => new PartialLibrary(partials));
		expect(error.message.startsWith(message)).toBe(true);
		expect(error.field).toBe('partials');
	});

	it('{{> name}} with a name that cannot be one', () => {
		expect(thrownBy(() => fill('{{> }}', [])).message).toBe('{{> }} at line 1:1 in template is not a valid partial: write {{> name}} with the name of one of the node\'s Partials');
	});
});

describe('partials in MJML', () => {
	it('inserts MJML sections and reports MJML mistakes at the partial\'s line', async () => {
		const template = await compileTemplate({
			format: 'mjml',
			body: '<mjml><mj-body>{{> header}}<mj-section><mj-column><mj-text>Hi {{name}}</mj-text></mj-column></mj-section>{{> footer}}</mj-body></mjml>',
			partials: [
				{ name: 'header', content: '<mj-section><mj-column><mj-image src="https://cdn.example.com/logo.png" alt="{{shop}}" /></mj-column></mj-section>' },
				{ name: 'footer', content: '<mj-section><mj-column><mj-text>Sent by {{shop}}</mj-text></mj-column></mj-section>' },
			],
		});
		const rendered = await template.render({ name: 'Ada', shop: 'Example & Co' });
		expect(rendered.html).toContain('alt="Example &amp; Co"');
		expect(rendered.text).toBe('Hi Ada\n\nSent by Example & Co');
		expect(template.stats).toMatchObject({ compiles: 1, structures: 1 });

		const broken = compileTemplate({
			format: 'mjml',
			body: mjmlDocument('<mj-text>x</mj-text>{{> broken}}'),
			partials: [{ name: 'broken', content: '\n<mj-text>unclosed' }],
		});
		await expect(broken).rejects.toThrow('Malformed MJML: <mj-text> opened at line 2:1 of partial "broken" is not closed');
	});

	it('mj-include stays refused, inside a partial too, pointing at Partials', async () => {
		const compiled = compileTemplate({ format: 'mjml', body: mjmlDocument('{{> inc}}'), partials: [{ name: 'inc', content: '<mj-include path="/etc/passwd" />' }] });
		await expect(compiled).rejects.toThrow('mj-include is disabled: templates cannot read files or URLs (line 1:1 of partial "inc"); put the shared part in the node\'s Partials and write {{> name}} instead');
	});
});
