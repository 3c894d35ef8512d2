import { preferredTextEncoding } from '../../../nodes/MailshitSmtp/actions/send/composeMessage';

describe('preferredTextEncoding: nodemailer\'s rule, applied once per template', () => {
	it.each([
		['English HTML', '<p>Hello Ada, your order has shipped.</p>', 'quoted-printable'],
		['German with umlauts', 'Grüße aus München, schöne Bücher', 'quoted-printable'],
		['Japanese', 'ご注文の商品を発送しました。ありがとうございます。', 'base64'],
		['Russian', 'Ваш заказ отправлен, спасибо', 'base64'],
		['digits only, no letters', '2026-11-25 10:00', 'base64'],
	])('%s → %s', (_label, sample, expected) => {
		expect(preferredTextEncoding(sample)).toBe(expected);
	});
});
