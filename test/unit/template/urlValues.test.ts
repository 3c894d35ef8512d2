/**
 * Values placed in URLs and tags cannot change the URL or the tag around them. What a browser
 * makes of the result is read back with parse5, the HTML parser that follows the WHATWG spec as
 * browsers do, and the URL with WHATWG `URL`.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import {
	compileTemplate,
	encodeUrlComponent,
	fillProgram,
	parseProgram,
	TemplateValueError,
	type TemplateSpec,
} from '../../../nodes/MailshitSmtp/template';
import { urlScheme } from '../../../nodes/MailshitSmtp/template/urlEncoding';
import { mjmlDocument } from './fixtures';

type Element = DefaultTreeAdapterMap['element'];

/** Every element of the document with its attributes, as a browser builds them. */
function elements(html: string): Element[] {
	const found: Element[] = [];
	const walk = (node: DefaultTreeAdapterMap['parentNode']) => {
		for (const child of node.childNodes) {
			if ('tagName' in child) {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(parse(html));
	return found;
}

function attributesOf(html: string, tag: string): Record<string, string> {
	const element = elements(html).find((e) => e.tagName === tag);
	if (!element) throw new Error(`no <${tag}> in ${html}`);
	return Object.fromEntries(element.attrs.map((attribute) => [attribute.name, attribute.value]));
}

async function renderHtml(body: string, values: Record<string, unknown>, spec: Partial<TemplateSpec> = {}): Promise<{ html: string; text: string }> {
	const template = await compileTemplate({ format: 'html', body, ...spec });
	const rendered = await template.render(values);
	return { html: rendered.html ?? '', text: rendered.text };
}

// the value the issue found breaking URLs: "&" starts a parameter, '"' ends the attribute, "#" the fragment
const HOSTILE = `a&b=c"d<e>'f#g h`;

describe('a value in a query stays one query value', () => {
	it('href="https://x.test/u?id={{id}}&lang=en": the server reads back exactly the value', async () => {
		const { html, text } = await renderHtml('<a href="https://x.test/u?id={{id}}&amp;lang=en">Open</a>', { id: HOSTILE });
		const href = attributesOf(html, 'a').href;
		const url = new URL(href);
		expect([...url.searchParams]).toEqual([
			['id', HOSTILE],
			['lang', 'en'],
		]);
		expect(url.hash).toBe('');
		expect(text).toBe(`Open [${href}]`);
	});

	it.each([
		['src', '<img src="https://cdn.x.test/i.png?name={{id}}">', 'img', 'src'],
		['background-url (MJML)', '<div background-url="https://cdn.x.test/bg.jpg?v={{id}}"></div>', 'div', 'background-url'],
		['action', '<form action="https://x.test/f?q={{id}}"></form>', 'form', 'action'],
	])('%s', async (_case, body, tag, attribute) => {
		const { html } = await renderHtml(body, { id: HOSTILE });
		const url = new URL(attributesOf(html, tag)[attribute]);
		expect([...url.searchParams.values()]).toEqual([HOSTILE]);
	});

	it('a value in the fragment stays in the fragment', async () => {
		const { html } = await renderHtml('<a href="https://x.test/page#{{anchor}}">x</a>', { anchor: 'a b?c#d' });
		const url = new URL(attributesOf(html, 'a').href);
		expect(decodeURIComponent(url.hash.slice(1))).toBe('a b?c#d');
		expect(url.search).toBe('');
	});
});

describe('a value in a path cannot start the query or the fragment', () => {
	it.each([
		['a plain id', 'A-17', 'https://x.test/orders/A-17'],
		['"?" and "#"', 'a?b#c', 'https://x.test/orders/a%3Fb%23c'],
		['spaces, quotes, non-ASCII', `x y"ü'`, "https://x.test/orders/x%20y%22%C3%BC'"],
		['a "/" stays a path separator', '2024/17', 'https://x.test/orders/2024/17'],
		['a percent escape already made stays', 'a%2Fb', 'https://x.test/orders/a%2Fb'],
		['a lone "%" is encoded', '50%', 'https://x.test/orders/50%25'],
	])('%s', async (_case, value, expected) => {
		const { html } = await renderHtml('<a href="https://x.test/orders/{{id}}">x</a>', { id: value });
		expect(attributesOf(html, 'a').href).toBe(expected);
	});

	it('mailto: an address cannot add ?cc= or ?body=', async () => {
		const { html } = await renderHtml('<a href="mailto:{{email}}?subject=Order%20{{id}}">Write</a>', { email: 'ada@example.com?cc=eve@evil.test', id: 'A 17' });
		expect(attributesOf(html, 'a').href).toBe('mailto:ada@example.com%3Fcc=eve@evil.test?subject=Order%20A%2017');
	});
});

describe('a value that is the whole URL: only http, https and mailto unless allowed', () => {
	it.each([
		['https', 'https://x.test/a?b=1&c=2#d', 'https://x.test/a?b=1&c=2#d'],
		['http', 'http://x.test/', 'http://x.test/'],
		['mailto', 'mailto:ada@example.com', 'mailto:ada@example.com'],
		['relative', '/account', '/account'],
		['protocol-relative', '//x.test/a', '//x.test/a'],
		['spaces are encoded, the rest kept', 'https://x.test/a b?q=ü', 'https://x.test/a%20b?q=ü'],
	])('%s is kept', async (_case, value, expected) => {
		const { html } = await renderHtml('<a href="{{url}}">x</a>', { url: value });
		expect(attributesOf(html, 'a').href).toBe(expected);
	});

	it.each([
		['javascript:', 'javascript:alert(1)', 'javascript'],
		['any case', 'JaVaScRiPt:alert(1)', 'javascript'],
		['data:', 'data:text/html;base64,PHNjcmlwdD4=', 'data'],
		['vbscript:', 'vbscript:msgbox(1)', 'vbscript'],
		['file:', 'file:///etc/passwd', 'file'],
		['tel: (not allowed by default)', 'tel:+4912345', 'tel'],
	])('%s is refused, naming the variable and its line', async (_case, value, scheme) => {
		const template = await compileTemplate({ format: 'html', body: '<p>\n<a href="{{profile.url}}">x</a></p>' });
		const error = await template.render({ profile: { url: value } }).then(
			() => undefined,
			(caught: unknown) => caught as TemplateValueError,
		);
		expect(error).toBeInstanceOf(TemplateValueError);
		expect(error?.field).toBe('profile.url');
		expect([error?.line, error?.column]).toEqual([2, 10]);
		expect(error?.message).toContain(`whose scheme "${scheme}:" is not allowed in links (allowed: http, https, mailto)`);
		expect(error?.message).toContain(`add "${scheme}" to the URL Schemes option`);
		await expect(template.check({ profile: { url: value } })).rejects.toBeInstanceOf(TemplateValueError);
	});

	it('spaces and controls a browser would skip before a scheme are percent-encoded, so they hide nothing', async () => {
		const { html } = await renderHtml('<a href="{{url}}">x</a>', { url: ' \u0001 java\tscr\nipt:alert(1)' });
		const href = attributesOf(html, 'a').href;
		expect(href).toBe('%20%01%20java%09scr%0Aipt:alert(1)');
		expect(urlScheme(href)).toBeUndefined();
		// a raw value is not encoded, so there the browser's reading is checked
		const raw = await compileTemplate({ format: 'html', body: '<a href="{{{url}}}">x</a>' });
		await expect(raw.render({ url: ' \u0001 java\tscr\nipt:alert(1)' })).rejects.toThrow('"javascript:" is not allowed');
	});

	it('a scheme assembled from two values is seen whole', async () => {
		const template = await compileTemplate({ format: 'html', body: '<a href="{{a}}{{b}}">x</a>' });
		await expect(template.render({ a: 'javascript', b: ':alert(1)' })).rejects.toThrow('"javascript:" is not allowed');
	});

	it('a scheme completed by the template text after its last variable is seen whole', async () => {
		// the text after the last variable ends the attribute too: without it "javascript" looked like a path
		const template = await compileTemplate({ format: 'html', body: '<a href="{{a}}:alert(1)">x</a>' });
		await expect(template.render({ a: 'javascript' })).rejects.toThrow('"javascript:" is not allowed');
		const mjml = await compileTemplate({ format: 'mjml', body: '<mjml><mj-body><mj-section><mj-column><mj-button href="{{a}}:alert(1)">x</mj-button></mj-column></mj-section></mj-body></mjml>' });
		await expect(mjml.render({ a: 'javascript' })).rejects.toThrow('"javascript:" is not allowed');
	});

	it('a raw value with character references is checked as the browser decodes it', async () => {
		const template = await compileTemplate({ format: 'html', body: '<a href="{{{url}}}">x</a>' });
		await expect(template.render({ url: '&#106;avascript&colon;alert(1)' })).rejects.toThrow('"javascript:" is not allowed');
		// escaped, the same text is inert: the browser reads "&#106;…" as a relative URL
		const escaped = await renderHtml('<a href="{{url}}">x</a>', { url: '&#106;avascript&colon;alert(1)' });
		expect(urlScheme(attributesOf(escaped.html, 'a').href)).toBeUndefined();
	});

	it.each([
		['tel', ['tel'], 'tel:+4912345'],
		['several, written loosely', [' SMS: ', 'tel'], 'sms:+4912345'],
		['any, with "*"', ['*'], 'javascript:void(0)'],
	])('the user can allow %s', async (_case, urlSchemes, value) => {
		const { html } = await renderHtml('<a href="{{url}}">x</a>', { url: value }, { urlSchemes });
		expect(attributesOf(html, 'a').href).toBe(value);
	});

	it('a fixed scheme in the template is the author\'s: only the value after it is encoded', async () => {
		const { html } = await renderHtml('<a href="tel:{{phone}}">call</a>', { phone: '+49 123' });
		expect(attributesOf(html, 'a').href).toBe('tel:+49%20123');
	});
});

describe('a value inside a tag cannot add an attribute', () => {
	it.each([
		['unquoted attribute value', '<img alt={{name}} src="a.png">', { alt: 'x onerror=alert(1)', src: 'a.png' }],
		['unquoted URL attribute', '<a href={{url}}>x</a>', { href: 'https://x.test/?a=1%20onclick=alert(1)' }],
		['single quotes', "<img alt='{{name}}' src='a.png'>", { alt: "x' onerror='alert(1)", src: 'a.png' }],
		['double quotes', '<img alt="{{name}}" src="a.png">', { alt: 'x" onerror="alert(1)', src: 'a.png' }],
	])('%s', async (_case, body, expected) => {
		const values = { name: Object.values(expected)[0].startsWith('x') ? Object.values(expected)[0] : '', url: 'https://x.test/?a=1 onclick=alert(1)' };
		const { html } = await renderHtml(body, values);
		const tag = body.startsWith('<a') ? 'a' : 'img';
		expect(attributesOf(html, tag)).toEqual(expected);
	});

	it('between attributes, a value is one harmless word', async () => {
		const { html } = await renderHtml('<p data-x="1" {{word}}>x</p>', { word: 'class=a onclick=alert(1)' });
		expect(Object.keys(attributesOf(html, 'p'))).not.toContain('onclick');
	});
});

describe('{{urlencode name}}: the encoding form for any template', () => {
	it.each([
		['text', 'text' as const, 'https://x.test/?q={{urlencode q}}', `https://x.test/?q=${encodeUrlComponent(HOSTILE)}`],
		['header', 'header' as const, 'Search {{urlencode q}}', `Search ${encodeUrlComponent(HOSTILE)}`],
	])('in a %s template', (_case, mode, source, expected) => {
		expect(fillProgram(parseProgram(source, 'textTemplate'), { q: HOSTILE }, mode)).toBe(expected);
	});

	it('in HTML: a whole path segment, "/" included', async () => {
		const { html } = await renderHtml('<a href="https://x.test/files/{{urlencode name}}">x</a> {{urlencode name}}', { name: 'a/b c' });
		expect(attributesOf(html, 'a').href).toBe('https://x.test/files/a%2Fb%20c');
		expect(html.endsWith(' a%2Fb%20c')).toBe(true);
	});

	it('encodes everything but the RFC 3986 unreserved characters', () => {
		expect(encodeUrlComponent("A-z_0.9~ !'()*&=?#/é")).toBe('A-z_0.9~%20%21%27%28%29%2A%26%3D%3F%23%2F%C3%A9');
		expect(encodeUrlComponent('\ud800x')).toBe('%EF%BF%BDx');
	});
});

describe('URLs in MJML', () => {
	it('button and image links are encoded as in HTML, and the cached path equals a fresh compile', async () => {
		const body = mjmlDocument('<mj-button href="https://x.test/t?id={{id}}">Track</mj-button><mj-image src="https://cdn.x.test/{{id}}.png" href="{{url}}" />');
		const template = await compileTemplate({ format: 'mjml', body });
		const rendered = await template.render({ id: HOSTILE, url: 'https://x.test/a b' });
		const links = elements(rendered.html ?? '').filter((e) => e.tagName === 'a').map((e) => e.attrs.find((a) => a.name === 'href')?.value);
		expect(links).toEqual([`https://x.test/t?id=${encodeUrlComponent(HOSTILE)}`, 'https://x.test/a%20b']);
		expect(new URL(links[0] ?? '').searchParams.get('id')).toBe(HOSTILE);
		expect(template.stats.cachedRenders).toBe(1);
		await expect(template.render({ id: '1', url: 'javascript:alert(1)' })).rejects.toThrow('"javascript:" is not allowed');
	});

	it('a link inside mj-text content', async () => {
		const template = await compileTemplate({ format: 'mjml', body: mjmlDocument('<mj-text><a href="https://x.test/u?e={{email}}">unsubscribe</a></mj-text>') });
		const rendered = await template.render({ email: 'ada+news@example.com' });
		expect(rendered.html).toContain('href="https://x.test/u?e=ada%2Bnews%40example.com"');
		expect(rendered.text).toBe('unsubscribe [https://x.test/u?e=ada%2Bnews%40example.com]');
	});
});
