import { validateAddress } from '../../../nodes/MailshitSmtp/validation/addresses';
import type { AddressValidationOptions } from '../../../nodes/MailshitSmtp/validation/addresses';

const repeat = (text: string, count: number) => text.repeat(count);
const label63 = repeat('d', 63);

describe('validateAddress accepts what MTAs and nodemailer accept', () => {
	it.each<[string, string]>([
		['plain', 'a@x.com'],
		['dots in the local part', 'john.doe@example.com'],
		['plus addressing', 'john.doe+newsletter@example.com'],
		['subdomains', 'user@mail.eu.example.co.uk'],
		['a digits-only label that is not the TLD', 'user@123.example.com'],
		['hyphen inside a label', 'user@my-host.example.com'],
		['every RFC 5322 atext symbol', "!#$%&'*+-/=?^_`{|}~@example.com"],
		['apostrophe', "o'brien@example.ie"],
		['quoted local part with a space', '"john doe"@example.com'],
		['quoted local part with two dots', '"john..doe"@example.com'],
		['quoted local part with an escaped quote', '"a\\"b"@x.com'],
		['quoted local part holding an @ (RFC 5321 §4.1.2)', '"user@evil.com"@good.com'],
		['unicode local part and domain (RFC 6531)', '用户@例子.广告'],
		['unicode local part, ASCII domain', 'jörg@example.de'],
		['IDN domain', 'user@bücher.de'],
		['punycode domain', 'user@xn--bcher-kva.de'],
		['upper case', 'John.Doe@Example.COM'],
		['local part of exactly 64 characters', `${repeat('a', 64)}@x.com`],
		['domain label of exactly 63 characters', `a@${label63}.com`],
		// ASCII local part: nodemailer sends the domain as an A-label (26 + 131 characters), not as
		// its 191 bytes of UTF-8, so this is 222 octets on the wire.
		['IDN address measured as sent', `${repeat('a', 64)}@${repeat('例', 20)}.${label63}.${label63}.de`],
		['address of exactly 254 characters', `${repeat('a', 64)}@${label63}.${label63}.${repeat('d', 57)}.com`],
		// IDNA2008 permits ZWNJ and ZWJ in context (RFC 5892 Appendix A.1–A.2).
		['ZWNJ', 'a\u200cb@example.com'],
	])('%s: %s', (_case, address) => {
		expect(validateAddress(address)).toEqual({ ok: true });
	});

	it.each<[string, string, AddressValidationOptions]>([
		['single-label domain when allowed', 'user@localhost', { allowSingleLabelDomain: true }],
		['IPv4 literal when allowed', 'user@[192.0.2.1]', { allowDomainLiteral: true }],
		['IPv6 literal when allowed', 'user@[IPv6:2001:db8::1]', { allowDomainLiteral: true }],
		['IPv6 tag in any case', 'user@[ipv6:::1]', { allowDomainLiteral: true }],
	])('%s: %s', (_case, address, options) => {
		expect(validateAddress(address, options)).toEqual({ ok: true });
	});
});

describe('validateAddress refuses malformed addresses with a short reason', () => {
	it.each<[string, unknown, string]>([
		['empty', '', 'it is empty'],
		['whitespace only', '   ', 'it is empty'],
		['not a string', 42, 'it is not text'],
		['missing @', 'foo.example.com', 'missing @'],
		['quoted text without @', '"john doe"', 'missing @'],
		['two @ outside quotes', 'a@b@c.com', 'more than one @ outside quotes'],
		['empty local part', '@x.com', 'nothing before the @'],
		['empty domain', 'a@', 'nothing after the @'],
		['leading dot', '.a@x.com', 'the part before the @ starts with a dot'],
		['trailing dot', 'a.@x.com', 'the part before the @ ends with a dot'],
		['double dot', 'a..b@x.com', 'the part before the @ has two dots in a row'],
		['space', 'a b@x.com', 'it contains a space (spaces are only allowed inside quotes)'],
		['leading space', ' a@x.com', 'it contains a space (spaces are only allowed inside quotes)'],
		['no-break space', 'a\u00a0b@x.com', 'it contains a space (spaces are only allowed inside quotes)'],
		['comma', 'a,b@x.com', 'it contains ",", which is only allowed inside quotes'],
		['backslash', 'a\\b@x.com', 'it contains "\\\\", which is only allowed inside quotes'],
		['quote in the middle', 'a"b"@x.com', 'it contains a quote (") that does not enclose the whole part before the @'],
		['CRLF header injection', 'a@x.com\r\nBcc: evil@y.com', 'it contains a line break (CR or LF)'],
		['trailing LF', 'a@x.com\n', 'it contains a line break (CR or LF)'],
		['NUL', 'a\u0000@x.com', 'it contains a control character (U+0000)'],
		['tab', 'a\tb@x.com', 'it contains a control character (U+0009)'],
		['DEL', 'a\u007f@x.com', 'it contains a control character (U+007F)'],
		['bidi override', 'a\u202e@x.com', 'it contains an invisible or invalid character (U+202E)'],
		// An allowed ZWNJ first must not hide a forbidden character after it.
		['bidi override after a ZWNJ', 'a\u200cb\u202ec@example.com', 'it contains an invisible or invalid character (U+202E)'],
		['bidi override after a ZWNJ, same as without', 'ab\u202ec@example.com', 'it contains an invisible or invalid character (U+202E)'],
		['zero-width space', 'a\u200b@x.com', 'it contains an invisible or invalid character (U+200B)'],
		['lone surrogate', '\ud800@x.com', 'it contains an invisible or invalid character (U+D800)'],
		['<script>', '<script>@x.com', 'it contains < or >'],
		['angle brackets around the address', '<a@x.com>', 'it contains < or >'],
		['angle brackets inside quotes', '"<script>"@x.com', 'it contains < or >'],
		['unclosed quotes', '"john@x.com', 'the quotes before the @ are not closed'],
		['empty quotes', '""@x.com', 'the quotes before the @ are empty'],
		['text after the closing quote', '"a"b@x.com', 'there is text between the closing quote and the @'],
		['backslash before non-ASCII in quotes', '"a\\é"@x.com', 'a backslash inside the quotes must be followed by a printable ASCII character'],
		['local part over 64 characters', `${repeat('a', 65)}@x.com`, 'the part before the @ is longer than 64 characters'],
		['local part over 64 bytes of UTF-8', `${repeat('ü', 33)}@x.com`, 'the part before the @ is longer than 64 bytes (UTF-8)'],
		['label over 63 characters', `a@${repeat('d', 64)}.com`, 'a domain label is longer than 63 characters'],
		['IDN label of 60 characters, 67 after encoding', `a@${repeat('bücher', 10)}.de`, 'a domain label is longer than 63 characters (after IDN encoding)'],
		['domain over 253 characters', `a@${[label63, label63, label63, label63].join('.')}`, 'the domain is longer than 253 characters'],
		['address over 254 characters', `${repeat('a', 64)}@${label63}.${label63}.${repeat('d', 58)}.com`, 'the address is longer than 254 characters'],
		// Non-ASCII local part: nodemailer keeps the domain in UTF-8 (SMTPUTF8), 64 + 1 + 191 octets.
		['SMTPUTF8 address measured as sent', `${repeat('ü', 32)}@${repeat('例', 20)}.${label63}.${label63}.de`, 'the address is longer than 254 characters'],
		['numeric TLD', 'a@x.123', 'the top-level domain is all digits'],
		['bare IPv4', 'a@192.0.2.1', 'the top-level domain is all digits'],
		['single-label domain', 'user@localhost', 'the domain has no dot (expected something like example.com)'],
		['domain with trailing dot', 'a@x.com.', 'the domain ends with a dot'],
		['domain with leading dot', 'a@.x.com', 'the domain starts with a dot'],
		['domain with double dot', 'a@x..com', 'the domain has two dots in a row'],
		['label starting with a hyphen', 'a@-x.com', 'a domain label starts or ends with a hyphen'],
		['label ending with a hyphen', 'a@x-.com', 'a domain label starts or ends with a hyphen'],
		['underscore in the domain', 'a@x_y.com', 'the domain contains "_"'],
		['percent escape in the domain', 'a@ex%61mple.com', 'the domain contains "%"'],
		['space in the domain', 'a@x .com', 'the domain contains a space'],
		['no-break space in the domain', 'a@x\u00a0.com', 'the domain contains a space'],
		['> in the domain', 'a@x.com>', 'it contains < or >'],
		['broken punycode', 'a@xn--zz.com', 'the domain is not a valid internationalized domain name'],
		['fullwidth symbol that maps to _', 'a@x\uff3fy.com', 'the domain may only contain letters, digits, hyphens and dots'],
		['IP literal by default', 'user@[192.0.2.1]', 'IP address literals like [192.0.2.1] are not accepted'],
	])('%s: %j', (_case, address, reason) => {
		expect(validateAddress(address)).toEqual({ ok: false, failure: `Invalid email address: ${reason}` });
	});

	it.each<[string, string, AddressValidationOptions, string]>([
		['numeric single label even when allowed', 'user@123', { allowSingleLabelDomain: true }, 'the top-level domain is all digits'],
		['invalid IPv4 literal', 'user@[999.0.2.1]', { allowDomainLiteral: true }, 'the IP address in brackets is not a valid IPv4 or IPv6 address'],
		['IPv6 without its tag', 'user@[2001:db8::1]', { allowDomainLiteral: true }, 'the IP address in brackets is not a valid IPv4 or IPv6 address'],
		['IPv6 zone id', 'user@[IPv6:fe80::1%eth0]', { allowDomainLiteral: true }, 'the IP address in brackets is not a valid IPv4 or IPv6 address'],
		['unclosed literal', 'user@[192.0.2.1', { allowDomainLiteral: true }, 'the [ after the @ is not closed'],
	])('%s: %j', (_case, address, options, reason) => {
		expect(validateAddress(address, options)).toEqual({ ok: false, failure: `Invalid email address: ${reason}` });
	});
});
