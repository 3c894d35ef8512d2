/**
 * The example newsletter and its subscriber rows: one workload for the demo, `npm start`, the
 * end-to-end suite, the soak and the benchmark, so they all send the same kind of email.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

export const NEWSLETTER_MJML_PATH = path.join(__dirname, 'newsletter.mjml');
export const NEWSLETTER_MJML = readFileSync(NEWSLETTER_MJML_PATH, 'utf8');

/** Parameters of a Send with the newsletter: To and variables from the item, a one-click List-Unsubscribe. */
export function newsletterParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		operation: 'send',
		toEmail: '={{ $json.email }}',
		subject: "What's new for {{company}}, {{first_name|friend}}",
		templateFormat: 'mjml',
		template: NEWSLETTER_MJML,
		options: { listUnsubscribe: { link: { url: '{{unsubscribe_url}}', oneClick: true } } },
		...overrides,
	};
}

/** Subscriber `index`'s row, with every variable the newsletter uses; `fields` replace or add. */
export function subscriber(index: number, fields: IDataObject = {}): IDataObject {
	return {
		email: `reader${index}@example.com`,
		first_name: `Reader${index}`,
		company: `Company ${index}`,
		plan: index % 3 === 0 ? 'Team' : 'Pro',
		account_url: `https://app.example.com/account/${index}`,
		unsubscribe_url: `https://app.example.com/unsubscribe?u=${index}`,
		...fields,
	};
}
