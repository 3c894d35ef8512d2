import { redactSecrets, secretForms } from '../../../nodes/MailshitSmtp/smtp/redactSecrets';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('redactSecrets: the password leaves in no form', () => {
	const password = 'p@ss:w%rd-ü';
	const forms = secretForms('user', password);

	it.each([
		['as typed', `535 bad ${password}`],
		['URL-encoded', `url smtp://user:${encodeURIComponent(password)}@host`],
		['AUTH LOGIN base64', `334 ${b64(password)}`],
		['AUTH PLAIN base64', `AUTH PLAIN ${b64(`\0user\0${password}`)}`],
	])('%s', (_label, text) => {
		const out = redactSecrets(text, forms);
		expect(out).toContain('***');
		for (const form of forms) expect(out).not.toContain(form);
	});

	it('no password, nothing to hide', () => {
		expect(secretForms('user', '')).toEqual([]);
		expect(redactSecrets('535 failed', [])).toBe('535 failed');
	});
});
