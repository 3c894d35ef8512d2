import { updateDisplayOptions, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { recipientFields } from '../../descriptions/recipients.fields';
import { sendOptionFields } from '../../descriptions/sendOptions.fields';
import { templateFields } from '../../descriptions/template.fields';
import { sendFailed, sentResult, validationFailed, type SendFailedResult } from '../../results';
import { CANCELLED_HINT } from '../../smtp/errorHints';
import { createTemplateCache } from '../../template';
import { createPooledSender, type DeliveryOutcome } from '../../transport/pooledSender';
import { runInOrder } from '../../shared/runInOrder';
import type { ValidationFailure } from '../../validation/errors';
import { LOOKUPS_IN_FLIGHT } from '../../verification';
import { eventLoopTurns } from '../../shared/eventLoopTurns';
import { dkimAlignmentHints, templateHints } from '../../helpers/executionHints';
import { ItemParameters } from '../../helpers/itemParameters';
import { deliveryError, itemValidationError, resultItems, stoppedError, unexpectedError } from '../../helpers/nodeOutput';
import { ParsedTemplates } from '../../helpers/headerTemplates';
import { readSmtpConnection } from '../../helpers/smtpCredential';
import { expressionModeProblem, templateFailure, TemplateSources } from '../../helpers/templateSource';
import { emailFiles } from '../../helpers/emailFiles';
import { withSentLog } from '../../helpers/sentLog';
import { describeWhatWentOut, type SentItem } from './batchReport';
import { composeMessage } from './composeMessage';
import { readExecutionSettings } from './deliverySettings';
import { planItem, type PlanContext, type PlanResult } from './planItem';
import { messageDigest, sentRecord, type ItemOutcome, type SentRecord } from './sentRecord';

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: ['send'] } }, [
	...recipientFields,
	...templateFields,
	...sendOptionFields,
]);

/** One item's delivery as the node reports it, with the cause the node acts on. */
function itemOutcome(outcome: DeliveryOutcome): ItemOutcome {
	return outcome.ok ? { result: sentResult(outcome.value) } : { result: sendFailed(outcome.failure), hintId: outcome.failure.hintId };
}

/** The result of an item the stop kept from starting (the node fails, so it is never output). */
const CANCELLED: SendFailedResult = { success: false, type: 'send_failed', error: 'Execution stopped', code: 'EABORT', hint: CANCELLED_HINT };

/** Why pass two stopped early: the node error is built once every message in flight has settled. */
type Halt =
	| { stoppedBy: 'cancel' }
	| { stoppedBy: 'validation'; index: number; failure: ValidationFailure }
	| { stoppedBy: 'delivery'; index: number; failure: SendFailedResult }
	| { stoppedBy: 'unexpected'; index: number; error: unknown };

function haltError(node: INode, halt: Halt, report: string): Error {
	switch (halt.stoppedBy) {
		case 'cancel':
			return stoppedError(node, report);
		case 'validation':
			return itemValidationError(node, halt.index, halt.failure, report);
		case 'delivery':
			return deliveryError(node, halt.index, halt.failure, report);
		default:
			return unexpectedError(node, halt.error, halt.index, report);
	}
}

/**
 * n8n's Retry On Fail runs the node again with the same input in the same execution: a record of
 * what this run delivered keeps the retry from sending it twice. Without Retry On Fail, or
 * outside an execution (no id), there is nothing to remember.
 */
function openSentRecord(context: IExecuteFunctions, node: INode): SentRecord | undefined {
	const executionId = context.getExecutionId();
	if (node.retryOnFail !== true || !executionId) return undefined;
	const runIndex = Number(context.getWorkflowDataProxy(0).$runIndex) || 0;
	return sentRecord(executionId, node.name, runIndex);
}

/**
 * Pass one: every item checked before anything is sent. With Verify Recipient Domain on, items
 * are checked LOOKUPS_IN_FLIGHT at a time (their DNS lookups overlap, as Verify Address's do);
 * either way the event loop gets a turn every few milliseconds. Without Continue On Fail the
 * first bad item stops the node before the rest are planned (MJML compiles, DNS lookups); with
 * items checked at once, "first" is the lowest index, as one at a time would have found.
 */
async function planAll(context: PlanContext, items: INodeExecutionData[], continueOnFail: boolean, signal?: AbortSignal): Promise<PlanResult[]> {
	const turn = eventLoopTurns();
	let firstBad: { index: number; failure: ValidationFailure } | undefined;
	try {
		return await runInOrder(items.length, context.domainChecker ? LOOKUPS_IN_FLIGHT : 1, async (index, stop) => {
			if (signal?.aborted) throw stoppedError(context.node, describeWhatWentOut([], items.length));
			const plan = await planItem(context, index, items[index]);
			if (!plan.ok && !continueOnFail && (!firstBad || index < firstBad.index)) {
				firstBad = { index, failure: plan.failure };
				stop(firstBad);
			}
			await turn();
			return plan;
		});
	} catch (error) {
		// every item before a stopped one was planned (items start in order), so firstBad is the first
		if (firstBad) throw itemValidationError(context.node, firstBad.index, firstBad.failure);
		// planItem and the stop throw only node errors; n8n's NodeOperationError passes one through as it is
		throw unexpectedError(context.node, error);
	}
}

/**
 * Send, in two passes. Pass one checks every item (addresses, variables, rules, attachments)
 * without touching the network; without Continue On Fail a single bad item stops the node
 * before anything is sent. Pass two renders and sends through one pooled transport, in
 * parallel up to Max Connections, keeping output order = input order; the pool is closed in
 * `finally` whatever happens. A stop of the execution (n8n's cancel signal) starts no further
 * message; a failure says which items had already gone out.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal?.();
	const params = new ItemParameters(this);
	const resultItem = resultItems(node);
	const { settings, auth } = await readSmtpConnection(this);
	const { delivery, rules, domainChecker } = readExecutionSettings(node, params, signal);
	const planContext: PlanContext = {
		node,
		params,
		settings,
		helpers: this.helpers,
		templates: createTemplateCache(),
		sources: new TemplateSources(this, params),
		parsed: new ParsedTemplates(),
		rules,
		sharedProblem: expressionModeProblem(params),
		domainChecker,
		templatesInPlans: new Set(),
	};

	const plans: Array<PlanResult | undefined> = await planAll(planContext, items, continueOnFail, signal);
	const fromAddresses = plans.flatMap((plan) => (plan?.ok ? [plan.value.addressing.from.address] : []));
	const alignmentHints = dkimAlignmentHints(settings.dkim, fromAddresses);
	const record = openSentRecord(this, node);
	const sent: SentItem[] = [];
	const uncertain: number[] = [];
	const { resendUncertain } = delivery;
	const sender = await withSentLog(this, createPooledSender(settings, delivery, auth));

	const sendItem = async (index: number, stop: (halt: Halt) => void): Promise<INodeExecutionData> => {
		const planned = plans[index]!;
		plans[index] = undefined; // let a sent item's plan be collected
		if (!planned.ok) return resultItem(index, validationFailed(planned.failure));
		let message;
		try {
			message = await composeMessage(this, planned.value);
		} catch (error) {
			const failure = templateFailure(error);
			if (!failure) throw { stoppedBy: 'unexpected', index, error } satisfies Halt;
			if (!continueOnFail) stop({ stoppedBy: 'validation', index, failure });
			return resultItem(index, validationFailed(failure));
		}
		const digest = record ? messageDigest(message) : '';
		const outcome = record?.previous(index, digest) ?? itemOutcome(await sender.send(message));
		const { result } = outcome;
		if (result.type === 'sent') {
			sent.push({ index, messageId: result.messageId });
			record?.remember(index, digest, outcome);
			const binary = await emailFiles(this, planned.value.emailFiles, message);
			return binary ? { ...resultItem(index, result), binary } : resultItem(index, result);
		}
		if (outcome.hintId === 'cancelled') {
			stop({ stoppedBy: 'cancel' });
			return resultItem(index, result);
		}
		if (outcome.hintId === 'deliveryUncertain') {
			uncertain.push(index);
			// at-most-once: a retry of the node must not resend what may have arrived
			if (!resendUncertain) record?.remember(index, digest, outcome);
		}
		if (!continueOnFail) stop({ stoppedBy: 'delivery', index, failure: result });
		return resultItem(index, result);
	};

	try {
		// twice the connections in flight, so a connection never waits for us to render the next one
		const output = await runInOrder<INodeExecutionData>(items.length, delivery.maxConnections * 2, (index, stop) => {
			if (!signal?.aborted) return sendItem(index, stop);
			stop({ stoppedBy: 'cancel' });
			return Promise.resolve(resultItem(index, CANCELLED));
		});
		record?.forget();
		this.addExecutionHints(...templateHints(planContext.templates.compiled), ...alignmentHints);
		return [output];
	} catch (reason) {
		const halt: Halt = isHalt(reason) ? reason : { stoppedBy: 'unexpected', index: 0, error: reason };
		throw haltError(node, signal?.aborted ? { stoppedBy: 'cancel' } : halt, describeWhatWentOut(sent, items.length, uncertain));
	} finally {
		sender.close();
	}
}

function isHalt(value: unknown): value is Halt {
	return typeof value === 'object' && value !== null && 'stoppedBy' in value;
}
