import {
	RESERVED_HEADER_NAMES,
	checkCustomHeader,
	checkCustomHeaderName,
	checkHeaderValue,
} from '../../../nodes/MailshitSmtp/validation/headers';
import type { ValidationResult } from '../../../nodes/MailshitSmtp/validation/errors';

describe('checkHeaderValue keeps a value on one line', () => {
	it.each<[string, string]>([
		['plain', 'Your order has shipped'],
		['unicode and emoji', 'Grüße aus Köln 👋'],
		['emoji ZWJ sequence and RLM (format characters are fine in text)', 'Team 👨‍👩‍👧 \u200fשלום'],
		['tab', 'a\tb'],
		['empty', ''],
		['List-Unsubscribe', '<mailto:unsub@example.com>, <https://example.com/u?id=1>'],
	])('accepts %s', (_case, value) => {
		expect(checkHeaderValue(value, 'Subject')).toEqual({ ok: true });
	});

	it.each<[string, string, ValidationResult]>([
		['CRLF injection', 'Hi\r\nBcc: evil@y.com', { ok: false, failure: { field: 'Subject', error: 'Subject contains a line break (CR or LF)', value: '"Hi\\r\\nBcc: evil@y.com"' } }],
		['bare LF', 'Hi\n', { ok: false, failure: { field: 'Subject', error: 'Subject contains a line break (CR or LF)', value: '"Hi\\n"' } }],
		['bare CR', 'Hi\rthere', { ok: false, failure: { field: 'Subject', error: 'Subject contains a line break (CR or LF)', value: '"Hi\\rthere"' } }],
		['NUL', 'a\u0000b', { ok: false, failure: { field: 'Subject', error: 'Subject contains a control character (U+0000)', value: '"a\\u0000b"' } }],
		['DEL', 'a\u007f', { ok: false, failure: { field: 'Subject', error: 'Subject contains a control character (U+007F)', value: '"a\u007f"' } }],
		['C1 NEL', 'a\u0085b', { ok: false, failure: { field: 'Subject', error: 'Subject contains a control character (U+0085)', value: '"a\u0085b"' } }],
	])('refuses %s', (_case, value, expected) => {
		expect(checkHeaderValue(value, 'Subject')).toEqual(expected);
	});
});

describe('checkCustomHeaderName', () => {
	it.each(['X-Campaign-Id', 'List-Id', 'In-Reply-To', 'References', 'Sender', 'X-Priority', 'x_custom.header!'])(
		'accepts %s',
		(name) => {
			expect(checkCustomHeaderName(name)).toEqual({ ok: true });
		},
	);

	const syntax = (shown: string): ValidationResult => ({
		ok: false,
		failure: {
			field: 'Custom Headers',
			error: `Custom Headers: header name ${shown} may only contain printable ASCII characters other than ":" and spaces`,
			value: shown,
		},
	});

	it.each<[string, string, ValidationResult]>([
		['empty', '', { ok: false, failure: { field: 'Custom Headers', error: 'Custom Headers: a header name is empty' } }],
		['space', 'X Foo', syntax('"X Foo"')],
		['colon', 'X-Foo:', syntax('"X-Foo:"')],
		['non-ASCII', 'X-Grüße', syntax('"X-Grüße"')],
		['CRLF', 'X-Foo\r\nBcc', syntax('"X-Foo\\r\\nBcc"')],
	])('refuses %s', (_case, name, expected) => {
		expect(checkCustomHeaderName(name)).toEqual(expected);
	});

	it('reserves exactly the headers the node sets itself', () => {
		expect(RESERVED_HEADER_NAMES).toEqual([
			'From',
			'To',
			'Cc',
			'Bcc',
			'Reply-To',
			'Subject',
			'Date',
			'Message-ID',
			'MIME-Version',
			'Content-Type',
			'Content-Transfer-Encoding',
			'Return-Path',
		]);
	});

	it.each([...RESERVED_HEADER_NAMES, 'bcc', 'CONTENT-TYPE', 'Message-Id', 'mime-version'])('refuses reserved %s', (name) => {
		expect(checkCustomHeaderName(name, 'headers')).toEqual({
			ok: false,
			failure: {
				field: 'headers',
				error: `headers: "${name}" is set by the node itself and cannot be a custom header`,
				value: `"${name}"`,
			},
		});
	});
});

describe('checkCustomHeader', () => {
	it.each<[string, unknown]>([
		['text', 'spring-sale'],
		['number', 42],
		['boolean', true],
	])('accepts a %s value', (_case, value) => {
		expect(checkCustomHeader('X-Campaign', value)).toEqual({ ok: true });
	});

	it.each<[string, string, unknown, ValidationResult]>([
		[
			'a reserved name',
			'Bcc',
			'evil@y.com',
			{ ok: false, failure: { field: 'Custom Headers', error: 'Custom Headers: "Bcc" is set by the node itself and cannot be a custom header', value: '"Bcc"' } },
		],
		[
			'a value with CRLF',
			'X-Campaign',
			'a\r\nBcc: evil@y.com',
			{
				ok: false,
				failure: {
					field: 'Custom Headers',
					error: 'Custom Headers: header "X-Campaign" contains a line break (CR or LF)',
					value: '"a\\r\\nBcc: evil@y.com"',
				},
			},
		],
		['an object value', 'X-Campaign', { id: 1 }, { ok: false, failure: { field: 'Custom Headers', error: 'Custom Headers: the value of header "X-Campaign" must be text', value: '"X-Campaign"' } }],
		['a null value', 'X-Campaign', null, { ok: false, failure: { field: 'Custom Headers', error: 'Custom Headers: the value of header "X-Campaign" must be text', value: '"X-Campaign"' } }],
	])('refuses %s', (_case, name, value, expected) => {
		expect(checkCustomHeader(name, value)).toEqual(expected);
	});
});

describe('content headers and long lines', () => {
	it.each(['Content-Disposition', 'content-id', 'Content-Language', 'Content-Description', 'Content-Location'])('refuses the MIME content header %s', (name) => {
		expect(checkCustomHeaderName(name, 'headers')).toEqual({
			ok: false,
			failure: { field: 'headers', error: `headers: "${name}" is a MIME content header, which the node writes for each part itself`, value: `"${name}"` },
		});
	});

	it('refuses a header name longer than 76 characters', () => {
		expect(checkCustomHeaderName(`X-${'a'.repeat(80)}`, 'headers').ok).toBe(false);
	});

	it('a long value with spaces folds and is accepted; one word over 900 characters is not', () => {
		expect(checkHeaderValue(Array(300).fill('word').join(' '), 'Subject')).toEqual({ ok: true });
		expect(checkHeaderValue(`${'x'.repeat(900)} and more`, 'Subject')).toEqual({ ok: true });
		expect(checkHeaderValue(`Hi ${'x'.repeat(901)}`, 'Subject')).toEqual({
			ok: false,
			failure: {
				field: 'Subject',
				error: 'Subject has a word of 901 characters without a space, over the 900 a header line can carry (RFC 5322 allows 998 per line)',
				value: `"${'x'.repeat(80)}…"`,
			},
		});
	});
});
