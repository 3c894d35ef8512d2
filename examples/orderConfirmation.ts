/**
 * The worked order-confirmation example: MJML with a list ({{#each order.items}}), conditions
 * ({{#if customer.vip}}, {{#if order.note}}) and a partial ({{> footer}}), and the order rows it
 * is filled with. One workload for the README, `npm start`, the tests and the benchmark.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export const ORDER_CONFIRMATION_MJML_PATH = path.join(__dirname, 'order-confirmation.mjml');
export const ORDER_CONFIRMATION_MJML = readFileSync(ORDER_CONFIRMATION_MJML_PATH, 'utf8');

/** The shop's footer, kept in the node's Partials and shared by every template that writes {{> footer}}. */
export const FOOTER_PARTIAL = {
	name: 'footer',
	content: `<mj-section padding="16px 0">
  <mj-column>
    <mj-text align="center" font-size="12px" color="#8d8fa3">
      {{shop.name|Example Shop}} · 1 Example Street, Springfield ·
      <a href="https://shop.example.com/help" style="color:#8d8fa3">Help</a>
    </mj-text>
  </mj-column>
</mj-section>`,
};

export const ORDER_SUBJECT = '{{#if customer.vip}}[VIP] {{/if}}Order {{order.number}} confirmed';

/** Parameters of a Send with the example: To from the item, the footer partial, the email as a file on the output. */
export function orderConfirmationParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		operation: 'send',
		toEmail: '={{ $json.customer.email }}',
		subject: ORDER_SUBJECT,
		templateFormat: 'mjml',
		template: ORDER_CONFIRMATION_MJML,
		partials: { partial: [FOOTER_PARTIAL] },
		options: { emailFiles: 'html' },
		...overrides,
	};
}

const PRODUCTS = [
	['BK-101', 'The Analytical Engine, a history', 24.9],
	['PN-220', 'Fountain pen, blue', 12.5],
	['NB-330', 'Notebook A5 & dotted', 6.9],
	['MG-404', 'Mug "mailshit"', 9.0],
	['ST-512', 'Sticker set <assorted>', 3.5],
] as const;

const euro = (amount: number) => `€ ${amount.toFixed(2)}`;

/**
 * Order `index`, with `lineCount` lines (default: 1 to 10, scattered over the indexes by a
 * multiplicative hash); every 4th customer is a VIP and every 5th order carries a note, so the
 * orders fall into a few dozen structures.
 */
export function orderRow(index: number, lineCount = 1 + ((Math.imul(index + 1, 2654435761) >>> 0) % 10), fields: IDataObject = {}): IDataObject {
	const items = Array.from({ length: lineCount }, (_, line) => {
		const [sku, title, price] = PRODUCTS[(index + line) % PRODUCTS.length];
		const qty = 1 + ((index + line) % 3);
		return { sku, title, qty, price: euro(price * qty), ...(line % 4 === 3 && { gift: true }) };
	});
	const subtotal = items.reduce((sum, item) => sum + Number(item.price.slice(2)), 0);
	const vip = index % 4 === 0;
	const shipping = vip ? 0 : 4.9;
	return {
		customer: { first_name: `Customer${index}`, email: `customer${index}@example.com`, vip },
		order: {
			number: `A-${1000 + index}`,
			date: '2026-11-30',
			items,
			subtotal: euro(subtotal),
			shipping: euro(shipping),
			total: euro(subtotal + shipping),
			...(index % 5 === 0 && { note: 'Please leave the parcel at the back door' }),
		},
		shop: { name: 'Example Shop' },
		...fields,
	};
}
