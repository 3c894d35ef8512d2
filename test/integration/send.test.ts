/**
 * Send through n8n's execution engine to a real smtp-server, asserting on what arrived.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import type { SentResult } from '../../nodes/MailshitSmtp/results';
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import type { SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const WELCOME_MJML = `<mjml>
  <mj-head><mj-title>Welcome {{name}}</mj-title></mj-head>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hello {{name}}, your order {{order.id}} ships to {{order.city|your door}}.</mj-text>
        <mj-button href="https://shop.example.com/o/{{order.id}}">Track order</mj-button>
        <mj-image src="cid:logo" alt="logo" />
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const startSink = useSmtpSinks({ tls: 'plain' });
let sink: SmtpSink;
beforeEach(async () => {
	sink = await startSink();
});

function sendParameters(extra: Record<string, unknown> = {}) {
	return {
		operation: 'send',
		// the object form keeps any display name intact, even one with "<" or ","
		toEmail: '={{ { name: $json.name, address: $json.email } }}',
		subject: 'Order {{order.id}} for {{name}}',
		template: WELCOME_MJML,
		...extra,
	};
}

describe('Send: one personalised MJML email per item', () => {
	it('subject, from/to, escaped variables, HTML and text parts arrive; output pairs with input', async () => {
		const items = jsonItems([
			{ name: 'Ada <script>alert(1)</script>', email: 'ada@example.com', order: { id: 'A-1', city: 'London' } },
			{ name: 'Bob & "Co"', email: 'bob@example.com', order: { id: 'B-2' } },
		]);
		const result = await runMailshitNode({ items, parameters: sendParameters(), credential: smtpCredential(sink.port) });
		expect(result.error).toBeUndefined();
		await sink.waitForMessages(2);

		const byRecipient = new Map(sink.messages.map((m) => [m.envelope.to[0], m]));
		const ada = byRecipient.get('ada@example.com')!;
		expect(ada.parsed.subject).toBe('Order A-1 for Ada <script>alert(1)</script>');
		expect(ada.parsed.from?.value).toEqual([{ name: 'Sender', address: 'sender@example.com' }]);
		// the credential's Client Host Name is what the server saw in EHLO
		expect(ada.session.clientHostName).toBe('n8n.test');
		expect(ada.parsed.to).toMatchObject({ value: [{ name: 'Ada <script>alert(1)</script>', address: 'ada@example.com' }] });
		const html = ada.parsed.html as string;
		expect(html).toContain('Hello Ada &lt;script&gt;alert(1)&lt;/script&gt;, your order A-1 ships to London.');
		expect(html).not.toContain('<script>alert(1)');
		expect(html).toContain('href="https://shop.example.com/o/A-1"');
		expect(html).toContain('<title>Welcome Ada &lt;script&gt;alert(1)&lt;/script&gt;</title>');
		expect(html).toMatch(/^<!doctype html>/i);
		expect(ada.parsed.text).toContain('Hello Ada <script>alert(1)</script>, your order A-1 ships to London.');
		expect(ada.parsed.text).toContain('Track order [https://shop.example.com/o/A-1]');

		const bob = byRecipient.get('bob@example.com')!;
		expect(bob.parsed.html).toContain('Hello Bob &amp; &quot;Co&quot;, your order B-2 ships to your door.');
		expect(bob.parsed.subject).toBe('Order B-2 for Bob & "Co"');

		expect(result.main).toHaveLength(2);
		result.main.forEach((item: INodeExecutionData, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			const json = item.json as unknown as SentResult;
			expect(json).toEqual({
				success: true,
				type: 'sent',
				messageId: expect.stringMatching(/^<[0-9a-f-]{36}@example\.com>$/),
				accepted: [index === 0 ? 'ada@example.com' : 'bob@example.com'],
				rejected: [],
				response: expect.stringMatching(/^250 /),
			});
		});
		expect(sink.messages.map((m) => m.parsed.messageId).sort()).toEqual(result.main.map((i) => i.json.messageId).sort());
	});

	it('CC, BCC, Reply-To and From override; item fields _to, _cc, _bcc, _replyTo, _subject win', async () => {
		const items = jsonItems([
			{ name: 'Ada', email: 'ada@example.com', order: { id: '1' } },
			{ name: 'Bob', email: 'bob@example.com', order: { id: '2' }, _to: ['x@example.com', 'Why <y@example.com>'], _cc: 'c2@example.com', _bcc: 'b2@example.com', _replyTo: 'r2@example.com', _subject: 'Special {{order.id}}' },
		]);
		const parameters = sendParameters({
			addressing: { ccEmail: 'cc@example.com', bccEmail: 'bcc@example.com', replyTo: 'Support <help@example.com>', fromEmail: 'news@example.org', fromName: 'News "Desk"' },
		});
		const result = await runMailshitNode({ items, parameters, credential: smtpCredential(sink.port) });
		expect(result.error).toBeUndefined();
		await sink.waitForMessages(2);
		const first = sink.messages.find((m) => m.envelope.to.includes('ada@example.com'))!;
		expect(first.envelope).toEqual({ from: 'news@example.org', to: ['ada@example.com', 'cc@example.com', 'bcc@example.com'] });
		expect(first.parsed.from?.value).toEqual([{ name: 'News "Desk"', address: 'news@example.org' }]);
		expect(first.parsed.cc).toMatchObject({ value: [{ address: 'cc@example.com' }] });
		expect(first.parsed.headers.has('bcc')).toBe(false);
		expect(first.parsed.replyTo).toMatchObject({ value: [{ name: 'Support', address: 'help@example.com' }] });
		expect(first.parsed.subject).toBe('Order 1 for Ada');

		const second = sink.messages.find((m) => m.envelope.to.includes('x@example.com'))!;
		expect(second.envelope.to).toEqual(['x@example.com', 'y@example.com', 'c2@example.com', 'b2@example.com']);
		expect(second.parsed.replyTo).toMatchObject({ value: [{ address: 'r2@example.com' }] });
		expect(second.parsed.subject).toBe('Special 2');
	});

	it('subject priority: the item\'s _subject, then Subject, then Template Name', async () => {
		const items = jsonItems([
			{ name: 'Ada', email: 'ada@example.com', order: { id: '1' }, _subject: 'Yours, {{name}}' },
			{ name: 'Bob', email: 'bob@example.com', order: { id: '2' } },
		]);
		const withSubject = await runMailshitNode({ items, parameters: sendParameters({ templateName: 'Weekly digest for {{name}}' }), credential: smtpCredential(sink.port) });
		const withoutSubject = await runMailshitNode({ items, parameters: sendParameters({ subject: '', templateName: 'Weekly digest for {{name}}' }), credential: smtpCredential(sink.port) });
		expect([withSubject.error, withoutSubject.error]).toEqual([undefined, undefined]);
		await sink.waitForMessages(4);
		expect(sink.messages.map((m) => m.parsed.subject).sort()).toEqual(['Order 2 for Bob', 'Weekly digest for Bob', 'Yours, Ada', 'Yours, Ada']);
	});

	it('with item overrides switched off, _to and _subject are plain data', async () => {
		const items = jsonItems([{ name: 'Ada', email: 'ada@example.com', order: { id: '1' }, _to: 'x@example.com', _subject: 'ignored' }]);
		const parameters = sendParameters({ options: { useItemOverrides: false } });
		await runMailshitNode({ items, parameters, credential: smtpCredential(sink.port) });
		await sink.waitForMessages(1);
		expect(sink.messages[0].envelope.to).toEqual(['ada@example.com']);
		expect(sink.messages[0].parsed.subject).toBe('Order 1 for Ada');
	});

	it('attachments: a regular one and an inline image in multipart/related, referenced by cid', async () => {
		const items: INodeExecutionData[] = [
			{
				json: { name: 'Ada', email: 'ada@example.com', order: { id: '1' } },
				binary: {
					invoice: { data: Buffer.from('%PDF-1.4 invoice').toString('base64'), mimeType: 'application/pdf', fileName: 'invoice-1.pdf' },
					logoFile: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'logo.png' },
				},
			},
		];
		const parameters = sendParameters({
			options: { attachments: 'invoice', inlineImages: { image: [{ binaryProperty: 'logoFile', cid: 'logo' }] } },
		});
		const result = await runMailshitNode({ items, parameters, credential: smtpCredential(sink.port) });
		expect(result.error).toBeUndefined();
		const [message] = await sink.waitForMessages(1);
		const raw = message.raw.toString();
		expect(raw).toMatch(/Content-Type: multipart\/related/i);
		expect(raw).toMatch(/Content-Type: multipart\/mixed/i);
		const invoice = message.parsed.attachments.find((a) => a.filename === 'invoice-1.pdf')!;
		expect(invoice.contentDisposition).toBe('attachment');
		expect(invoice.contentType).toBe('application/pdf');
		expect(invoice.content.toString()).toBe('%PDF-1.4 invoice');
		const logo = message.parsed.attachments.find((a) => a.filename === 'logo.png')!;
		expect(logo.contentDisposition).toBe('inline');
		expect(logo.cid).toBe('logo');
		expect(logo.content.equals(PNG)).toBe(true);
		expect(message.parsed.html).toContain('src="cid:logo"');
	});

	it('custom headers, one List-Unsubscribe header with one-click, and priority', async () => {
		const items = jsonItems([{ name: 'Ada', email: 'ada@example.com', order: { id: '1' }, uid: 'u-42' }]);
		const parameters = sendParameters({
			options: {
				headers: { header: [{ name: 'X-Campaign', value: 'autumn-2026' }] },
				listUnsubscribe: { link: { url: 'https://example.com/unsub?u={{uid}}', email: 'unsubscribe@example.com', oneClick: true } },
				priority: 'high',
			},
		});
		await runMailshitNode({ items, parameters, credential: smtpCredential(sink.port) });
		const [message] = await sink.waitForMessages(1);
		// unfold header lines (RFC 5322 §2.2.3) before matching whole headers
		const raw = message.raw.toString().replace(/\r?\n[ \t]+/g, ' ');
		expect(message.parsed.headers.get('x-campaign')).toBe('autumn-2026');
		expect(raw.match(/^List-Unsubscribe:/gim)).toHaveLength(1);
		expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/example\.com\/unsub\?u=u-42>, <mailto:unsubscribe@example\.com>\r?$/m);
		expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
		expect(raw).toMatch(/^X-Priority: 1 \(Highest\)\r?$/m);
		expect(raw).toMatch(/^Importance: High\r?$/m);
	});

	it('variables from a JSON parameter, and from key-value fields with dotted names', async () => {
		const items = jsonItems([{ email: 'ada@example.com' }]);
		await runMailshitNode({
			items,
			parameters: sendParameters({ toEmail: '={{ $json.email }}', variablesSource: 'json', variablesJson: '={{ JSON.stringify({ name: "Json Ada", order: { id: "J-1" } }) }}' }),
			credential: smtpCredential(sink.port),
		});
		await runMailshitNode({
			items,
			parameters: sendParameters({
				toEmail: '={{ $json.email }}',
				variablesSource: 'keyValue',
				variables: { values: [{ name: 'name', value: 'Kv Ada' }, { name: 'order.id', value: 'K-1' }] },
			}),
			credential: smtpCredential(sink.port),
		});
		await sink.waitForMessages(2);
		expect(sink.messages.map((m) => m.parsed.subject).sort()).toEqual(['Order J-1 for Json Ada', 'Order K-1 for Kv Ada']);
	});

	it('HTML format, a custom text template, and plain-text format', async () => {
		const items = jsonItems([{ name: 'Ada', email: 'ada@example.com', order: { id: '7' } }]);
		await runMailshitNode({
			items,
			parameters: sendParameters({ templateFormat: 'html', template: '<p>Hi {{name}} &amp; {{{order.id}}}</p>', textMode: 'custom', textTemplate: 'Hi {{name}} (text), order {{order.id}}' }),
			credential: smtpCredential(sink.port),
		});
		await runMailshitNode({
			items,
			parameters: sendParameters({ templateFormat: 'text', template: 'Plain hello {{name}} <not html>' }),
			credential: smtpCredential(sink.port),
		});
		await sink.waitForMessages(2);
		const [htmlMail, textMail] = sink.messages;
		expect(htmlMail.parsed.html).toBe('<p>Hi Ada &amp; 7</p>');
		expect(htmlMail.parsed.text).toBe('Hi Ada (text), order 7');
		expect(textMail.parsed.html).toBeFalsy();
		expect(textMail.raw.toString()).not.toMatch(/Content-Type: text\/html/i);
		// mailparser ends a text body with the message's final line break
		expect(textMail.parsed.text).toBe('Plain hello Ada <not html>\n');
	});

	it('all items share one pooled connection that is closed at the end', async () => {
		const items = jsonItems(Array.from({ length: 20 }, (_, i) => ({ name: `N${i}`, email: `n${i}@example.com`, order: { id: String(i) } })));
		const result = await runMailshitNode({ items, parameters: sendParameters({ options: { maxConnections: 1 } }), credential: smtpCredential(sink.port) });
		expect(result.main.map((item) => item.json.accepted)).toEqual(items.map((item) => [item.json.email]));
		await sink.waitForMessages(20);
		expect(sink.stats.connections).toBe(1);
		await sink.waitForIdle();
		expect(sink.stats.open).toBe(0);
	});
});
