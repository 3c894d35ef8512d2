import { keepEmail, unpackEmail } from '../../../nodes/MailshitSmtp/actions/send/keptEmail';

describe('keptEmail: an email held deflated between the two passes comes back as it was', () => {
	it.each([
		['HTML and text', { html: '<p>Hi Ada</p>'.repeat(500), text: 'Hi Ada\n'.repeat(500) }],
		['text only', { text: 'Plain text, no HTML' }],
		['non-ASCII on both sides of the seam', { html: '<p>Grüße, 🦊</p>', text: '🦊 Grüße' }],
		['empty HTML', { html: '', text: 'only text' }],
	])('%s', (_label, email) => {
		expect(unpackEmail(keepEmail(email))).toEqual(email);
	});

	it('keeps no more than its own deflated bytes', () => {
		const kept = keepEmail({ html: '<td>cell</td>'.repeat(2000), text: 'cell '.repeat(2000) });
		expect(kept.data.buffer.byteLength).toBe(kept.data.length);
		expect(kept.data.length).toBeLessThan(2000);
	});
});
