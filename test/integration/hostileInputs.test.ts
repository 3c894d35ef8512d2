/**
 * A corpus of hostile inputs, each with its exact outcome, through n8n's engine to a real
 * smtp-server with AUTH. Nothing is sent for a refused item, every refusal names its field, and
 * the password — which contains ":", "@", "%" and non-ASCII — appears in no output, error or log.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { captureLogs } from '../helpers/captureLogs';
import { passwordForms, smtpCredential, TEST_PASSWORD } from '../helpers/credentials';
import { runMailshitNode, type NodeRun, type RunNodeOptions } from '../helpers/n8nEngine';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../helpers/smtpSink';
import { mjmlDocument } from '../unit/template/fixtures';

const BASE = { operation: 'send', toEmail: '={{ $json.email }}', subject: 'Hello {{name|there}}', template: mjmlDocument('<mj-text>Hi {{name|there}}</mj-text>') };

type Expectation =
	| { refused: string; error: string }
	| { sent: (message: ReceivedMessage, result: IDataObject) => void }
	| { serverRefused: string };

interface Case {
	label: string;
	json?: IDataObject;
	binary?: INodeExecutionData['binary'];
	parameters?: IDataObject;
	expect: Expectation;
}

const manyRecipients = Array.from({ length: 10_000 }, (_, i) => `r${i}@example.com`).join(', ');
const deep = (depth: number) => `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`;
const pdf = { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' };

const cases: Case[] = [
	// header injection
	{ label: 'CR/LF in the subject parameter', parameters: { subject: '={{ "Hi\\r\\nBcc: evil@example.com" }}' }, expect: { refused: '_subject', error: '_subject contains a line break (CR or LF)' } },
	{ label: 'CR/LF in the item field _subject', json: { _subject: 'Hi\nBcc: evil@example.com' }, expect: { refused: '_subject', error: '_subject contains a line break (CR or LF)' } },
	{ label: 'CR/LF inside a variable value used in the subject: flattened, sent', json: { name: 'Ada\r\nBcc: evil@example.com' }, expect: { sent: (m) => { expect(m.parsed.subject).toBe('Hello Ada Bcc: evil@example.com'); expect(m.envelope.to).toEqual(['ada@example.com']); } } },
	{ label: 'CR/LF after an address', json: { email: 'ada@example.com\r\nBcc: evil@example.com' }, expect: { refused: '_to', error: '_to contains a line break (CR or LF)' } },
	{ label: 'CR/LF in a display name', parameters: { toEmail: '={{ { name: "Ada\\r\\nBcc: evil@example.com", address: "ada@example.com" } }}' }, expect: { refused: '_to', error: '_to: a display name contains a line break (CR or LF)' } },
	{ label: 'CR/LF in a custom header value', parameters: { options: { headers: { header: [{ name: 'X-Tag', value: 'a\r\nBcc: evil@example.com' }] } } }, expect: { refused: 'headers', error: 'headers: header "X-Tag" contains a line break (CR or LF)' } },
	{ label: 'a custom header name with a colon', parameters: { options: { headers: { header: [{ name: 'X-Evil: yes', value: '1' }] } } }, expect: { refused: 'headers', error: 'may only contain printable ASCII characters other than ":" and spaces' } },
	{ label: 'a custom Bcc header (would add hidden recipients)', parameters: { options: { headers: { header: [{ name: 'Bcc', value: 'evil@example.com' }] } } }, expect: { refused: 'headers', error: 'is set by the node itself and cannot be a custom header' } },
	{ label: 'a NUL byte in a header value', parameters: { options: { headers: { header: [{ name: 'X-Tag', value: 'a\u0000b' }] } } }, expect: { refused: 'headers', error: 'headers: header "X-Tag" contains a control character (U+0000)' } },
	{ label: 'a javascript: List-Unsubscribe URL', parameters: { options: { listUnsubscribe: { link: { url: 'javascript:alert(1)' } } } }, expect: { refused: 'listUnsubscribe', error: 'must start with https://' } },
	// addresses that are valid and must pass
	{ label: 'a quoted local part with a space (accepted; smtp-server itself refuses it)', json: { email: '"john doe"@example.com' }, expect: { serverRefused: '501 Error: Bad recipient address syntax' } },
	{ label: 'a comment in the address', json: { email: 'john(work)@example.com' }, expect: { sent: (m) => expect(m.envelope.to).toEqual(['john@example.com']) } },
	{ label: 'an IDN domain', json: { email: 'user@bücher.de' }, expect: { sent: (m, r) => { expect(m.envelope.to).toEqual(['user@bücher.de']); expect(r.accepted).toEqual(['user@xn--bcher-kva.de']); } } },
	{ label: 'a unicode local part and domain (SMTPUTF8)', json: { email: '用户@例子.广告' }, expect: { sent: (m) => expect(m.envelope.to).toEqual(['用户@例子.广告']) } },
	{ label: 'plus addressing and a subdomain', json: { email: 'ada+news@mail.example.co.uk' }, expect: { sent: (m) => expect(m.envelope.to).toEqual(['ada+news@mail.example.co.uk']) } },
	{ label: 'a display name with a comma, quotes and emoji', parameters: { toEmail: '={{ { name: "Lovelace, Ada \\"the first\\" 🚀", address: "ada@example.com" } }}' }, expect: { sent: (m) => expect(m.parsed.to).toMatchObject({ value: [{ name: 'Lovelace, Ada "the first" 🚀', address: 'ada@example.com' }] }) } },
	{ label: 'empty entries in a list are skipped', parameters: { toEmail: 'a@example.com, , b@example.com,' }, expect: { sent: (m) => expect(m.envelope.to).toEqual(['a@example.com', 'b@example.com']) } },
	// addresses that must be refused
	{ label: 'an empty recipient', json: { email: '' }, expect: { refused: '_to', error: 'No recipient: fill in To, or give the item a _to field' } },
	{ label: 'a whitespace recipient', json: { email: '   ' }, expect: { refused: '_to', error: 'No recipient' } },
	{ label: 'two @ outside quotes', json: { email: 'a@b@example.com' }, expect: { refused: '_to', error: 'more than one @ outside quotes' } },
	{ label: 'a trailing dot in the domain', json: { email: 'ada@example.com.' }, expect: { refused: '_to', error: 'Invalid email address' } },
	{ label: 'a number instead of an address', json: { email: 42 }, expect: { refused: '_to', error: '_to must be an email address, a list of addresses, or an object with an address' } },
	{ label: 'a bad address in an array of CC', json: { _cc: ['ok@example.com', 'not-an-address'] }, expect: { refused: '_cc', error: 'Invalid email address "not-an-address" in _cc: missing @' } },
	{ label: 'a bad address in the CC parameter', parameters: { addressing: { ccEmail: 'not-an-address' } }, expect: { refused: '_cc', error: 'Invalid email address "not-an-address" in _cc: missing @' } },
	{ label: 'a file URL as an address', json: { email: 'file:///etc/passwd' }, expect: { refused: '_to', error: '_to uses group syntax ("name: address, …;"), which is not supported' } },
	{ label: '10,000 recipients in one message', parameters: { toEmail: manyRecipients }, expect: { refused: '_to', error: '10000 recipients in one message (To, CC and BCC together), over the limit of 1000' } },
	// templates
	{ label: 'malformed MJML names the line', parameters: { template: '<mjml>\n<mj-body>\n<mj-section>\n<mj-column><mj-text>Hi</mj-column>\n</mj-section></mj-body></mjml>' }, expect: { refused: 'template', error: 'Malformed MJML: <mj-text> opened at line 4:12 is not closed before </mj-column> at line 4:23' } },
	{ label: 'an invalid MJML attribute names the line', parameters: { template: '<mjml>\n<mj-body>\n<mj-section><mj-column><mj-image width="wide" src="x.png" /></mj-column></mj-section>\n</mj-body>\n</mjml>' }, expect: { refused: 'template', error: 'Invalid MJML: Line 3 (mj-image): Attribute width has invalid value: wide' } },
	{ label: 'mj-include of /etc/passwd', parameters: { template: mjmlDocument('<mj-include path="/etc/passwd" />') }, expect: { refused: 'template', error: 'mj-include is disabled: templates cannot read files or URLs (line 1:39)' } },
	{ label: 'a huge MJML template (2 MB)', parameters: { template: mjmlDocument(`<mj-text>${'x'.repeat(2 * 1024 * 1024)}</mj-text>`) }, expect: { refused: 'template', error: 'over the 1 MB limit' } },
	{ label: 'a variable holding <script> is escaped', json: { name: '<script>alert(1)</script>' }, expect: { sent: (m) => { expect(m.parsed.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;'); expect(m.parsed.html).not.toContain('<script>alert'); } } },
	{ label: 'a variable holding {{nested}} braces is not re-expanded', json: { name: '{{secret}} {{{raw}}}', secret: 'LEAK' }, expect: { sent: (m) => { expect(m.parsed.html).toContain('Hi {{secret}} {{{raw}}}'); expect(m.parsed.html).not.toContain('LEAK'); } } },
	// attachments and file/URL access
	{ label: 'an attachment from a missing binary property', parameters: { options: { attachments: 'invoice' } }, expect: { refused: 'attachments', error: 'Binary property "invoice" not found on this item (it has no binary data)' } },
	{ label: 'an attachment over the size limit', binary: { big: { data: Buffer.alloc(3 * 1024 * 1024).toString('base64'), mimeType: 'application/octet-stream', fileName: 'big.bin' } }, parameters: { options: { attachments: 'big', maxAttachmentSizeMb: 2 } }, expect: { refused: 'attachments', error: 'Attachments add up to 3.0 MB, over the 2 MB limit (Max Attachment Size)' } },
	{ label: 'a nodemailer attachment object with a path, from item data', json: { files: [{ path: '/etc/passwd' }] }, parameters: { options: { attachments: '={{ $json.files }}' } }, expect: { refused: 'attachments', error: 'objects with a path or URL are refused' } },
	{ label: 'a file:// URL as an attachment', parameters: { options: { attachments: 'file:///etc/passwd' } }, expect: { refused: 'attachments', error: 'is a path or URL, not a binary property name' } },
	{ label: 'an http:// URL as an attachment', parameters: { options: { attachments: '={{ ["http://127.0.0.1:1/x"] }}' } }, expect: { refused: 'attachments', error: 'is a path or URL, not a binary property name' } },
	{ label: 'a path as an attachment', parameters: { options: { attachments: '/etc/passwd' } }, expect: { refused: 'attachments', error: 'is a path or URL' } },
	{ label: 'a real attachment still works', binary: { doc: pdf }, parameters: { options: { attachments: 'doc' } }, expect: { sent: (m) => expect(m.parsed.attachments.map((a) => a.filename)).toEqual(['a.pdf']) } },
	// input that must neither hang nor alter the n8n process
	{ label: 'a Fields Below name that walks into __proto__', parameters: { variablesSource: 'keyValue', variables: { values: [{ name: '__proto__.polluted', value: 'yes' }] } }, expect: { refused: 'variables', error: 'Variable name "__proto__.polluted" uses "__proto__", which cannot be a variable name' } },
	{ label: 'a Fields Below name through constructor.prototype', parameters: { variablesSource: 'keyValue', variables: { values: [{ name: 'constructor.prototype.polluted', value: 'yes' }] } }, expect: { refused: 'variables', error: 'uses "constructor"' } },
	{ label: 'a binary property named "constructor" (an inherited property)', json: {}, binary: { doc: pdf }, parameters: { options: { attachments: 'constructor' } }, expect: { refused: 'attachments', error: 'Binary property "constructor" not found on this item (it has: doc)' } },
	{ label: 'an inline image from the binary property "__proto__"', binary: { doc: pdf }, parameters: { options: { inlineImages: { image: [{ binaryProperty: '__proto__', cid: 'logo' }] } } }, expect: { refused: 'inlineImages', error: 'Binary property "__proto__" not found on this item' } },
	{ label: 'a raw value nested 20,000 elements deep', json: { html: deep(20_000) }, parameters: { templateFormat: 'html', template: '<p>Hi {{{html}}}</p>' }, expect: { refused: 'html', error: 'The value of html nests HTML elements 20000 deep, over the 200 the node accepts' } },
	{ label: 'a template nested 20,000 elements deep', parameters: { templateFormat: 'html', template: `<p>Hi {{name|there}}</p>${deep(20_000)}` }, expect: { refused: 'template', error: 'The template nests HTML elements 20000 deep' } },
	{ label: 'a raw value nested 150 deep is sent, its text part cut short of nothing', json: { html: deep(150) }, parameters: { templateFormat: 'html', template: '<p>Hi {{{html}}}</p>' }, expect: { sent: (m) => expect(m.parsed.text).toContain('x') } },
	{ label: 'a rule with overlapping alternation on a long value', json: { name: `${'a'.repeat(999)}!` }, parameters: { options: { validationRules: { rule: [{ variable: 'name', pattern: '^(a|a)+$' }] } } }, expect: { refused: 'name', error: 'name does not match the pattern /^(a|a)+$/' } },
	{ label: 'a rule with stacked quantifiers on a long value', json: { name: `${'a'.repeat(999)}!` }, parameters: { options: { validationRules: { rule: [{ variable: 'name', pattern: '^\\w*\\w*\\w*\\w*\\w*$' }] } } }, expect: { refused: 'name', error: 'does not match the pattern' } },
	{ label: 'an item _subject that is an object', json: { _subject: { text: 'Hi' } }, expect: { refused: '_subject', error: '_subject must be text, not a value of type object' } },
	{ label: 'an item _subject that is an array', json: { _subject: ['Hi', 'there'] }, expect: { refused: '_subject', error: '_subject must be text, not a list' } },
	{ label: 'a custom Content-Disposition header', parameters: { options: { headers: { header: [{ name: 'Content-Disposition', value: 'attachment; filename="x.exe"' }] } } }, expect: { refused: 'headers', error: 'headers: "Content-Disposition" is a MIME content header, which the node writes for each part itself' } },
	{ label: 'a subject with a 2,000-character word', json: { _subject: `Hi ${'x'.repeat(2000)}` }, expect: { refused: '_subject', error: 'has a word of 2000 characters without a space' } },
	{ label: 'a subject whose value adds a 2,000-character word', json: { name: 'y'.repeat(2000) }, expect: { refused: '_subject', error: 'Subject: _subject has a word of 2000 characters' } },
	{ label: 'a custom header value with a 2,000-character word', parameters: { options: { headers: { header: [{ name: 'X-Tag', value: 'z'.repeat(2000) }] } } }, expect: { refused: 'headers', error: 'has a word of 2000 characters' } },
	{ label: 'a display name with a 2,000-character word', parameters: { toEmail: `={{ { name: "${'n'.repeat(2000)}", address: "ada@example.com" } }}` }, expect: { refused: '_to', error: '_to: a display name has a word of 2000 characters' } },
	{ label: 'an attachment file name of 1,000 characters', binary: { doc: { ...pdf, fileName: `${'f'.repeat(996)}.pdf` } }, parameters: { options: { attachments: 'doc' } }, expect: { refused: 'attachments', error: 'The file name of binary property "doc" is 1000 characters long, over 255' } },
	{ label: 'a long subject with spaces is folded and sent', json: { _subject: Array(400).fill('word').join(' ') }, expect: { sent: (m) => { expect(m.parsed.subject).toBe(Array(400).fill('word').join(' ')); expect(Math.max(...m.raw.toString().split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998); } } },
	{ label: 'an inline Content-ID with a space', binary: { logo: pdf }, parameters: { options: { inlineImages: { image: [{ binaryProperty: 'logo', cid: 'my logo' }] } } }, expect: { refused: 'inlineImages', error: 'Content ID "my logo" may hold only letters, digits' } },
	{ label: 'an unquoted attribute holding a variable', json: { url: 'https://x.test/ onmouseover=alert(1)' }, parameters: { templateFormat: 'html', template: '<a href={{url}}>Open</a>' }, expect: { refused: 'template', error: 'The template puts a variable in an attribute without quotes (href={{url}})' } },
	{ label: 'a quoted attribute keeps the value inside', json: { url: 'https://x.test/" onmouseover="alert(1)' }, parameters: { templateFormat: 'html', template: '<a href="{{url}}">Open</a>' }, expect: { sent: (m) => expect(m.parsed.html).toContain('href="https://x.test/%22%20onmouseover=%22alert(1)"') } },
	{ label: 'a missing variable with a 100,000-character name is named in 80', parameters: { templateFormat: 'text', template: `Hi {{${'v'.repeat(100_000)}}}` }, expect: { refused: 'v'.repeat(80) + '…', error: `Missing variable: ${'v'.repeat(80)}…` } },
	{ label: 'an IDN From address: the Message-ID domain in ASCII', parameters: { addressing: { fromEmail: 'news@bücher.de' } }, expect: { sent: (m, r) => { expect(r.messageId).toMatch(/^<[0-9a-f-]{36}@xn--bcher-kva\.de>$/); expect(m.parsed.messageId).toBe(r.messageId); } } },
	// variables and options
	{ label: 'invalid JSON in Variables (JSON)', parameters: { variablesSource: 'json', variablesJson: '{ not json' }, expect: { refused: 'variablesJson', error: 'Variables (JSON) is not valid JSON' } },
	{ label: 'unicode and emoji in the subject', json: { name: 'Zoë 🚀 Ünïcödé' }, expect: { sent: (m) => expect(m.parsed.subject).toBe('Hello Zoë 🚀 Ünïcödé') } },
];

let sink: SmtpSink;

beforeAll(async () => {
	sink = await startSmtpSink({ tls: 'plain', auth: { user: 'mailer', pass: TEST_PASSWORD }, authRequired: true });
});
afterAll(async () => {
	await sink.close();
});

/** The password as given, URL-encoded and as it goes over the wire in AUTH PLAIN; the wrong one as given and in AUTH PLAIN. */
const PASSWORD_FORMS = [
	...passwordForms('mailer', TEST_PASSWORD),
	`${TEST_PASSWORD}-wrong`,
	Buffer.from(`\0mailer\0${TEST_PASSWORD}-wrong`).toString('base64'),
];

/** Runs the node with its logs captured, and checks that no output, error or log line holds the password in any form. */
async function runWithoutLeak(options: RunNodeOptions): Promise<NodeRun> {
	const { value, lines } = await captureLogs(() => runMailshitNode(options));
	const texts = [JSON.stringify(value.main), JSON.stringify(value.error ?? null), ...lines];
	for (const text of texts) for (const form of PASSWORD_FORMS) expect(text).not.toContain(form);
	return value;
}

function run(testCase: Case): Promise<NodeRun> {
	return runWithoutLeak({
		items: [{ json: { email: 'ada@example.com', ...testCase.json }, ...(testCase.binary ? { binary: testCase.binary } : {}) }],
		parameters: { ...BASE, ...testCase.parameters },
		credential: smtpCredential(sink.port, { user: 'mailer', password: TEST_PASSWORD }),
		onError: 'continueRegularOutput',
	});
}

describe(`hostile inputs (${cases.length} cases): each has its exact outcome, and the password leaves no trace`, () => {
	it.each(cases.map((c) => [c.label, c] as const))('%s', async (_label, testCase) => {
		const before = sink.messages.length;
		const result = await run(testCase);
		expect(result.error).toBeUndefined();
		const json = result.main[0].json;
		const expected = testCase.expect;
		if ('refused' in expected) {
			expect(json).toMatchObject({ success: false, type: 'validation_failed', field: expected.refused });
			expect(json.error).toContain(expected.error);
			expect(sink.messages.length).toBe(before);
		} else if ('serverRefused' in expected) {
			expect(json).toMatchObject({ success: false, type: 'send_failed', code: 'EENVELOPE' });
			expect(json.error).toContain(expected.serverRefused);
		} else {
			expect(json).toMatchObject({ success: true, type: 'sent' });
			const [message] = await sink.waitForMessages(before + 1).then((all) => all.slice(before));
			expected.sent(message, json);
		}
	});
});

describe('the password never leaves', () => {
	it('a wrong password with ":", "@", "%" and unicode: refused login, hint, and no trace of it', async () => {
		const result = await runWithoutLeak({
			items: [{ json: { email: 'ada@example.com' } }],
			parameters: BASE,
			credential: smtpCredential(sink.port, { user: 'mailer', password: `${TEST_PASSWORD}-wrong` }),
		});
		expect(result.error).toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('Authentication failed for user "mailer"') });
	});
});

describe('nothing an item holds writes to a prototype', () => {
	it('Object.prototype is untouched after every case above', () => {
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
