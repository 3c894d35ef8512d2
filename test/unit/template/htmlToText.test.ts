import { htmlToText } from '../../../nodes/MailshitSmtp/template';

describe('htmlToText: configured for email', () => {
	it.each([
		['headings keep their case', '<h1>Welcome Ada</h1><p>Hello</p>', 'Welcome Ada\n\nHello'],
		['links as "text [url]"', '<p>See <a href="https://x.io/a">our site</a></p>', 'See our site [https://x.io/a]'],
		['no duplicate when the text is the url', '<a href="https://x.io">https://x.io</a>', 'https://x.io'],
		['mailto: dropped from the url', '<a href="mailto:help@x.io">write us</a>', 'write us [help@x.io]'],
		['in-page anchors show only their text', '<a href="#top">top</a>', 'top'],
		['images skipped', '<p>Logo <img src="https://x/logo.png" alt="Logo"> end</p>', 'Logo end'],
		['a link around an image only disappears', '<p><a href="https://x.io"><img src="logo.png"></a></p><p>Body</p>', 'Body'],
		['hidden preheader skipped', '<div style="display:none;font-size:1px">preheader</div><p>Body</p>', 'Body'],
		['layout cells on their own lines', '<table><tr><td>Total</td><td>€ 5</td></tr></table>', 'Total\n€ 5'],
		['entities decoded', '<p>a &amp; b &lt;c&gt; &quot;d&quot;</p>', 'a & b <c> "d"'],
		['lists', '<ul><li>one</li><li>two</li></ul>', ' * one\n * two'],
		['blank and spacer-only lines tidied', '<p>a</p><div>&nbsp;</div><div>&#8202;</div><p>b</p>', 'a\n\nb'],
	])('%s', (_case, html, expected) => {
		expect(htmlToText(html)).toBe(expected);
	});

	it('does not wrap long lines', () => {
		const words = 'word '.repeat(40).trim();
		expect(htmlToText(`<p>${words}</p>`)).toBe(words);
	});
});
