import type { ParsedTemplates } from '../../helpers/headerTemplates';
import { fail, ok } from '../../shared/result';
import type { ValidationResult } from '../../validation/errors';
import { validateAddress } from '../../validation/addresses';
import { checkCustomHeader } from '../../validation/headers';

export interface HeaderOptions {
	headers?: { header?: Array<{ name?: string; value?: unknown }> };
	listUnsubscribe?: { link?: { url?: string; email?: string; oneClick?: boolean } };
	priority?: 'high' | 'normal' | 'low';
}

export interface MessageHeaders {
	headers: Record<string, string>;
	/** nodemailer's `list` option: one List-Unsubscribe header with every way to unsubscribe. */
	list?: { unsubscribe: string[][] };
	priority?: 'high' | 'low';
}

/** Headers the options below write; a custom header may not repeat them when the option is in use. */
const OPTION_HEADERS = {
	listUnsubscribe: ['list-unsubscribe', 'list-unsubscribe-post'],
	priority: ['x-priority', 'x-msmail-priority', 'importance'],
};

/**
 * The unsubscribe URL may carry per-recipient {{variables}}, URL-encoded for where they stand
 * (`?u={{email}}` cannot add a parameter). The URL as written must be one line (refused
 * otherwise, like a subject); values filled in are flattened to one line.
 */
function unsubscribeUrl(url: string, values: Record<string, unknown>, parsed: ParsedTemplates): ValidationResult<string> {
	const fill = parsed.fillHeader(url, 'listUnsubscribe', 'List-Unsubscribe URL', values, 'url');
	if (!fill.ok) return fill;
	const filled = fill.value;
	if (!/^https?:\/\/\S+$/i.test(filled)) {
		return fail({ field: 'listUnsubscribe', error: `List-Unsubscribe URL must start with https:// (or http://) and hold no spaces (got "${filled.slice(0, 80)}")` });
	}
	return ok(filled);
}

export function buildMessageHeaders(options: HeaderOptions, values: Record<string, unknown>, parsed: ParsedTemplates): ValidationResult<MessageHeaders> {
	const headers: Record<string, string> = {};
	const link = options.listUnsubscribe?.link;
	const url = (link?.url ?? '').trim();
	const email = (link?.email ?? '').trim();
	const usesList = Boolean(url || email);
	const usesPriority = options.priority === 'high' || options.priority === 'low';

	for (const { name = '', value = '' } of options.headers?.header ?? []) {
		const trimmed = name.trim();
		const check = checkCustomHeader(trimmed, value, 'headers');
		if (!check.ok) return check;
		const lower = trimmed.toLowerCase();
		if ((usesList && OPTION_HEADERS.listUnsubscribe.includes(lower)) || (usesPriority && OPTION_HEADERS.priority.includes(lower))) {
			return fail({ field: 'headers', error: `headers: "${trimmed}" is already set by the List-Unsubscribe or Priority option` });
		}
		headers[trimmed] = String(value);
	}

	const result: MessageHeaders = { headers, ...(usesPriority ? { priority: options.priority as 'high' | 'low' } : {}) };
	if (!usesList) return ok(result);

	const targets: string[] = [];
	if (url) {
		const filled = unsubscribeUrl(url, values, parsed);
		if (!filled.ok) return filled;
		targets.push(filled.value);
	}
	if (email) {
		const address = email.replace(/^mailto:/i, '');
		const check = validateAddress(address);
		if (!check.ok) return fail({ field: 'listUnsubscribe', error: `List-Unsubscribe email ${JSON.stringify(address)}: ${check.failure}` });
		targets.push(`mailto:${address}`);
	}
	// RFC 8058: one-click needs an HTTPS URI in List-Unsubscribe and exactly this Post header
	if (link?.oneClick !== false && /^https:\/\//i.test(targets[0] ?? '')) {
		headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
	}
	return ok({ ...result, list: { unsubscribe: [targets] } });
}
