import { readAddressInput } from '../../../nodes/MailshitSmtp/verification';

describe('Email input: one address as text, or a per-item error', () => {
	it.each([
		['ada@example.com', 'ada@example.com'],
		['  ada@example.com \t', 'ada@example.com'],
		['not an address', 'not an address'],
	])('%j is verified as %j', (value, email) => {
		expect(readAddressInput(value)).toEqual({ ok: true, value: email });
	});

	it.each([
		[undefined, 'No email address to verify'],
		[null, 'No email address to verify'],
		['', 'No email address to verify'],
		['   ', 'No email address to verify'],
		[['a@x.com', 'b@y.com'], 'Email holds a list'],
		[{ address: 'a@x.com' }, 'not an object'],
		[42, 'not a number'],
		[true, 'not a boolean'],
	])('%j is an error: %s', (value, error) => {
		const result = readAddressInput(value);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure.error).toContain(error);
	});
});
