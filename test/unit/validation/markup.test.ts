import { findUnquotedVariable, markupDepth } from '../../../nodes/MailshitSmtp/validation/markup';

describe('markupDepth: nesting of elements that must be closed, in one pass', () => {
	it.each([
		['', 0],
		['plain text', 0],
		['<div><span>a</span></div><p>b', 2],
		['<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>', 2],
		['<ul><li>a<li>b<li>c</ul>', 1],
		['<p>a<p>b<p>c<br><img src="x.png"><hr/>', 0],
		['<div title="a > b"><b>x</b></div>', 2],
		['<!-- <div><div><div> --><i>x</i>', 1],
		['<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>', 3],
		['<div>'.repeat(300), 300],
		['</div></div><b>x</b>', 1],
	])('%j → %d', (source, depth) => {
		expect(markupDepth(source)).toBe(depth);
	});

	it('1 MB of nesting is measured without recursion', () => {
		expect(markupDepth('<div>'.repeat(200_000))).toBe(200_000);
	});
});

describe('findUnquotedVariable: an escaped value in an unquoted attribute', () => {
	it.each([
		['<a href={{url}}>x</a>', 'href={{url}}'],
		['<a title="a > b" href=https://x.test/{{id}}>', 'href=https://x.test/{{id}}'],
		['<mj-button href={{ url }}>Go</mj-button>', 'href={{ url }}'],
		['<img\nsrc = {{logo}} />', 'src={{logo}}'],
	])('%j is found as %s', (source, found) => {
		expect(findUnquotedVariable(source)).toBe(found);
	});

	it.each([
		['<a href="{{url}}">Total = {{total}}</a>'],
		["<a href='{{url}}'>x</a>"],
		['<div data-x={{{raw}}}>raw is markup by choice</div>'],
		['Price = {{price}} in text'],
		['<!-- <a href={{url}}> -->'],
		['<a href="https://x.test/p/{{sku}}?order={{id}}">a query inside quotes is no attribute</a>'],
	])('%j has none', (source) => {
		expect(findUnquotedVariable(source)).toBeUndefined();
	});
});
