import { simpleParser, type AddressObject } from 'mailparser';
import nodemailer from 'nodemailer';
import {
	formatRecipient,
	validateRecipients,
	type AddressValidationOptions,
	type Recipient,
	type RecipientsResult,
} from '../../../nodes/MailshitSmtp/validation/addresses';

describe('validateRecipients accepts the corpus', () => {
	it.each<[string, unknown, Recipient[]]>([
		['plain', 'a@x.com', [{ address: 'a@x.com' }]],
		['plus addressing', 'john.doe+tag@example.com', [{ address: 'john.doe+tag@example.com' }]],
		['subdomains', 'user@mail.eu.example.co.uk', [{ address: 'user@mail.eu.example.co.uk' }]],
		['quoted local part with a space', '"john doe"@example.com', [{ address: '"john doe"@example.com' }]],
		['unicode local part and domain', '用户@例子.广告', [{ address: '用户@例子.广告' }]],
		['IDN domain', 'user@bücher.de', [{ address: 'user@bücher.de' }]],
		['punycode domain', 'user@xn--bcher-kva.de', [{ address: 'user@xn--bcher-kva.de' }]],
		['display name with a comma in quotes', '"Doe, John" <j@x.com>', [{ name: 'Doe, John', address: 'j@x.com' }]],
		['display name with unicode', '"Jörg Müller 山田" <j@x.de>', [{ name: 'Jörg Müller 山田', address: 'j@x.de' }]],
		['Name <addr>', 'Ann <a@x.com>', [{ name: 'Ann', address: 'a@x.com' }]],
		['list with an empty entry', 'a@x.com, , b@y.com', [{ address: 'a@x.com' }, { address: 'b@y.com' }]],
		['array', ['a@x.com', 'Bob <b@y.com>'], [{ address: 'a@x.com' }, { name: 'Bob', address: 'b@y.com' }]],
		['objects', [{ name: 'Ann', address: 'a@x.com' }, { email: 'b@y.com' }], [{ name: 'Ann', address: 'a@x.com' }, { address: 'b@y.com' }]],
		['empty input is not an error', undefined, []],
		['empty string is not an error', '', []],
	])('%s', (_case, input, recipients) => {
		expect(validateRecipients(input, '_to')).toEqual({ ok: true, value: recipients });
	});

	it('passes the address options through', () => {
		const options: AddressValidationOptions = { allowSingleLabelDomain: true };
		expect(validateRecipients('Dev <dev@localhost>', '_to', options)).toEqual({
			ok: true,
			value: [{ name: 'Dev', address: 'dev@localhost' }],
		});
	});

	it('validates 10,000 recipients', () => {
		const list = Array.from({ length: 10_000 }, (_, i) => `User ${i} <user${i}@example${i % 50}.com>`).join(', ');
		const result = validateRecipients(list, '_bcc');
		expect(result.ok && result.value.length).toBe(10_000);
		expect(validateRecipients(`${list}, broken@`, '_bcc')).toMatchObject({ ok: false, failure: { value: '"broken@"' } });
	});
});

describe('validateRecipients names the field and the address', () => {
	const invalid = (address: string, field: string, reason: string): RecipientsResult => ({
		ok: false,
		failure: {
			field,
			error: `Invalid email address ${JSON.stringify(address)} in ${field}: ${reason}`,
			value: JSON.stringify(address),
		},
	});

	it.each<[string, unknown, RecipientsResult]>([
		['missing @', 'foo', invalid('foo', '_to', 'missing @')],
		['two @ outside quotes', 'a@b@c.com', invalid('a@b@c.com', '_to', 'more than one @ outside quotes')],
		['trailing dot', 'a.@x.com', invalid('a.@x.com', '_to', 'the part before the @ ends with a dot')],
		['double dot', 'a..b@x.com', invalid('a..b@x.com', '_to', 'the part before the @ has two dots in a row')],
		['leading dot', '.a@x.com', invalid('.a@x.com', '_to', 'the part before the @ starts with a dot')],
		['empty local part', '@x.com', invalid('@x.com', '_to', 'nothing before the @')],
		['numeric TLD', 'a@x.123', invalid('a@x.123', '_to', 'the top-level domain is all digits')],
		['label over 63', `a@${'d'.repeat(64)}.com`, invalid(`a@${'d'.repeat(64)}.com`, '_to', 'a domain label is longer than 63 characters')],
		['<script>', '<script>alert(1)</script>', invalid('script', '_to', 'missing @')],
		['second entry is the bad one', 'a@x.com, b@y', invalid('b@y', '_cc', 'the domain has no dot (expected something like example.com)')],
		['single-label domain by default', 'dev@localhost', invalid('dev@localhost', '_to', 'the domain has no dot (expected something like example.com)')],
		['bad address inside an object', { name: 'Ann', email: 'ann@' }, invalid('ann@', '_replyTo', 'nothing after the @')],
		[
			'space inside an object address',
			{ address: 'a b@x.com' },
			invalid('a b@x.com', '_to', 'it contains a space (spaces are only allowed inside quotes)'),
		],
		['CRLF injection', 'a@x.com\r\nBcc: evil@y.com', { ok: false, failure: { field: '_to', error: '_to contains a line break (CR or LF)', value: '"a@x.com\\r\\nBcc: evil@y.com"' } }],
		[
			'CRLF in a display name',
			[{ name: 'Ann\nBcc: evil@y.com', address: 'a@x.com' }],
			{ ok: false, failure: { field: '_to', error: '_to: a display name contains a line break (CR or LF)', value: '"Ann\\nBcc: evil@y.com"' } },
		],
	])('%s', (_case, input, expected) => {
		const field = expected.ok ? '_to' : expected.failure.field;
		expect(validateRecipients(input, field)).toEqual(expected);
	});

	it('shortens a very long value in the message', () => {
		const address = `${'a'.repeat(300)}@x.com`;
		const result = validateRecipients(address, '_to');
		expect(result).toEqual({
			ok: false,
			failure: {
				field: '_to',
				error: `Invalid email address "${'a'.repeat(80)}…" in _to: the part before the @ is longer than 64 characters`,
				value: `"${'a'.repeat(80)}…"`,
			},
		});
	});
});

describe('formatRecipient', () => {
	it.each<[Recipient, { name: string; address: string }]>([
		[{ address: 'a@x.com' }, { name: '', address: 'a@x.com' }],
		[{ name: 'Doe, John', address: 'j@x.com' }, { name: 'Doe, John', address: 'j@x.com' }],
		[{ name: 'Jo "JJ" Doe', address: 'jj@x.com' }, { name: 'Jo "JJ" Doe', address: 'jj@x.com' }],
	])('%j', (recipient, expected) => {
		expect(formatRecipient(recipient)).toEqual(expected);
	});

	// The reason for the object form: nodemailer must encode the names itself and route to
	// exactly the validated addresses. Sent through a real nodemailer transport (no network) and
	// read back with mailparser, every name and address must survive.
	it('round-trips names and addresses through nodemailer', async () => {
		const input =
			'"Doe, John" <j@x.com>, "Jo \\"JJ\\" Doe" <jj@x.com>, 山田 太郎 <taro@example.jp>, ' +
			'"john doe"@example.com, Jörg <user@bücher.de>, "back\\\\slash; semi" <b@x.com>';
		const result = validateRecipients(input, '_to');
		if (!result.ok) throw new Error(result.failure.error);

		const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
		const info = await transport.sendMail({
			from: 'sender@example.com',
			to: result.value.map(formatRecipient),
			subject: 'round trip',
			text: 'body',
		});
		const parsed = await simpleParser(info.message as Buffer);

		expect(info.envelope.to).toEqual([
			'j@x.com',
			'jj@x.com',
			'taro@example.jp',
			'"john doe"@example.com',
			'user@xn--bcher-kva.de',
			'b@x.com',
		]);
		expect((parsed.to as AddressObject).value.map(({ name, address }) => ({ name, address }))).toEqual([
			{ name: 'Doe, John', address: 'j@x.com' },
			{ name: 'Jo "JJ" Doe', address: 'jj@x.com' },
			{ name: '山田 太郎', address: 'taro@example.jp' },
			{ name: '', address: '"john doe"@example.com' },
			// mailparser shows the punycode domain the header carries in its unicode form
			{ name: 'Jörg', address: 'user@bücher.de' },
			{ name: 'back\\slash; semi', address: 'b@x.com' },
		]);
	});
});
