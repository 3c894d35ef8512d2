import { readNumberSetting } from '../../../nodes/MailshitSmtp/validation/numberSetting';

const retries = { label: 'Retries', min: 0, max: 10, fallback: 2, integer: true };

describe('readNumberSetting: a number from an expression is checked like a typed one', () => {
	it.each([
		[undefined, 2],
		[null, 2],
		['', 2],
		[0, 0],
		[10, 10],
		['3', 3],
		[' 4 ', 4],
	])('%j → %j', (value, expected) => {
		expect(readNumberSetting(value, retries)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['abc', 'Retries must be a whole number from 0 to 10 (got "abc")'],
		[Number.NaN, 'Retries must be a whole number from 0 to 10 (got NaN)'],
		[Infinity, 'Retries must be a whole number from 0 to 10 (got Infinity)'],
		[-1, 'Retries must be a whole number from 0 to 10 (got -1)'],
		[11, 'Retries must be a whole number from 0 to 10 (got 11)'],
		[2.5, 'Retries must be a whole number from 0 to 10 (got 2.5)'],
		[{}, 'Retries must be a whole number from 0 to 10 (got a value of type object)'],
		[[3], 'Retries must be a whole number from 0 to 10 (got a value of type array)'],
		[true, 'Retries must be a whole number from 0 to 10 (got a value of type boolean)'],
		['x'.repeat(1000), `Retries must be a whole number from 0 to 10 (got "${'x'.repeat(80)}…")`],
	])('%j is refused', (value, error) => {
		expect(readNumberSetting(value, retries)).toEqual({ ok: false, failure: error });
	});

	it('fractions where the option takes them', () => {
		expect(readNumberSetting('0.25', { label: 'Retry Delay (Seconds)', min: 0, max: 3600, fallback: 1 })).toEqual({ ok: true, value: 0.25 });
	});
});
