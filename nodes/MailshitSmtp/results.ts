import type { SmtpFailure } from './smtp/classifyError';
import { shortenLongWords } from './validation/messageText';

/**
 * The result shapes, one per output item (the same as mailshit's HTTP API answers). Code and
 * tests import these; nothing else defines what an output item looks like.
 */
export interface SentResult {
	success: true;
	type: 'sent';
	messageId: string;
	accepted: string[];
	rejected: string[];
	response: string;
}

export interface CallbackResult {
	success: true;
	type: 'callback';
	html: string;
	text: string;
	subject: string;
	/**
	 * Only with the Render option "Include Variable List". Inside sections a list element's field
	 * is `list.*.field`; `usage` marks the list of an {{#each}} and the name an {{#if}} tests.
	 */
	variables?: Array<{ name: string; required: boolean; default?: string; raw: boolean; usage?: 'list' | 'condition' }>;
}

export interface ValidationFailedResult {
	success: false;
	type: 'validation_failed';
	error: string;
	/** The field to fix: `_to`, `_subject`, a variable name such as `order.id`, `attachments`, … */
	field: string;
}

export interface SendFailedResult {
	success: false;
	type: 'send_failed';
	error: string;
	/** nodemailer's error code (EAUTH, EENVELOPE, ESOCKET, …). */
	code: string;
	/** One sentence: cause and fix. */
	hint: string;
}

/** Verify Address only: DNS gave no answer (timeout, SERVFAIL, …), so the address was not judged. */
export interface DnsFailedResult {
	success: false;
	type: 'dns_failed';
	error: string;
	/** node's DNS error code: ETIMEOUT, ESERVFAIL, EREFUSED, ECONNREFUSED, … */
	code: string;
	hint: string;
	email: string;
}

export type MailshitResult = SentResult | CallbackResult | ValidationFailedResult | SendFailedResult | DnsFailedResult;

export function sentResult(info: { messageId: string; accepted: string[]; rejected: string[]; response: string }): SentResult {
	return { success: true, type: 'sent', messageId: info.messageId, accepted: info.accepted, rejected: info.rejected, response: info.response };
}

export function sendFailed(failure: SmtpFailure): SendFailedResult {
	return { success: false, type: 'send_failed', error: failure.error, code: failure.code, hint: failure.hint };
}

/** Field names and sentences echo user data (a variable name can be 100,000 characters): cut to read. */
export function validationFailed({ field, error }: { field: string; error: string }): ValidationFailedResult {
	return { success: false, type: 'validation_failed', error: shortenLongWords(error), field: shortenLongWords(field) };
}

/**
 * Send and Wait for Response: what the node outputs when the execution goes on. An answer is
 * `{ data: … }` as in n8n's own node (with `respondedAt`, as n8n 2.x adds); a wait that ran out
 * passes the input item on, as n8n does, with `data.timedOut: true` added (see answers.ts).
 */
export interface ApprovalAnswer {
	data: { approved: boolean; respondedAt: string };
}

export interface TextAnswer {
	data: { text: string; respondedAt: string };
}

/** Custom Form: one key per field (its Field Name, else its label). */
export interface FormAnswer {
	data: Record<string, string | number | string[] | null> & { respondedAt: string };
}

export interface TimedOutMarker {
	data: { timedOut: true; waitedUntil: string };
}
