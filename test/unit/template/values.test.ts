import { formatValue, isMissing, lookupPath, lookupVariable } from '../../../nodes/MailshitSmtp/template';

const item = {
	name: 'Ada',
	order: { id: 42, lines: [{ title: 'Book' }, { title: 'Pen' }] },
	'order.ref': 'flat-key',
	tags: ['a', 'b'],
	nothing: null,
	empty: '',
};

describe('lookupPath', () => {
	it.each([
		[['name'], 'Ada'],
		[['order', 'id'], 42],
		[['order', 'lines', '1', 'title'], 'Pen'],
		[['tags', '0'], 'a'],
		[['nothing'], null],
		[['missing'], undefined],
		[['order', 'missing', 'deeper'], undefined],
		[['name', 'length'], undefined], // no reaching into string internals
		[['constructor'], undefined], // no prototype properties
		[['order', '__proto__'], undefined],
		[['tags', 'length'], 2], // an array's own length is data
	])('%j', (path, expected) => {
		expect(lookupPath(item, path)).toBe(expected);
	});
});

describe('lookupVariable: a flat key with dots wins over the nested path', () => {
	it.each([
		['order.ref', ['order', 'ref'], 'flat-key'],
		['order.id', ['order', 'id'], 42],
	])('%s', (name, path, expected) => {
		expect(lookupVariable(item, name, path)).toBe(expected);
	});
});

describe('isMissing', () => {
	it.each([
		[undefined, true],
		[null, true],
		['', true],
		[' ', false],
		[0, false],
		[false, false],
		[[], false],
		[{}, false],
	])('%j → %s', (value, expected) => {
		expect(isMissing(value)).toBe(expected);
	});
});

describe('formatValue', () => {
	it.each([
		['text', 'text'],
		[42, '42'],
		[-1.5, '-1.5'],
		[true, 'true'],
		[false, 'false'],
		[BigInt(10), '10'],
		[new Date('2024-03-01T12:30:00Z'), '2024-03-01T12:30:00.000Z'],
		[new Date('not a date'), 'Invalid Date'],
		[['a', 1, true], 'a, 1, true'],
		[[new Date('2024-01-01T00:00:00Z'), null], '2024-01-01T00:00:00.000Z, '],
		[[{ a: 1 }, 'x'], '[{"a":1},"x"]'],
		[{ a: 1, b: [2] }, '{"a":1,"b":[2]}'],
		[{ big: BigInt(7) }, '{"big":"7"}'],
		[null, ''],
		[undefined, ''],
		[() => 1, ''],
	])('%p → %j', (value, expected) => {
		expect(formatValue(value)).toBe(expected);
	});
});
