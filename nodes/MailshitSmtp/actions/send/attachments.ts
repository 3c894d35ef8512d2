import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { fail, ok } from '../../shared/result';
import type { ValidationResult } from '../../validation/errors';
import { availableBinaryProperties, binarySize, ownBinary, type BinarySizeHelpers } from '../../helpers/binaryData';
import { readNumberSetting } from '../../validation/numberSetting';

export interface AttachmentRef {
	binaryProperty: string;
	/** Set for inline images, referenced in HTML as src="cid:…". */
	cid?: string;
}

export interface AttachmentOptions {
	/** Comma-separated names, or an array of names from an expression. */
	attachments?: unknown;
	inlineImages?: { image?: Array<{ binaryProperty?: string; cid?: string }> };
	maxAttachmentSizeMb?: unknown;
}

/**
 * Binary property names only. Objects (nodemailer attachment objects with `path` or `href`) and
 * names that look like paths or URLs are refused by name, so no item can make n8n read a file
 * or fetch a URL — nodemailer's own disableFileAccess/disableUrlAccess stay as a second wall.
 */
function attachmentNames(value: unknown): ValidationResult<string[]> {
	if (value === undefined || value === null || value === '') return ok([]);
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const names: string[] = [];
	for (const entry of list) {
		if (typeof entry !== 'string') {
			return fail({ field: 'attachments', error: 'Attachments takes binary property names (such as "data"); objects with a path or URL are refused: the node reads no files and fetches no URLs' });
		}
		const name = entry.trim();
		if (!name) continue;
		if (/[/\\]|^[a-z][\w+.-]*:/i.test(name)) {
			return fail({ field: 'attachments', error: `"${name.slice(0, 80)}" is a path or URL, not a binary property name: the node reads no files and fetches no URLs; load the file with a Read/HTTP node first and attach its binary property` });
		}
		names.push(name);
	}
	return ok(names);
}

/** RFC 2392 content IDs are msg-id text: no spaces, angle brackets or quotes (`<my logo>` is not one). */
const CONTENT_ID = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]{1,250}$/;

/** File names as file systems keep them; a longer one would also break the 998-octet header line. */
const MAX_FILE_NAME_LENGTH = 255;

/**
 * Checks, without reading any file, that every named binary property exists and that together
 * they fit the size limit; returns what to load when the message is built.
 */
export async function planAttachments(
	options: AttachmentOptions,
	binary: IBinaryKeyData | undefined,
	itemIndex: number,
	helpers: BinarySizeHelpers,
): Promise<ValidationResult<AttachmentRef[]>> {
	const named = attachmentNames(options.attachments);
	if (!named.ok) return named;
	const refs: AttachmentRef[] = named.value.map((binaryProperty) => ({ binaryProperty }));
	for (const image of options.inlineImages?.image ?? []) {
		const binaryProperty = String(image.binaryProperty ?? '').trim();
		if (!binaryProperty) continue;
		const cid = String(image.cid ?? '').trim() || binaryProperty;
		if (!CONTENT_ID.test(cid)) {
			return fail({ field: 'inlineImages', error: `Content ID ${JSON.stringify(cid.slice(0, 80))} may hold only letters, digits and !#$%&'*+/=?^_\`{|}~.@- (no spaces or brackets), up to 250 characters; use it as <img src="cid:…">` });
		}
		refs.push({ binaryProperty, cid });
	}
	let total = 0;
	for (const ref of refs) {
		const field = ref.cid ? 'inlineImages' : 'attachments';
		const data = ownBinary(binary, ref.binaryProperty);
		if (!data) {
			return fail({ field, error: `Binary property "${ref.binaryProperty}" not found on this item (${availableBinaryProperties(binary)})` });
		}
		const fileName = data.fileName ?? ref.binaryProperty;
		if (fileName.length > MAX_FILE_NAME_LENGTH) {
			return fail({ field, error: `The file name of binary property "${ref.binaryProperty.slice(0, 80)}" is ${fileName.length} characters long, over ${MAX_FILE_NAME_LENGTH}: rename the file first` });
		}
		total += await binarySize(data, itemIndex, helpers);
	}
	const limit = readNumberSetting(options.maxAttachmentSizeMb, { label: 'Max Attachment Size (MB)', min: 0, max: 100_000, fallback: 25 });
	if (!limit.ok) return fail({ field: 'maxAttachmentSizeMb', error: limit.failure });
	const limitMb = limit.value;
	if (limitMb > 0 && total > limitMb * 1024 * 1024) {
		return fail({
			field: 'attachments',
			error: `Attachments add up to ${(total / 1024 / 1024).toFixed(1)} MB, over the ${limitMb} MB limit (Max Attachment Size)`,
		});
	}
	return ok(refs);
}

/** Loads the attachments of one item as nodemailer wants them: content only, never a path or URL. */
export async function loadAttachments(context: IExecuteFunctions, itemIndex: number, refs: AttachmentRef[]) {
	return Promise.all(
		refs.map(async (ref) => {
			const data = context.helpers.assertBinaryData(itemIndex, ref.binaryProperty);
			const content = await context.helpers.getBinaryDataBuffer(itemIndex, ref.binaryProperty);
			return {
				filename: data.fileName ?? ref.binaryProperty,
				content,
				contentType: data.mimeType,
				...(ref.cid ? { cid: ref.cid, contentDisposition: 'inline' as const } : {}),
			};
		}),
	);
}
