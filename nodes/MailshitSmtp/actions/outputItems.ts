import type { INode, INodeExecutionData } from 'n8n-workflow';
import type { MailshitResult } from '../results';

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
