import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { MailshitResult } from '../results';

/**
 * One output item per input item, always paired with it.
 *
 * Failures and n8n's "continue (using error output)": n8n moves an item to the error branch only
 * if it carries `item.error` — whose json n8n then replaces by `{ error: message }`, losing type,
 * field and hint — or if its json holds nothing but `error` and `message` (n8n 1.x and 2.x alike).
 * So on that branch a failure is `{ error: <the full result>, message: <its sentence> }`: routed,
 * and nothing lost. Everywhere else (regular output, Continue On Fail) it is the flat result.
 */
export function resultItem(context: IExecuteFunctions, index: number, result: MailshitResult): INodeExecutionData {
	const toErrorBranch = !result.success && routesToErrorBranch(context);
	const json = toErrorBranch ? { error: { ...result }, message: result.error } : { ...result };
	return { json, pairedItem: { item: index } };
}

/** Asked once per execution: getNode() deep-copies the whole node, too dear for every item. */
const errorBranchByExecution = new WeakMap<IExecuteFunctions, boolean>();

function routesToErrorBranch(context: IExecuteFunctions): boolean {
	let routes = errorBranchByExecution.get(context);
	if (routes === undefined) {
		routes = context.getNode().onError === 'continueErrorOutput';
		errorBranchByExecution.set(context, routes);
	}
	return routes;
}
