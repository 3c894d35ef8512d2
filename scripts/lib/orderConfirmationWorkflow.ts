/**
 * The second ready workflow of `npm start`: order confirmations with a list of lines
 * ({{#each order.items}}), VIP and note branches and a footer partial, each confirmation also
 * attached to the output item as email.html for the editor's binary viewer.
 */
import { codeNode, mailshitNode, sendWorkflow, type WorkflowFixture } from '../../e2e/harness/fixtures';
import { orderConfirmationParameters, orderRow } from '../../examples/orderConfirmation';

export const ORDER_WORKFLOW_ID = 'mailshitExample02';
const ORDER_WORKFLOW_NAME = 'mailshit example: order confirmations with {{#each}}';

export function orderConfirmationWorkflow(credential: { id: string; name: string }): WorkflowFixture {
	const orders = [
		orderRow(0, 2, { customer: { first_name: 'Ada', email: 'ada@example.com', vip: true } }),
		orderRow(1, 4, { customer: { first_name: 'Grace', email: 'grace@example.com', vip: false } }),
		orderRow(2, 1, { customer: { first_name: 'Linus', email: 'linus@example.com', vip: false } }),
	];
	return sendWorkflow(ORDER_WORKFLOW_ID, ORDER_WORKFLOW_NAME, codeNode('Orders', orders), mailshitNode('Send order confirmation', credential, orderConfirmationParameters()));
}
