/**
 * Transactional templates through n8n's engine: the order confirmation (sections, partials), the
 * email as files on the output item, a template read from a file of the input item, and what
 * the editor's Validation Rules picker and Render's variable list show for sections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { simpleParser } from 'mailparser';
import { FOOTER_PARTIAL, ORDER_CONFIRMATION_MJML, ORDER_SUBJECT, orderConfirmationParameters, orderRow } from '../../examples/orderConfirmation';
import type { CallbackResult } from '../../nodes/MailshitSmtp/results';
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, loadNodeOptions, runMailshitNode } from '../helpers/n8nEngine';
import type { SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';

const render = (items: INodeExecutionData[], parameters: IDataObject, onError?: 'continueRegularOutput') =>
	runMailshitNode({
		items,
		parameters: { operation: 'render', template: ORDER_CONFIRMATION_MJML, subject: ORDER_SUBJECT, partials: { partial: [FOOTER_PARTIAL] }, ...parameters },
		...(onError ? { onError } : {}),
	});

/** The bytes of a binary property of an output item (n8n keeps them in memory in this engine). */
function bytesOf(binary: IBinaryData | undefined): Buffer {
	if (!binary) throw new Error('no binary property');
	return Buffer.from(binary.data, 'base64');
}

describe('the order confirmation, rendered', () => {
	it('fills each order\'s lines, branches and footer; one compile per structure; a hint says so', async () => {
		const orders = [orderRow(0, 2), orderRow(1, 3), orderRow(2, 2), orderRow(3, 3)];
		const result = await render(jsonItems(orders), {});
		expect(result.error).toBeUndefined();
		const rendered = result.main.map((item) => item.json as unknown as CallbackResult);
		expect(rendered.map((r) => r.subject)).toEqual(['[VIP] Order A-1000 confirmed', 'Order A-1001 confirmed', 'Order A-1002 confirmed', 'Order A-1003 confirmed']);
		const second = rendered[1];
		expect(second.text).toContain('1\nFountain pen, blue [https://shop.example.com/products/PN-220?order=A-1001]\n2\n€ 25.00');
		expect(second.text).toContain('3\nMug "mailshit" [https://shop.example.com/products/MG-404?order=A-1001]');
		expect(second.text).toContain('Shipping € 4.90');
		expect(second.text).toContain('View your order [https://shop.example.com/orders/A-1001?email=customer1%40example.com]');
		expect(second.text).toContain('Example Shop · 1 Example Street, Springfield');
		expect(second.html).toContain('Notebook A5 &amp; dotted');
		expect(rendered[0].text).toContain('Shipping free');
		expect(rendered[0].text).toContain('Your note: Please leave the parcel at the back door');
		// orders 0 (VIP, note, 2 lines), 1 and 3 (3 lines), 2 (2 lines): three structures
		expect(result.hints).toEqual([
			expect.objectContaining({ message: "The template's sections gave 3 different structures (list lengths, branches taken), each compiled once: 3 MJML compiles for 4 items." }),
		]);
	});

	it('lists the variables with lists, conditions and element fields', async () => {
		const result = await render(jsonItems([orderRow(1, 1)]), { renderOptions: { includeVariables: true, emailFiles: 'none' } });
		const names = (result.main[0].json.variables as Array<{ name: string; usage?: string }>).map((v) => (v.usage ? `${v.name} (${v.usage})` : v.name));
		expect(names).toEqual([
			'order.number',
			'customer.first_name',
			// tested by {{#if}} and also printed: a value
			'order.items.length',
			'order.total',
			'order.date',
			'customer.vip (condition)',
			'order.items (list)',
			'order.items.*.sku',
			'order.items.*.title',
			'order.items.*.gift (condition)',
			'order.items.*.qty',
			'order.items.*.price',
			'order.subtotal',
			'order.shipping',
			'customer.email',
			'order.note',
			'shop.name',
		]);
	});

	it('an order whose items are not a list fails with item, field and line, before anything else', async () => {
		const result = await render(jsonItems([orderRow(1, 1), orderRow(2, 1, { order: { ...(orderRow(2, 1).order as IDataObject), items: { sku: 'X' } } })]), {});
		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 1 } });
		expect(result.error?.message).toBe(
			'Item 1: {{#each order.items}} at line 31:11 in template needs a list, but order.items is an object: point it at a list inside (e.g. order.items.items), or use {{#if order.items}} to test it',
		);
		expect(result.error?.description).toBe('Field: order.items. Nothing was sent for this item.');
	});

	it('a Subject of only spaces falls back to the Template Name, as a blank _subject does', async () => {
		const result = await render(jsonItems([orderRow(1, 1), { ...orderRow(2, 1), _subject: '  ' }]), { subject: '   ', templateName: 'Order confirmation' });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.subject)).toEqual(['Order confirmation', 'Order confirmation']);
	});
});

describe("the README's worked example", () => {
	/** The example's MJML and item, read from the README, so what it claims is what runs. */
	function readmeExample(): { mjml: string; item: IDataObject } {
		const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('#### Worked example: an order confirmation'));
		const block = (language: string) => /```(\w+)\n([\s\S]*?)```/g.exec(section.slice(section.indexOf(`\`\`\`${language}\n`)))?.[2] ?? '';
		return { mjml: block('html'), item: JSON.parse(block('json')) as IDataObject };
	}

	it('sends Grace the confirmation the README describes', async () => {
		const { mjml, item } = readmeExample();
		const result = await render(jsonItems([item]), { template: mjml, renderOptions: { emailFiles: 'none' } });
		expect(result.error).toBeUndefined();
		const { subject, text, html } = result.main[0].json as unknown as CallbackResult;
		expect(subject).toBe('Order A-1001 confirmed');
		expect(text).toContain('Thank you, Grace! We received your order A-1001.');
		expect(text).toContain('1\nFountain pen, blue [https://shop.example.com/products/PN-220?order=A-1001]\n2\n€ 25.00');
		expect(text).toContain('2\nMug "mailshit" [https://shop.example.com/products/MG-404?order=A-1001] (gift)\n1\n€ 9.00');
		expect(text).toContain('Shipping € 4.90 · Total € 38.90');
		expect(html).toContain('href="https://shop.example.com/orders/A-1001?email=grace%40example.com"');
		expect(text).toContain('Example Shop');
	});

	it('refuses an order whose items are not a list, as it says', async () => {
		const { mjml, item } = readmeExample();
		const order = { ...(item.order as IDataObject), items: { sku: 'X' } };
		const result = await render(jsonItems([{ ...item, order }]), { template: mjml, renderOptions: { emailFiles: 'none' } }, 'continueRegularOutput');
		expect(result.main[0].json).toMatchObject({ type: 'validation_failed', field: 'order.items' });
		expect(String(result.main[0].json.error)).toMatch(/^\{\{#each order\.items\}\} at line \d+:\d+ in template needs a list, but order\.items is an object/);
	});
});

describe('Email Files: the rendered email on the output item', () => {
	it('Render adds email.html by default, the same HTML as the JSON output, as a file n8n\'s viewer shows as a page', async () => {
		const result = await render(jsonItems([orderRow(1, 2)]), {});
		const { html } = result.main[0].binary ?? {};
		// n8n views text/plain but not text/html; its viewer renders the file type html as a sanitized page
		expect(html).toMatchObject({ fileName: 'email.html', fileExtension: 'html', fileType: 'html', mimeType: 'text/plain' });
		expect(bytesOf(html).toString('utf8')).toBe(result.main[0].json.html);
		expect(Object.keys(result.main[0].binary ?? {})).toEqual(['html']);
	});

	it('and email.eml with the whole message when asked', async () => {
		const result = await render(jsonItems([orderRow(1, 2)]), { renderOptions: { emailFiles: 'htmlAndEml' } });
		const { eml } = result.main[0].binary ?? {};
		expect(eml).toMatchObject({ fileName: 'email.eml', mimeType: 'message/rfc822' });
		const parsed = await simpleParser(bytesOf(eml));
		expect(parsed.subject).toBe('Order A-1001 confirmed');
		expect(parsed.html).toBe(result.main[0].json.html);
		expect(parsed.text).toBe(result.main[0].json.text);
	});

	it('a text-only email is email.txt; None adds nothing', async () => {
		const text = await render(jsonItems([{ name: 'Ada' }]), { templateFormat: 'text', template: 'Hi {{name}}', subject: 'x' });
		expect(text.main[0].binary?.text).toMatchObject({ fileName: 'email.txt', mimeType: 'text/plain' });
		expect(bytesOf(text.main[0].binary?.text).toString()).toBe('Hi Ada');
		const none = await render(jsonItems([orderRow(1, 1)]), { renderOptions: { emailFiles: 'none' } });
		expect(none.main[0].binary).toBeUndefined();
	});
});

describe('Send: the order confirmation, and the email as sent on the output item', () => {
	const startSink = useSmtpSinks({ tls: 'plain' });
	let sink: SmtpSink;
	beforeEach(async () => {
		sink = await startSink();
	});

	it('sends one confirmation per order; email.eml is the message the server received', async () => {
		const orders = [orderRow(1, 3), orderRow(2, 1)];
		const result = await runMailshitNode({
			items: jsonItems(orders),
			parameters: orderConfirmationParameters({
				options: { emailFiles: 'htmlAndEml', listUnsubscribe: { link: { url: 'https://shop.example.com/unsubscribe?email={{customer.email}}&list=orders' } } },
			}),
			credential: smtpCredential(sink.port),
		});
		expect(result.error).toBeUndefined();
		const received = await sink.waitForMessages(2);
		const first = received.find((m) => m.envelope.to.includes('customer1@example.com'));
		expect(first?.parsed.subject).toBe('Order A-1001 confirmed');
		expect(first?.parsed.text).toContain('Mug "mailshit" [https://shop.example.com/products/MG-404?order=A-1001]');
		// a value in the URL is encoded for its place: "@" in a query value, "&list=" stays the template's
		const unfolded = (raw: Buffer | undefined) => String(raw).replace(/\r?\n[ \t]+/g, ' ');
		expect(unfolded(first?.raw)).toMatch(/^List-Unsubscribe: <https:\/\/shop\.example\.com\/unsubscribe\?email=customer1%40example\.com&list=orders>\r?$/m);

		const eml = await simpleParser(bytesOf(result.main[0].binary?.eml));
		expect(eml.messageId).toBe(first?.parsed.messageId);
		expect(eml.subject).toBe(first?.parsed.subject);
		expect(eml.html).toBe(first?.parsed.html);
		expect(unfolded(bytesOf(result.main[0].binary?.eml))).toContain('List-Unsubscribe: <https://shop.example.com/unsubscribe?email=customer1%40example.com&list=orders>');
		expect(bytesOf(result.main[0].binary?.html).toString()).toBe(first?.parsed.html);
	});

	it('pass one: an order with a broken list stops the node before the first email', async () => {
		const result = await runMailshitNode({
			items: jsonItems([orderRow(1, 2), orderRow(2, 2), { ...orderRow(3, 1), order: { number: 'A-3', items: 'none' } }]),
			parameters: orderConfirmationParameters(),
			credential: smtpCredential(sink.port),
		});
		expect(result.error?.message).toMatch(/^Item 2: \{\{#each order\.items\}\} at line 31:11 in template needs a list, but order\.items is the text "none"/);
		expect(sink.stats.connections).toBe(0);
	});
});

describe('Template Source: a file of the input item', () => {
	const file = (content: string | Buffer, fileName: string, mimeType = 'application/octet-stream'): INodeExecutionData['binary'] => ({
		template: { data: Buffer.from(content).toString('base64'), fileName, fileExtension: fileName.split('.').pop(), mimeType } as IBinaryData,
	});
	const fromFile = (binary: INodeExecutionData['binary'], extra: IDataObject = {}, json: IDataObject = orderRow(1, 2)) =>
		render([{ json, binary }], { templateSource: 'binary', templateBinaryProperty: 'template', template: 'unused', renderOptions: { emailFiles: 'none' }, ...extra }, 'continueRegularOutput');

	it('renders an .mjml file as the Template field would, compiled once for items sharing it', async () => {
		const binary = file(ORDER_CONFIRMATION_MJML, 'order-confirmation.mjml');
		const fromParameter = await render(jsonItems([orderRow(1, 2)]), { renderOptions: { emailFiles: 'none' } });
		const result = await render(
			[orderRow(1, 2), orderRow(3, 2)].map((json) => ({ json, binary })),
			{ templateSource: 'binary', templateBinaryProperty: 'template', renderOptions: { emailFiles: 'none' } },
		);
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.text).toBe(fromParameter.main[0].json.text);
		expect(result.main[1].json.subject).toBe('Order A-1003 confirmed');
	});

	it('an HTML file with a byte-order mark', async () => {
		const result = await fromFile(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Order {{order.number}}</p>')]), 'order.html', 'text/html'), { templateFormat: 'html' });
		expect(result.main[0].json).toMatchObject({ success: true, html: '<p>Order A-1001</p>' });
	});

	it.each([
		['a missing property', { other: file('x', 'a.mjml')?.template } as INodeExecutionData['binary'], {}, 'templateBinaryProperty', 'Template Source is a file, but the item has no binary property "template" (it has: other)'],
		['an .html file with Template Format MJML', file('<p>x</p>', 'page.html'), {}, 'templateFormat', 'The template file page.html is HTML, but Template Format is MJML: set Template Format to HTML'],
		['an .mjml file with Template Format HTML', file('<mjml></mjml>', 'a.mjml'), { templateFormat: 'html' }, 'templateFormat', 'The template file a.mjml is MJML, but Template Format is not: set Template Format to MJML'],
		['a file that is not UTF-8', file(Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0xfe]), 'latin1.html'), { templateFormat: 'html' }, 'templateBinaryProperty', 'The template file latin1.html is not UTF-8 text: save it as UTF-8'],
		['a file over 1 MB', file('x'.repeat(1024 * 1024 + 1), 'big.txt'), { templateFormat: 'text' }, 'templateBinaryProperty', 'The template file big.txt is 1.0 MB, over the 1 MB limit for a template'],
		['a template mistake, reported as for the field', file('<mjml><mj-body>{{#each order.items}}</mj-body></mjml>', 'broken.mjml'), {}, 'template', '{{#each order.items}} opened at line 1:16 in template is never closed'],
	])('%s is a validation_failed item naming the field', async (_case, binary, extra, field, error) => {
		const result = await fromFile(binary, extra);
		expect(result.main[0].json).toMatchObject({ success: false, type: 'validation_failed', field });
		expect(String(result.main[0].json.error).startsWith(error)).toBe(true);
	});
});

describe('the Validation Rules picker understands sections and partials', () => {
	it('offers element fields as list.*.field, conditions as such, and the partial\'s variables; not the lists themselves', async () => {
		const options = await loadNodeOptions('getTemplateVariables', {
			operation: 'send',
			template: '{{#each order.items}}{{> row}}{{/each}}{{#if vip}}VIP{{/if}}',
			subject: 'Order {{order.number}}',
			partials: { partial: [{ name: 'row', content: '{{sku}} {{qty|1}}' }] },
		});
		expect(options).toEqual([
			{ name: 'order.items.*.sku', value: 'order.items.*.sku', description: 'Required, checked in every element of the list' },
			{ name: 'order.items.*.qty', value: 'order.items.*.qty', description: 'Default: "1", checked in every element of the list' },
			{ name: 'vip', value: 'vip', description: 'Tested by {{#if}} / {{#unless}}; may be missing' },
			{ name: 'order.number', value: 'order.number', description: 'Required' },
		]);
	});

	it('stays empty for a template mid-edit, and lists only the subject for a template from a file', async () => {
		expect(await loadNodeOptions('getTemplateVariables', { template: '{{#each items}}unclosed', subject: 'x' })).toEqual([]);
		expect(await loadNodeOptions('getTemplateVariables', { templateSource: 'binary', template: '{{never}}', subject: 'Hi {{name}}' })).toEqual([{ name: 'name', value: 'name', description: 'Required' }]);
	});
});
