import { shortenLongWords } from '../../../nodes/MailshitSmtp/validation/messageText';

describe('shortenLongWords: user data in an error sentence stays readable', () => {
	it('cuts every run of more than 80 characters without a space', () => {
		const name = 'v'.repeat(100_000);
		expect(shortenLongWords(`Missing variable: ${name}`)).toBe(`Missing variable: ${'v'.repeat(80)}…`);
	});

	it('leaves ordinary sentences alone', () => {
		const sentence = 'Invalid email address "ada@" in _to: missing domain';
		expect(shortenLongWords(sentence)).toBe(sentence);
	});
});
