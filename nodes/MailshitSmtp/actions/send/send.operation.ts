import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { recipientFields } from '../../descriptions/recipients.fields';
import { sendOptionFields } from '../../descriptions/sendOptions.fields';
import { templateFields } from '../../descriptions/template.fields';
import { validationFailed, type SendFailedResult, type SentResult } from '../../results';
import { createTemplateCache, TemplateError } from '../../template';
import type { DeliveryOptions } from '../../transport/deliveryPolicy';
import { createPooledSender } from '../../transport/pooledSender';
import { runInOrder } from '../../shared/runInOrder';
import { readSmtpSettings, type SmtpSettings } from '../../smtp/settings';
import { ConfigurationError } from '../../shared/configurationError';
import { compileVariableRules, type CompiledVariableRule, type VariableRule } from '../../validation/rules';
import { createDomainChecker, readDnsOptions } from '../../verification';
import { dkimAlignmentHints, templateHints } from '../../helpers/executionHints';
import { ItemParameters } from '../../helpers/itemParameters';
import { configurationError, deliveryError, itemValidationError, resultItems, unexpectedError } from '../../helpers/nodeOutput';
import { ParsedTemplates } from '../../helpers/headerTemplates';
import { expressionModeProblem } from '../../helpers/templateSource';
import { composeMessage } from './composeMessage';
import { planItem, type PlanResult } from './planItem';

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: ['send'] } }, [
	...recipientFields,
	...templateFields,
	...sendOptionFields,
]);

interface ExecutionOptions {
	maxConnections?: number;
	messagesPerSecond?: number;
	retries?: number;
	retryDelaySeconds?: number;
	resendUncertain?: boolean;
	validationRules?: { rule?: VariableRule[] };
	verifyRecipientDomain?: boolean;
	dnsServers?: string;
	dnsTimeout?: number;
}

/** Delivery settings belong to the execution (one pool), so they are read from the first item. */
function readDeliveryOptions(options: ExecutionOptions): DeliveryOptions {
	return {
		maxConnections: Math.max(1, Math.min(50, Math.floor(options.maxConnections ?? 5))),
		messagesPerSecond: Math.max(0, options.messagesPerSecond ?? 0),
		retries: Math.max(0, Math.min(10, Math.floor(options.retries ?? 2))),
		retryBaseDelayMs: Math.max(0, (options.retryDelaySeconds ?? 1) * 1000),
		resendUncertain: options.resendUncertain === true,
	};
}

async function readCredential(context: IExecuteFunctions): Promise<SmtpSettings> {
	try {
		return readSmtpSettings(await context.getCredentials('mailshitSmtpApi'));
	} catch (error) {
		if (error instanceof ConfigurationError) throw configurationError(context.getNode(), error.message, `credential: ${error.field}`);
		throw unexpectedError(context.getNode(), error);
	}
}

function readRules(context: IExecuteFunctions, options: ExecutionOptions): CompiledVariableRule[] {
	try {
		return compileVariableRules(options.validationRules?.rule ?? []);
	} catch (error) {
		if (error instanceof ConfigurationError) throw configurationError(context.getNode(), error.message, `Validation Rules: ${error.field}`);
		throw unexpectedError(context.getNode(), error);
	}
}

function sentResult(info: { messageId: string; accepted: string[]; rejected: string[]; response: string }): SentResult {
	return { success: true, type: 'sent', messageId: info.messageId, accepted: info.accepted, rejected: info.rejected, response: info.response };
}

/**
 * Send, in two passes. Pass one checks every item (addresses, variables, rules, attachments)
 * without touching the network; without Continue On Fail a single bad item stops the node
 * before anything is sent. Pass two renders and sends through one pooled transport, in
 * parallel up to Max Connections, keeping output order = input order; the pool is closed in
 * `finally` whatever happens.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const params = new ItemParameters(this);
	const resultItem = resultItems(node);
	const settings = await readCredential(this);
	const executionOptions = params.get<ExecutionOptions>('options', 0, {});
	const delivery = readDeliveryOptions(executionOptions);
	const dns = readDnsOptions(executionOptions);
	if (!dns.ok) throw configurationError(node, dns.failure.error, dns.failure.field);
	const planContext = {
		node,
		params,
		settings,
		templates: createTemplateCache(),
		parsed: new ParsedTemplates(),
		rules: readRules(this, executionOptions),
		sharedProblem: expressionModeProblem(params),
		// verification fails closed: a domain DNS cannot vouch for (no answer either) is not sent to
		domainChecker: executionOptions.verifyRecipientDomain ? createDomainChecker(dns.value) : undefined,
	};

	const plans: Array<PlanResult | undefined> = [];
	for (let index = 0; index < items.length; index++) {
		const plan = await planItem(planContext, index, items[index]);
		// nothing will be sent, so the first bad item stops the node before the rest are
		// planned (MJML compiles, DNS lookups)
		if (!plan.ok && !continueOnFail) throw itemValidationError(node, index, plan.failure);
		plans.push(plan);
	}
	const fromAddresses = plans.flatMap((plan) => (plan?.ok ? [plan.value.addressing.from.address] : []));
	const alignmentHints = dkimAlignmentHints(settings.dkim, fromAddresses);

	const sender = createPooledSender(settings, delivery);
	try {
		// twice the connections in flight, so a connection never waits for us to render the next one
		const results = runInOrder(items.length, delivery.maxConnections * 2, async (index, stop) => {
			const planned = plans[index]!;
			plans[index] = undefined; // let a sent item's plan be collected
			if (!planned.ok) {
				return resultItem(index, validationFailed(planned.failure));
			}
			let message;
			try {
				message = await composeMessage(this, planned.value);
			} catch (error) {
				if (!(error instanceof TemplateError)) throw unexpectedError(node, error, index);
				const failure = { field: error.field, error: error.message };
				if (!continueOnFail) stop(itemValidationError(node, index, failure));
				return resultItem(index, validationFailed(failure));
			}
			const outcome = await sender.send(message);
			if (outcome.ok) return resultItem(index, sentResult(outcome.value));
			if (!continueOnFail) stop(deliveryError(node, index, outcome.failure));
			const failed: SendFailedResult = {
				success: false,
				type: 'send_failed',
				error: outcome.failure.error,
				code: outcome.failure.code,
				hint: outcome.failure.hint,
			};
			return resultItem(index, failed);
		});
		const output = await results;
		this.addExecutionHints(...templateHints(planContext.templates.compiled), ...alignmentHints);
		return [output];
	} finally {
		sender.close();
	}
}
