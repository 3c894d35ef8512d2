/**
 * How a result becomes what n8n shows: an output item paired with its input, or a thrown node
 * error tied to its item. The result shapes themselves are in results.ts.
 */
import { NodeApiError, NodeOperationError, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';
import { validationFailed, type MailshitResult } from '../results';
import { ConfigurationError } from '../shared/configurationError';
import type { SmtpFailure } from '../smtp/classifyError';
import type { ValidationFailure } from '../validation/errors';

/** `report`: what the batch had sent when it stopped (see batchReport), added to the description. */
function withReport(description: string, report?: string): string {
	return report ? `${description} ${report}` : description;
}

/** Builds one output item per input item, always paired with it. */
export type ResultItem = (index: number, result: MailshitResult) => INodeExecutionData;

/**
 * Made once per execution from the node the operation already holds: getNode() deep-copies the
 * whole node (a template of up to 1 MB included), too dear to ask for every item.
 *
 * Failures and n8n's "continue (using error output)": n8n moves an item to the error branch only
 * if it carries `item.error` — whose json n8n then replaces by `{ error: message }`, losing type,
 * field and hint — or if its json holds nothing but `error` and `message` (n8n 1.x and 2.x alike).
 * So on that branch a failure is `{ error: <the full result>, message: <its sentence> }`: routed,
 * and nothing lost. Everywhere else (regular output, Continue On Fail) it is the flat result.
 */
export function resultItems(node: INode): ResultItem {
	const toErrorBranch = node.onError === 'continueErrorOutput';
	return (index, result) => {
		const json = !result.success && toErrorBranch ? { error: { ...result }, message: result.error } : { ...result };
		return { json, pairedItem: { item: index } };
	};
}

/** A bad input or setting on one item: the user fixes the item or the node. */
export function itemValidationError(node: INode, itemIndex: number, failure: ValidationFailure, report?: string): NodeOperationError {
	// shortened as the output item shows it
	const { error, field } = validationFailed(failure);
	return new NodeOperationError(node, `Item ${itemIndex}: ${error}`, {
		itemIndex,
		description: withReport(`Field: ${field}. Nothing was sent for this item.`, report),
	});
}

/** A setting that fails for every item (a regex that does not compile, an unusable credential). */
export function configurationError(node: INode, message: string, field: string, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description: `Field: ${field}` });
}

/**
 * Reads settings that hold for every item; a ConfigurationError becomes the node error naming its
 * field (after `fieldPrefix`, e.g. "Validation Rules: "), anything else an unexpected error.
 */
export function readSetting<T>(node: INode, read: () => T, fieldPrefix = ''): T {
	try {
		return read();
	} catch (error) {
		if (error instanceof ConfigurationError) throw configurationError(node, error.message, `${fieldPrefix}${error.field}`);
		throw unexpectedError(node, error);
	}
}

/**
 * A server (SMTP, DNS) or the way to it refused: NodeApiError, with our hint as the description.
 * NodeApiError replaces messages that contain a socket code (ECONNREFUSED, …) by its own generic
 * wording; the hint is the better sentence, so the message is set again after construction.
 */
export function serviceError(node: INode, itemIndex: number, message: string, failure: { error: string; code: string; hint: string }, report?: string): NodeApiError {
	const error = new NodeApiError(node, { message: failure.error, code: failure.code } as JsonObject, {
		message,
		description: withReport(failure.hint, report),
		itemIndex,
	});
	error.message = message;
	return error;
}

export function deliveryError(node: INode, itemIndex: number, failure: Pick<SmtpFailure, 'error' | 'code' | 'hint'>, report?: string): NodeApiError {
	return serviceError(node, itemIndex, `Item ${itemIndex} was not sent: ${failure.error}`, failure, report);
}

/** The execution was stopped (the editor's Stop, the workflow timeout, n8n shutting down). */
export function stoppedError(node: INode, report: string): NodeOperationError {
	return new NodeOperationError(node, 'The execution was stopped: no further email was started', { description: report });
}

/** Anything not foreseen (a bug, a library failure): still a node error, tied to its item. */
export function unexpectedError(node: INode, error: unknown, itemIndex = 0, report?: string): NodeOperationError {
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex, ...(report ? { description: report } : {}) });
}
