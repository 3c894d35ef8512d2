/**
 * The benchmark's workload: the example newsletter (~100 lines of MJML, 5 variables) for N
 * recipients, as n8n items, and the same messages pre-rendered for the raw and Send Email runs.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NEWSLETTER_MJML, subscriber } from '../examples/newsletter';
import { createTemplateCache } from '../nodes/MailshitSmtp/template';

export const FROM = { name: 'mailshit bench', address: 'bench@mailshit.example' };

export function recipientItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, n) => ({ json: subscriber(n, { company: `Company ${n % 97}` }) }));
}

export const SUBJECT = 'News for {{company}}';

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
