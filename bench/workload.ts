/**
 * The benchmark's workload: the example newsletter (~100 lines of MJML, 5 variables) for N
 * recipients, as n8n items, and the same messages pre-rendered for the raw and Send Email runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';
import { createTemplateCache } from '../nodes/MailshitSmtp/template';

export const NEWSLETTER = readFileSync(path.join(__dirname, '..', 'examples', 'newsletter.mjml'), 'utf8');
export const FROM = { name: 'mailshit bench', address: 'bench@mailshit.example' };

export function recipientItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, n) => ({
		json: {
			email: `reader${n}@example.com`,
			first_name: `Reader ${n}`,
			company: `Company ${n % 97}`,
			plan: n % 3 ? 'Team' : 'Pro',
			account_url: `https://app.example.com/account/${n}`,
			unsubscribe_url: `https://app.example.com/unsubscribe?u=${n}`,
		},
	}));
}

export const SUBJECT = 'News for {{company}}';

/** The same messages, rendered before the clock starts (for the raw limit and for Send Email). */
export async function prerendered(items: INodeExecutionData[]) {
	const template = await createTemplateCache().get({ format: 'mjml', body: NEWSLETTER });
	return Promise.all(
		items.map(async (item) => {
			const rendered = await template.render(item.json);
			return { to: String(item.json.email), subject: `News for ${String(item.json.company)}`, html: rendered.html ?? '', text: rendered.text };
		}),
	);
}
