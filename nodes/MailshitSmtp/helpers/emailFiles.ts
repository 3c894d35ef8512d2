/**
 * The rendered email as binary data on the output item: `html` (email.html, text/html), which
 * n8n's output panel shows as a page in its binary viewer, and optionally `eml` (email.eml,
 * message/rfc822), the whole MIME message a mail client opens. A text-only email has `text`
 * (email.txt) instead of `html`.
 */
import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { EmailFiles } from '../descriptions/emailOutput.fields';

/**
 * nodemailer's stream transport: the message built by the same pipeline as for SMTP (List-Unsubscribe,
 * priority and all), handed back as bytes instead of sent. Content only, never a path or URL.
 */
const toBytes = createTransport({ streamTransport: true, buffer: true, disableFileAccess: true, disableUrlAccess: true });

export type { EmailFiles };

export async function emailFiles(
	context: IExecuteFunctions,
	files: EmailFiles | undefined,
	rendered: { html?: string; text: string },
	/** The message as it is (or would be) sent, for email.eml: subject, addresses, headers, attachments. */
	message: SendMailOptions,
): Promise<IBinaryKeyData | undefined> {
	if (!files || files === 'none') return undefined;
	const binary: IBinaryKeyData = {};
	if (rendered.html !== undefined) {
		binary.html = await context.helpers.prepareBinaryData(Buffer.from(rendered.html, 'utf8'), 'email.html', 'text/html');
	} else {
		binary.text = await context.helpers.prepareBinaryData(Buffer.from(rendered.text, 'utf8'), 'email.txt', 'text/plain');
	}
	if (files === 'htmlAndEml') {
		const { message: eml } = (await toBytes.sendMail(message)) as { message: Buffer };
		binary.eml = await context.helpers.prepareBinaryData(eml, 'email.eml', 'message/rfc822');
	}
	return binary;
}
