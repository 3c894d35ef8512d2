import { Memo } from '../../../nodes/MailshitSmtp/shared/memo';

describe('Memo: each value made once; bounded ones forget the least recently used', () => {
	it('creates a value once per key', () => {
		const memo = new Memo<string, number>();
		let made = 0;
		for (const key of ['a', 'b', 'a', 'a', 'b']) memo.get(key, () => ++made);
		expect(made).toBe(2);
		expect(memo.size).toBe(2);
	});

	it('keeps at most maxSize entries, dropping the one used longest ago', () => {
		const memo = new Memo<string, string>(2);
		const made: string[] = [];
		const get = (key: string) => memo.get(key, () => (made.push(key), key));
		get('a');
		get('b');
		get('a'); // a is now the most recent
		get('c'); // evicts b
		get('a'); // still there
		get('b'); // made again
		expect(made).toEqual(['a', 'b', 'c', 'b']);
		expect(memo.size).toBe(2);
	});
});
