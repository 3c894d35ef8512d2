import { escapeHtml, toHeaderSafe } from '../../../nodes/MailshitSmtp/template';

describe('escapeHtml', () => {
	it.each([
		['plain', 'plain'],
		['a & b', 'a &amp; b'],
		['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
		[`"double" 'single'`, '&quot;double&quot; &#39;single&#39;'],
		['&amp; stays text', '&amp;amp; stays text'],
		['émoji 🎉', 'émoji 🎉'],
	])('%j', (input, expected) => {
		expect(escapeHtml(input)).toBe(expected);
	});
});

describe('toHeaderSafe', () => {
	it.each([
		['Hello', 'Hello'],
		['Hi\r\nBcc: evil@example.com', 'Hi Bcc: evil@example.com'],
		['a\nb\rc', 'a b c'],
		['a\r\n\r\nb', 'a b'],
		['tab\tkept', 'tab\tkept'],
		['nul\u0000bell\u0007', 'nul bell '],
		['unicode ✓ stays', 'unicode ✓ stays'],
	])('%j', (input, expected) => {
		expect(toHeaderSafe(input)).toBe(expected);
	});
});
