import { compileMjml, MjmlValidationError, TemplateError } from '../../../nodes/MailshitSmtp/template';

const wrap = (column: string, head = ''): string =>
	`<mjml>\n${head ? `<mj-head>${head}</mj-head>\n` : ''}<mj-body>\n<mj-section>\n<mj-column>\n${column}\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>`;

async function compileError(source: string): Promise<TemplateError> {
	try {
		await compileMjml(source);
	} catch (error) {
		return error as TemplateError;
	}
	throw new Error('expected compileMjml to fail');
}

describe('compileMjml: valid templates', () => {
	it('renders mj-text content verbatim into an HTML document', async () => {
		const html = await compileMjml(wrap('<mj-text>Hello &amp; <b>welcome</b></mj-text>'));
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).toContain('>Hello &amp; <b>welcome</b></div>');
	});

	it('keeps mj-title and mj-preview', async () => {
		const html = await compileMjml(wrap('<mj-text>x</mj-text>', '<mj-title>The title</mj-title><mj-preview>Inbox preview</mj-preview>'));
		expect(html).toContain('<title>The title</title>');
		expect(html).toContain('aria-label="The title"');
		expect(html).toContain('overflow:hidden;">Inbox preview</div>');
	});
});

describe('compileMjml: mj-include is refused with its line', () => {
	it.each([
		['<mj-include path="./header.mjml" />', 5, 1],
		['<mj-raw>\n  <MJ-INCLUDE path="https://evil.example/x.mjml"/>\n</mj-raw>', 6, 3],
		['<!-- <mj-include path="/etc/passwd" /> -->', 5, 6],
	])('%s', async (column, line, col) => {
		const error = await compileError(wrap(column));
		expect(error).toBeInstanceOf(TemplateError);
		expect(error.message).toBe(
			`mj-include is disabled: templates cannot read files or URLs (line ${line}:${col}); put the shared part in the node's Partials and write {{> name}} instead`,
		);
		expect([error.field, error.line, error.column]).toEqual(['template', line, col]);
	});
});

describe('compileMjml: validation errors name lines, not the server path', () => {
	it.each([
		[
			'<mj-image width="12x" src="a.png" />\n<mj-text foo="bar">x</mj-text>',
			'Invalid MJML: Line 5 (mj-image): Attribute width has invalid value: 12x for type Unit, only accepts (px) units and 1 value(s); Line 6 (mj-text): Attribute foo is illegal',
			[
				{ line: 5, tagName: 'mj-image', message: 'Attribute width has invalid value: 12x for type Unit, only accepts (px) units and 1 value(s)' },
				{ line: 6, tagName: 'mj-text', message: 'Attribute foo is illegal' },
			],
		],
		[
			'<mj-textt>x</mj-textt>',
			"Invalid MJML: Line 5 (mj-textt): Element mj-textt doesn't exist or is not registered",
			[{ line: 5, tagName: 'mj-textt', message: "Element mj-textt doesn't exist or is not registered" }],
		],
		[
			'<mj-section></mj-section>',
			'Invalid MJML: Line 5 (mj-section): mj-section cannot be used inside mj-column, only inside: mj-attributes, mj-body, mj-wrapper',
			[{ line: 5, tagName: 'mj-section', message: 'mj-section cannot be used inside mj-column, only inside: mj-attributes, mj-body, mj-wrapper' }],
		],
	])('%s', async (column, message, problems) => {
		const error = await compileError(wrap(column));
		expect(error).toBeInstanceOf(MjmlValidationError);
		expect(error.message).toBe(message);
		expect((error as MjmlValidationError).problems).toEqual(problems);
		expect(error.line).toBe(problems[0].line);
		expect(error.message).not.toContain(process.cwd());
	});
});

describe('compileMjml: malformed structure is an error, not silently dropped content', () => {
	it.each([
		['unclosed mj-text', wrap('<mj-text>Hello'), 'Malformed MJML: <mj-text> opened at line 5:1 is not closed before </mj-column> at line 6:1', 5, 1],
		[
			'crossed closing tags',
			'<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n</mj-section>\n</mj-column>\n</mj-body>\n</mjml>',
			'Malformed MJML: <mj-column> opened at line 4:1 is closed by </mj-section> at line 5:1',
			4,
			1,
		],
		['unclosed element', '<mjml>\n<mj-body>\n<mj-section>\n</mj-body>\n</mjml>', 'Malformed MJML: <mj-section> opened at line 3:1 is closed by </mj-body> at line 4:1', 3, 1],
		['missing </mjml>', '<mjml>\n<mj-body>\n</mj-body>', 'Malformed MJML: <mjml> opened at line 1:1 is never closed', 1, 1],
		['unclosed comment', '<mjml><mj-body><!-- note </mj-body></mjml>', 'Malformed MJML: the comment opened at line 1:16 is never closed with "-->"', 1, 16],
		['unclosed quote', '<mjml><mj-body css-class="x></mj-body></mjml>', 'Malformed MJML: the value of css-class in <mj-body> at line 1:7 has no closing "', 1, 26],
		['not MJML', '<html><body>Hi</body></html>', 'Malformed MJML: an MJML template must start with <mjml>, not <html>', 1, 1],
		['empty', '', 'Malformed MJML: an MJML template must start with <mjml> and end with </mjml>', 1, 1],
	])('%s', async (_case, source, message, line, column) => {
		const error = await compileError(source);
		expect(error).toBeInstanceOf(TemplateError);
		expect(error.message).toBe(message);
		expect([error.line, error.column]).toEqual([line, column]);
	});

	it('reports a document without mj-body in its own words, without paths', async () => {
		const error = await compileError('<mjml><mj-head></mj-head></mjml>');
		expect(error.message).toBe(
			'MJML could not compile the template: Malformed MJML. Check that your structure is correct and enclosed in <mjml> tags.',
		);
	});
});

describe('compileMjml: web fonts only when the template asks for them', () => {
	const linkOf = (html: string) => html.match(/<link href="[^"]*"/g) ?? [];
	it.each([
		["MJML's default Ubuntu font is not linked", wrap('<mj-text>Hi</mj-text>'), []],
		[
			'a built-in family named in mj-attributes',
			wrap('<mj-text>Hi</mj-text>', '<mj-attributes><mj-all font-family="Lato, Arial" /></mj-attributes>'),
			['<link href="https://fonts.googleapis.com/css?family=Lato:300,400,500,700"'],
		],
		[
			// MJML looks for families in the body's style attributes and inline CSS only.
			'not for a family named only in a non-inline mj-style',
			wrap('<mj-text css-class="t">Hi</mj-text>', '<mj-style>.t div { font-family: "Open Sans", sans-serif; }</mj-style>'),
			[],
		],
		[
			'a family declared with mj-font and used',
			wrap('<mj-text font-family="Raleway, Arial">Hi</mj-text>', '<mj-font name="Raleway" href="https://fonts.example/raleway.css" />'),
			['<link href="https://fonts.example/raleway.css"'],
		],
	])('%s', async (_case, source, links) => {
		expect(linkOf(await compileMjml(source))).toEqual(links);
	});

	it('does not let one template\'s mj-font leak into the next compile', async () => {
		await compileMjml(wrap('<mj-text font-family="Raleway">Hi</mj-text>', '<mj-font name="Raleway" href="https://fonts.example/raleway.css" />'));
		expect(linkOf(await compileMjml(wrap('<mj-text font-family="Raleway">Hi</mj-text>')))).toEqual([]);
	});
});
