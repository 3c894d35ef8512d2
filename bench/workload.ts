/**
 * The benchmark's workload: the example newsletter (~100 lines of MJML, 5 variables) for N
 * recipients, as n8n items, and the same messages pre-rendered for the raw and Send Email runs;
 * and two variants where every email is an MJML compile of its own: the body colour as a variable
 * (a typed MJML attribute, so MJML compiles every item with its own value), and a template per
 * item (an expression, `={{ $json.body }}`, each item carrying its own newsletter issue).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NEWSLETTER_MJML, subscriber } from '../examples/newsletter';
import { createTemplateCache } from '../nodes/MailshitSmtp/template';

export const FROM = { name: 'mailshit bench', address: 'bench@mailshit.example' };

const SUBJECT = 'News for {{company}}';

export function recipientRows(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) => subscriber(n, { company: `Company ${n % 97}` }));
}

export function recipientItems(count: number): INodeExecutionData[] {
	return recipientRows(count).map((json) => ({ json }));
}

/** The Send the benchmark measures: To and variables from the item, the newsletter as the template. */
export function nodeParameters(template = NEWSLETTER_MJML): INodeParameters {
	return { operation: 'send', toEmail: '={{ $json.email }}', subject: SUBJECT, template };
}

const PER_ITEM_MJML = NEWSLETTER_MJML.replace('<mj-body background-color="#f2f3f7"', '<mj-body background-color="{{background}}"');

export function perItemParameters(): INodeParameters {
	return nodeParameters(PER_ITEM_MJML);
}

/** Recipients with a distinct body colour each (up to 16.7 million), so no two items compile alike. */
export function perItemRows(count: number): IDataObject[] {
	return recipientRows(count).map((row, n) => ({ ...row, background: `#${(0xf2f3f7 - n).toString(16).padStart(6, '0')}` }));
}

/** Recipients who each carry a template of their own: the newsletter, with their own issue line. */
export function ownTemplateRows(count: number): IDataObject[] {
	return recipientRows(count).map((row, n) => ({ ...row, body: NEWSLETTER_MJML.replace('The mailshit monthly · November', `The mailshit monthly · issue ${n}`) }));
}

export function ownTemplateParameters(): INodeParameters {
	return nodeParameters('={{ $json.body }}');
}

/** The same messages, rendered before the clock starts (for the raw limit and for Send Email). */
export async function prerendered(items: INodeExecutionData[]) {
	const template = await createTemplateCache().get({ format: 'mjml', body: NEWSLETTER_MJML });
	return Promise.all(
		items.map(async (item) => {
			const rendered = await template.render(item.json);
			return { to: String(item.json.email), subject: `News for ${String(item.json.company)}`, html: rendered.html ?? '', text: rendered.text };
		}),
	);
}
