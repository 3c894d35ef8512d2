// mjml registers its components on mjml-core (a dependency of mjml) when it is loaded.
import 'mjml';
import { components } from 'mjml-core';
import { MJML_ENDING_TAGS, scanMjml, type MjmlRegion } from '../../../nodes/MailshitSmtp/template/mjmlScanner';

describe('MJML_ENDING_TAGS', () => {
	it('matches the components the installed mjml copies verbatim', () => {
		const ending = Object.entries(components)
			.filter(([, component]) => (component as { endingTag?: boolean } | undefined)?.endingTag)
			.map(([name]) => name)
			.sort();
		expect([...MJML_ENDING_TAGS].sort()).toEqual(ending);
	});
});

describe('scanMjml: regions', () => {
	const source =
		'<mjml><mj-body css-class="b"><mj-section>gap<mj-column><mj-text align="left"> Hi <br> </mj-text><!-- c --><mj-image src=x.png /></mj-column></mj-section></mj-body></mjml>';
	const describeRegion = (region: MjmlRegion) => {
		const text = source.slice(region.start, region.end);
		const where = region.kind === 'attribute' ? `${region.tag}@${region.name}` : 'tag' in region ? region.tag : region.parents.at(-1);
		return `${region.kind}:${where}:${text}`;
	};

	it('splits a document into markup, attribute values, content, comments and text', () => {
		expect(scanMjml(source, { field: 'template' }).map(describeRegion)).toEqual([
			'markup:mjml:<mjml>',
			'markup:mj-body:<mj-body css-class="',
			'attribute:mj-body@css-class:b',
			'markup:mj-body:">',
			'markup:mj-section:<mj-section>',
			'text:mj-section:gap',
			'markup:mj-column:<mj-column>',
			'markup:mj-text:<mj-text align="',
			'attribute:mj-text@align:left',
			'markup:mj-text:">',
			'content:mj-text: Hi <br> ',
			'markup:mj-text:</mj-text>',
			'comment:mj-column: c ',
			'markup:mj-image:<mj-image src=',
			'attribute:mj-image@src:x.png',
			'markup:mj-image: />',
			'markup:mj-column:</mj-column>',
			'markup:mj-section:</mj-section>',
			'markup:mj-body:</mj-body>',
			'markup:mjml:</mjml>',
		]);
	});

	it('records the parents of each region and the attributes of ending tags', () => {
		const regions = scanMjml('<mjml><mj-head><mj-style inline="inline">.a{}</mj-style></mj-head></mjml>', { field: 'template' });
		const content = regions.find((region) => region.kind === 'content');
		expect(content).toEqual({ kind: 'content', tag: 'mj-style', attributes: { inline: 'inline' }, start: 41, end: 45, parents: ['mjml', 'mj-head'] });
	});
});

describe('scanMjml: a closing tag inside ending-tag content', () => {
	it('reads </mj-raw> inside mj-text as text, as mjml does', () => {
		const source = '<mjml><mj-body><mj-section><mj-column><mj-text>Hello <mj-raw>world</mj-raw></mj-text></mj-column></mj-section></mj-body></mjml>';
		const content = scanMjml(source, { field: 'template' }).find((region) => region.kind === 'content');
		expect(source.slice(content?.start, content?.end)).toBe('Hello <mj-raw>world</mj-raw>');
	});

	it('still refuses the closing tag of an element around it: the author forgot </mj-text>', () => {
		expect(() => scanMjml('<mjml><mj-body><mj-section><mj-column><mj-text>Hello <b>x</b></mj-column></mj-section></mj-body></mjml>', { field: 'template' })).toThrow(
			'Malformed MJML: <mj-text> opened at line 1:39 is not closed before </mj-column> at line 1:62',
		);
	});
});
