import { readRecipients, type Recipient } from '../../../nodes/MailshitSmtp/validation/addresses';

/** The recipients of an input that must parse. */
function parseRecipients(input: unknown, field: string): Recipient[] {
	const result = readRecipients(input, field);
	if (!result.ok) throw new Error(`expected recipients, got the failure "${result.failure.error}"`);
	return result.value;
}

/** The failure of an input that must not parse, without the ok flag. */
function parseError(input: unknown): { field: string; error: string; value?: string } {
	const result = readRecipients(input, 'To');
	if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
	const { field, error, value } = result.failure;
	return value === undefined ? { field, error } : { field, error, value };
}

describe('readRecipients: strings', () => {
	it.each<[string, string, Recipient[]]>([
		['empty string', '', []],
		['whitespace', '  \t ', []],
		['one address', 'a@x.com', [{ address: 'a@x.com' }]],
		['comma list with a Name <addr>', 'a@x.com, B <b@y.com>', [{ address: 'a@x.com' }, { name: 'B', address: 'b@y.com' }]],
		['semicolon list', 'a@x.com; b@y.com', [{ address: 'a@x.com' }, { address: 'b@y.com' }]],
		['quoted display name with a comma stays one recipient', '"Doe, John" <j@x.com>', [{ name: 'Doe, John', address: 'j@x.com' }]],
		['unquoted display name with a comma (addressparser joins the fragments)', 'Doe, John <j@x.com>', [{ name: 'Doe, John', address: 'j@x.com' }]],
		['escaped quote in a display name', '"Jo \\"JJ\\" Doe" <j@x.com>', [{ name: 'Jo "JJ" Doe', address: 'j@x.com' }]],
		['unicode display name', 'Jörg Müller <j@x.de>', [{ name: 'Jörg Müller', address: 'j@x.de' }]],
		['CJK display name', '山田 太郎 <taro@example.jp>', [{ name: '山田 太郎', address: 'taro@example.jp' }]],
		['display name holding an @ in quotes', '"b@y.com" <a@x.com>', [{ name: 'b@y.com', address: 'a@x.com' }]],
		['name as a comment', 'a@x.com (Ann)', [{ name: 'Ann', address: 'a@x.com' }]],
		['bare angle brackets', '<a@x.com>, <b@y.com>', [{ address: 'a@x.com' }, { address: 'b@y.com' }]],
		['an address repeated as its own display name', 'a@x.com <a@x.com>', [{ address: 'a@x.com' }]],
		['quoted local part', '"john doe"@example.com', [{ address: '"john doe"@example.com' }]],
		['unicode address', '用户@例子.广告', [{ address: '用户@例子.广告' }]],
		['empty entries are skipped', 'a@x.com, , b@y.com', [{ address: 'a@x.com' }, { address: 'b@y.com' }]],
		['trailing separators are skipped', 'a@x.com,;, ', [{ address: 'a@x.com' }]],
		['an empty group adds nothing', 'undisclosed-recipients:;', []],
		['an empty group beside an address', 'undisclosed-recipients:;, a@x.com', [{ address: 'a@x.com' }]],
		['text without @ is kept as the address, for validation to report', 'foo', [{ address: 'foo' }]],
		['a name with empty brackets is kept as the address', 'Name <>', [{ address: 'Name' }]],
	])('%s: %j', (_case, input, expected) => {
		expect(parseRecipients(input, 'To')).toEqual(expected);
	});
});

describe('readRecipients: arrays, objects and nothing', () => {
	it.each<[string, unknown, Recipient[]]>([
		['undefined', undefined, []],
		['null', null, []],
		['empty array', [], []],
		['array of strings', ['a@x.com', 'B <b@y.com>'], [{ address: 'a@x.com' }, { name: 'B', address: 'b@y.com' }]],
		['array element holding a list', ['a@x.com, b@y.com'], [{ address: 'a@x.com' }, { address: 'b@y.com' }]],
		['empty array elements are skipped', ['', null, undefined, ' ', 'a@x.com'], [{ address: 'a@x.com' }]],
		[
			'array of objects with address or email',
			[{ name: 'Ann', address: 'a@x.com' }, { name: 'Bob', email: 'b@y.com' }, { email: 'c@z.com' }],
			[{ name: 'Ann', address: 'a@x.com' }, { name: 'Bob', address: 'b@y.com' }, { address: 'c@z.com' }],
		],
		['mixed array', ['a@x.com', { name: 'Bob', email: 'b@y.com' }], [{ address: 'a@x.com' }, { name: 'Bob', address: 'b@y.com' }]],
		['nested arrays are flattened', [['a@x.com'], [['b@y.com']]], [{ address: 'a@x.com' }, { address: 'b@y.com' }]],
		['single object', { name: 'Doe, John', address: 'j@x.com' }, [{ name: 'Doe, John', address: 'j@x.com' }]],
		['object values are trimmed, an empty name dropped', { name: ' ', address: ' a@x.com ' }, [{ address: 'a@x.com' }]],
		['null name', { name: null, email: 'a@x.com' }, [{ address: 'a@x.com' }]],
		['address wins over email', { address: 'a@x.com', email: 'b@y.com' }, [{ address: 'a@x.com' }]],
		['an object address is not parsed as a list', { address: 'a@x.com, b@y.com' }, [{ address: 'a@x.com, b@y.com' }]],
	])('%s', (_case, input, expected) => {
		expect(parseRecipients(input, 'To')).toEqual(expected);
	});

	it('parses 10,000 recipients, as one string and as an array', () => {
		const addresses = Array.from({ length: 10_000 }, (_, i) => `user${i}@example${i % 50}.com`);
		const fromString = parseRecipients(addresses.map((a, i) => `"User ${i}" <${a}>`).join(', '), 'To');
		const fromArray = parseRecipients(addresses, 'To');
		expect(fromString).toHaveLength(10_000);
		expect(fromString[9_999]).toEqual({ name: 'User 9999', address: 'user9999@example49.com' });
		expect(fromArray.map((r) => r.address)).toEqual(addresses);
	});
});

describe('parseRecipients refuses input the parser would silently turn into other recipients', () => {
	const swallowed =
		'To has an @ that is not part of any address: separate addresses with commas, and put display names that contain @ in double quotes';
	const notAnAddress = (name: string) =>
		`To: "${name}" is not part of an email address: write a display name as Name <address>, and separate addresses with commas`;
	const groupSyntax =
		'To uses group syntax ("name: address, …;"), which is not supported: list the addresses separated by commas, and put display names that contain a colon in double quotes';

	it.each<[string, unknown, { field: string; error: string; value?: string }]>([
		// addressparser would read this as a group "a@x.com Bcc" containing evil@y.com
		['CRLF header injection', 'a@x.com\r\nBcc: evil@y.com', { field: 'To', error: 'To contains a line break (CR or LF)', value: '"a@x.com\\r\\nBcc: evil@y.com"' }],
		['LF and an empty Bcc', 'a@b.com\nBcc:', { field: 'To', error: 'To contains a line break (CR or LF)', value: '"a@b.com\\nBcc:"' }],
		['NUL', 'a@x.com\u0000', { field: 'To', error: 'To contains a control character (U+0000)', value: '"a@x.com\\u0000"' }],
		['group with a member (a stray "Bcc:")', 'Bcc: evil@y.com', { field: 'To', error: groupSyntax, value: '"Bcc: evil@y.com"' }],
		['group with members', 'Team: a@x.com, b@y.com;', { field: 'To', error: groupSyntax, value: '"Team: a@x.com, b@y.com;"' }],
		['missing comma between two addresses', 'a@x.com b@y.com', { field: 'To', error: notAnAddress('b@y.com'), value: '"b@y.com a@x.com"' }],
		['space inside a local part', 'john smith@x.com', { field: 'To', error: notAnAddress('john'), value: '"john smith@x.com"' }],
		['quoted name without angle brackets', '"Name" a@x.com', { field: 'To', error: notAnAddress('Name'), value: '"Name a@x.com"' }],
		['address after an angle-addr', '<a@x.com> b@y.com', { field: 'To', error: swallowed, value: '"b@y.com"' }],
		['address after Name <addr>', 'Name <a@x.com> b@y.com', { field: 'To', error: swallowed, value: '"Name b@y.com"' }],
		['another address as an unquoted display name', 'b@y.com <a@x.com>', { field: 'To', error: swallowed, value: '"b@y.com"' }],
		['an address swallowed into an empty group name', 'a@x.com Bcc:;', { field: 'To', error: swallowed, value: '"a@x.com Bcc:;"' }],
	])('%s', (_case, input, expected) => {
		expect(parseError(input)).toEqual(expected);
	});
});

describe('parseRecipients refuses values that are not recipients', () => {
	const wrongType = 'To must be an email address, a list of addresses, or an object with an address';
	const needsAddress = 'To: each recipient object needs an "address" or "email" property holding text';

	it.each<[string, unknown, { field: string; error: string; value?: string }]>([
		['number', 42, { field: 'To', error: wrongType, value: '"42"' }],
		['boolean', true, { field: 'To', error: wrongType, value: '"true"' }],
		['object without address', { name: 'Ann' }, { field: 'To', error: needsAddress }],
		['object with a numeric address', { address: 42 }, { field: 'To', error: needsAddress }],
		['object with a non-text name', { name: 5, address: 'a@x.com' }, { field: 'To', error: 'To: a recipient\'s "name" must be text', value: '"a@x.com"' }],
		['object with an empty address', { name: 'Ann', address: '  ' }, { field: 'To', error: 'To: a recipient object has an empty address', value: '"Ann"' }],
		['CRLF in an object address', { address: 'a@x.com\r\n' }, { field: 'To', error: 'To: an address contains a line break (CR or LF)', value: '"a@x.com\\r\\n"' }],
		[
			'CRLF in a display name',
			{ name: 'Ann\r\nBcc: evil@y.com', address: 'a@x.com' },
			{ field: 'To', error: 'To: a display name contains a line break (CR or LF)', value: '"Ann\\r\\nBcc: evil@y.com"' },
		],
		['lists nested too deep', [[[[[[[[['a@x.com']]]]]]]]], { field: 'To', error: 'To is nested more than 8 lists deep' }],
	])('%s', (_case, input, expected) => {
		expect(parseError(input)).toEqual(expected);
	});
});
