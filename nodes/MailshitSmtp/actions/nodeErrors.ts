import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import type { SmtpFailure } from '../transport/classifySmtpError';

/** A bad input or setting on one item: the user fixes the item or the node. */
export function itemValidationError(node: INode, itemIndex: number, field: string, error: string): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: ${error}`, {
		itemIndex,
		description: `Field: ${field}. Nothing was sent for this item.`,
	});
}

/** A setting that fails for every item (a regex that does not compile, an unusable credential). */
export function configurationError(node: INode, message: string, field: string, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description: `Field: ${field}` });
}

/**
 * A server (SMTP, DNS) or the way to it refused: NodeApiError, with our hint as the description.
 * NodeApiError replaces messages that contain a socket code (ECONNREFUSED, …) by its own generic
 * wording; the hint is the better sentence, so the message is set again after construction.
 */
export function serviceError(node: INode, itemIndex: number, message: string, failure: { error: string; code: string; hint: string }): NodeApiError {
	const error = new NodeApiError(node, { message: failure.error, code: failure.code } as JsonObject, {
		message,
		description: failure.hint,
		itemIndex,
	});
	error.message = message;
	return error;
}

export function deliveryError(node: INode, itemIndex: number, failure: SmtpFailure): NodeApiError {
	return serviceError(node, itemIndex, `Item ${itemIndex} was not sent: ${failure.error}`, failure);
}

/** Anything not foreseen (a bug, a library failure): still a node error, tied to its item. */
export function unexpectedError(node: INode, error: unknown, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
