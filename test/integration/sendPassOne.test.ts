/**
 * Pass one of Send checks everything that can fail before any email leaves: a value that makes
 * per-item MJML invalid, and the List-Unsubscribe URL template, are caught there.
 */
import type { IDataObject } from 'n8n-workflow';
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import type { SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';
import { mjmlDocument } from '../unit/template/fixtures';

const startSink = useSmtpSinks({ tls: 'plain' });
let sink: SmtpSink;
beforeEach(async () => {
	sink = await startSink();
});

// width is a typed MJML attribute: this template compiles per item, with each item's value
const PER_ITEM_MJML = mjmlDocument('<mj-image width="{{w}}" src="https://example.com/a.png" />');
const send = (rows: IDataObject[], extra: IDataObject, onError?: 'continueRegularOutput') =>
	runMailshitNode({
		items: jsonItems(rows),
		parameters: { operation: 'send', toEmail: '={{ $json.email }}', subject: 'Hi', ...extra },
		credential: smtpCredential(sink.port),
		...(onError ? { onError } : {}),
	});

describe('Send pass one: nothing leaves when any item would fail', () => {
	it('a value that makes per-item MJML invalid stops the node before the first email', async () => {
		const result = await send(
			[
				{ email: 'a@example.com', w: '100px' },
				{ email: 'b@example.com', w: 'wide' },
			],
			{ template: PER_ITEM_MJML },
		);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 1 } });
		expect(result.error?.message).toContain('Item 1: Invalid MJML: Line 1 (mj-image): Attribute width has invalid value: wide');
		expect(sink.stats.connections).toBe(0);
	});

	it('with Continue On Fail the valid item is sent and the invalid one is a validation_failed item', async () => {
		const result = await send(
			[
				{ email: 'a@example.com', w: '100px' },
				{ email: 'b@example.com', w: 'wide' },
			],
			{ template: PER_ITEM_MJML },
			'continueRegularOutput',
		);
		expect(result.main.map((item) => [item.json.type, item.json.field])).toEqual([
			['sent', undefined],
			['validation_failed', 'template'],
		]);
		const [message] = await sink.waitForMessages(1);
		expect(message.parsed.html).toContain('width="100"');
	});

	it('an email MJML compiles on its own is compiled once, in pass one, and sent as compiled there', async () => {
		// more distinct value sets than the per-item memo keeps (32), in input order
		const rows = Array.from({ length: 40 }, (_, i) => ({ email: `r${i}@example.com`, w: `${100 + i}px` }));
		const result = await send(rows, { template: PER_ITEM_MJML });
		expect(result.error).toBeUndefined();
		// one compile with placeholders when the template is prepared, then one per item
		expect(result.hints.map((hint) => hint.message).join('\n')).toContain('(41 compiles)');
		expect(result.main.map((item) => item.json.accepted)).toEqual(rows.map((row) => [row.email]));
		const received = new Map((await sink.waitForMessages(40)).map((message) => [message.envelope.to[0], message]));
		for (const row of rows) expect(received.get(row.email)?.parsed.html).toContain(`width="${row.w.replace('px', '')}"`);
	});

	it('items that bring templates of their own (an expression) are sent each with its own, in order', async () => {
		// more templates than plans hold: the later items keep their rendered email from pass one
		const rows = Array.from({ length: 24 }, (_, i) => ({ email: `r${i}@example.com`, name: `Reader ${i}`, body: mjmlDocument(`<mj-text>Letter ${i} for {{name}}</mj-text>`) }));
		const result = await send(rows, { template: '={{ $json.body }}' });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json.accepted)).toEqual(rows.map((row) => [row.email]));
		const received = new Map((await sink.waitForMessages(24)).map((message) => [message.envelope.to[0], message]));
		rows.forEach((row, i) => {
			const message = received.get(row.email)!;
			expect(message.parsed.html).toContain(`Letter ${i} for Reader ${i}`);
			expect(message.parsed.text).toBe(`Letter ${i} for Reader ${i}`);
		});
	});

	it.each([
		['a variable missing from the List-Unsubscribe URL', { url: 'https://example.com/u?id={{uid}}' }, 'List-Unsubscribe URL: Missing variable: uid'],
		['an unclosed {{ in the List-Unsubscribe URL', { url: 'https://example.com/u?id={{uid' }, 'List-Unsubscribe URL:'],
		['a line break in the List-Unsubscribe URL as written', { url: 'https://example.com/u\r\nBcc: evil@example.com' }, 'listUnsubscribe contains a line break (CR or LF)'],
		['a value that makes the whole URL something else than a web link', { url: '{{uid}}' }, 'must start with https:// (or http://) and hold no spaces'],
	])('%s: a validation_failed item naming listUnsubscribe, nothing sent', async (label, link, error) => {
		const uid = label.startsWith('a value') ? 'javascript:alert(1)' : undefined;
		const result = await send([{ email: 'a@example.com', uid }, { email: 'b@example.com', uid }], { templateFormat: 'text', template: 'x', options: { listUnsubscribe: { link } } }, 'continueRegularOutput');
		expect(result.main[0].json).toMatchObject({ success: false, type: 'validation_failed', field: 'listUnsubscribe' });
		expect(String(result.main[0].json.error)).toContain(error);
		expect(sink.messages).toHaveLength(0);
	});
});
