import type { IDataObject } from 'n8n-workflow';
import { formatRecipient, validateRecipients, type NodemailerAddress } from '../../validation/addresses';
import { fail, ok } from '../../shared/result';
import type { ValidationResult } from '../../validation/errors';
import { pickValue, type ReservedField } from '../../helpers/itemOverrides';
import { checkHeaderWords } from '../../validation/headers';

/** A display name goes into the To/From header line as it is (quoted) when it is ASCII. */
function checkNames(list: NodemailerAddress[], field: string): ValidationResult {
	for (const entry of list) {
		const check = entry.name ? checkHeaderWords(entry.name, `${field}: a display name`) : undefined;
		if (check && !check.ok) return fail({ ...check.failure, field });
	}
	return ok();
}

/**
 * Recipients of one message, To + CC + BCC. RFC 5321 §4.5.3.1.8 asks servers to take at least
 * 100; Gmail and Microsoft 365 stop at 100–500 per message. Thousands in one message are a mistake
 * (a list pasted into To shows every address to everyone): send one item per recipient instead.
 */
export const MAX_RECIPIENTS_PER_MESSAGE = 1000;

export interface Addressing {
	from: NodemailerAddress;
	to: NodemailerAddress[];
	cc: NodemailerAddress[];
	bcc: NodemailerAddress[];
	replyTo: NodemailerAddress[];
}

export interface AddressingInput {
	/** Node values, by reserved field. */
	node: Record<Exclude<ReservedField, '_subject'>, unknown>;
	fromEmail: string;
	fromName: string;
	/** The item's JSON when its reserved fields may override, else undefined. */
	overrides?: IDataObject;
}

/** Resolves and checks every address of one item; the first problem names its field. */
export function resolveAddressing(input: AddressingInput): ValidationResult<Addressing> {
	const lists: Partial<Record<Exclude<ReservedField, '_subject'>, NodemailerAddress[]>> = {};
	for (const field of ['_to', '_cc', '_bcc', '_replyTo'] as const) {
		const checked = validateRecipients(pickValue(field, input.node[field], input.overrides), field);
		if (!checked.ok) return checked;
		lists[field] = checked.value.map(formatRecipient);
		const names = checkNames(lists[field]!, field);
		if (!names.ok) return names;
	}
	if (lists._to!.length === 0) {
		return fail({ field: '_to', error: 'No recipient: fill in To, or give the item a _to field' });
	}
	const total = lists._to!.length + lists._cc!.length + lists._bcc!.length;
	if (total > MAX_RECIPIENTS_PER_MESSAGE) {
		return fail({
			field: '_to',
			error: `${total} recipients in one message (To, CC and BCC together), over the limit of ${MAX_RECIPIENTS_PER_MESSAGE}: send one item per recipient instead (servers refuse more than a few hundred, and everyone in To sees every address)`,
		});
	}

	if (!input.fromEmail.trim()) {
		return fail({ field: 'fromEmail', error: 'No sender: set From Email in the credential or in this node' });
	}
	const from = validateRecipients(input.fromName ? [{ name: input.fromName, address: input.fromEmail }] : input.fromEmail, 'fromEmail');
	if (!from.ok) return from;
	if (from.value.length !== 1) {
		return fail({ field: 'fromEmail', error: 'From Email must be exactly one address' });
	}
	const sender = formatRecipient(from.value[0]);
	const fromName = checkNames([sender], 'fromEmail');
	if (!fromName.ok) return fromName;

	return ok({
		from: sender,
		to: lists._to!,
		cc: lists._cc!,
		bcc: lists._bcc!,
		replyTo: lists._replyTo!,
	});
}
