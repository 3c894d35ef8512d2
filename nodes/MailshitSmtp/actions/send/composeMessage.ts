import type { IExecuteFunctions } from 'n8n-workflow';
import type { SendMailOptions } from 'nodemailer';
import type { CompiledTemplate, RenderedEmail } from '../../template';
import { preferredTextEncoding, type TextEncoding } from '../../transport/textEncoding';
import { loadAttachments } from './attachments';
import type { ItemPlan } from './planItem';

/**
 * Pass two, just before the message goes out: fill the compiled template and load attachments.
 * Done lazily per message so at most a connection pool's worth of rendered emails is in memory.
 */
/** One encoding decision per compiled template (see textEncoding.ts), made on its first email. */
const encodingByTemplate = new WeakMap<CompiledTemplate, TextEncoding>();

function textEncodingFor(template: CompiledTemplate, rendered: RenderedEmail): TextEncoding {
	let encoding = encodingByTemplate.get(template);
	if (!encoding) {
		encoding = preferredTextEncoding(`${rendered.html ?? ''}${rendered.text}`);
		encodingByTemplate.set(template, encoding);
	}
	return encoding;
}

export async function composeMessage(context: IExecuteFunctions, plan: ItemPlan): Promise<SendMailOptions & { messageId: string }> {
	const rendered = await plan.template.render(plan.values);
	const attachments = plan.attachments.length ? await loadAttachments(context, plan.index, plan.attachments) : [];
	const { from, to, cc, bcc, replyTo } = plan.addressing;
	return {
		messageId: plan.messageId,
		from,
		to,
		...(cc.length ? { cc } : {}),
		...(bcc.length ? { bcc } : {}),
		...(replyTo.length ? { replyTo } : {}),
		subject: plan.subject,
		textEncoding: textEncodingFor(plan.template, rendered),
		...(rendered.html !== undefined ? { html: rendered.html } : {}),
		text: rendered.text,
		headers: plan.headers.headers,
		...(plan.headers.list ? { list: plan.headers.list } : {}),
		...(plan.headers.priority ? { priority: plan.headers.priority } : {}),
		...(attachments.length ? { attachments } : {}),
	};
}
