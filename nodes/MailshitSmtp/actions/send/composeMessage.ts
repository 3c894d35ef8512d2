import type { IExecuteFunctions } from 'n8n-workflow';
import type { SendMailOptions } from 'nodemailer';
import type { CompiledTemplate, RenderedEmail } from '../../template';
import { loadAttachments } from './attachments';
import { unpackEmail } from './keptEmail';
import type { ItemPlan } from './planItem';

/**
 * nodemailer chooses quoted-printable or base64 for each text part by counting, character by
 * character, latin letters against 8-bit and control characters — for every part of every message
 * (measured: ~10 % of the CPU of a 1,000-message newsletter run). The balance is set by the
 * template's own text, not by a few values, so the node makes the choice once per template with
 * nodemailer's own rule and hands it over as the `textEncoding` mail option.
 */
export type TextEncoding = 'quoted-printable' | 'base64';

export function preferredTextEncoding(sample: string): TextEncoding {
	let latin = 0;
	let nonLatin = 0;
	for (let i = 0; i < sample.length; i++) {
		const code = sample.charCodeAt(i);
		if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) nonLatin++;
		else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
	}
	// more latin letters than anything else: quoted-printable keeps it readable and small
	return nonLatin < latin ? 'quoted-printable' : 'base64';
}

/** One encoding decision per compiled template, made on its first email. */
const encodingByTemplate = new WeakMap<CompiledTemplate, TextEncoding>();

function textEncodingFor(template: CompiledTemplate, rendered: RenderedEmail): TextEncoding {
	let encoding = encodingByTemplate.get(template);
	if (!encoding) {
		encoding = preferredTextEncoding(`${rendered.html ?? ''}${rendered.text}`);
		encodingByTemplate.set(template, encoding);
	}
	return encoding;
}

/**
 * Pass two, just before the message goes out: fill the compiled template (or unpack the email
 * pass one kept) and load attachments. Done lazily per message so at most a connection pool's
 * worth of rendered emails is in memory.
 */
export async function composeMessage(context: IExecuteFunctions, plan: ItemPlan): Promise<SendMailOptions & { messageId: string }> {
	const { content } = plan;
	const rendered = 'kept' in content ? unpackEmail(content.kept) : await content.template.render(content.values);
	// an email of its own has a template of its own: its encoding is decided on it alone
	const textEncoding = 'kept' in content ? preferredTextEncoding(`${rendered.html ?? ''}${rendered.text}`) : textEncodingFor(content.template, rendered);
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
		textEncoding,
		...(rendered.html !== undefined ? { html: rendered.html } : {}),
		text: rendered.text,
		headers: plan.headers.headers,
		...(plan.headers.list ? { list: plan.headers.list } : {}),
		...(plan.headers.priority ? { priority: plan.headers.priority } : {}),
		...(attachments.length ? { attachments } : {}),
	};
}
