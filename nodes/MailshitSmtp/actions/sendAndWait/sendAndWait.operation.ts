import {
	SEND_AND_WAIT_OPERATION,
	WAIT_INDEFINITELY,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { recipientFields } from '../../descriptions/recipients.fields';
import { sendAndWaitFields } from '../../descriptions/sendAndWait.fields';
import { templateFields } from '../../descriptions/template.fields';
import { templateHints } from '../../helpers/executionHints';
import { ParsedTemplates } from '../../helpers/headerTemplates';
import { ItemParameters } from '../../helpers/itemParameters';
import { configurationError, deliveryError, itemValidationError, readSetting, resultItems, unexpectedError } from '../../helpers/nodeOutput';
import { readSmtpConnection } from '../../helpers/smtpCredential';
import { expressionModeProblem, templateFailure, TemplateSources } from '../../helpers/templateSource';
import { sendFailed, sentResult, validationFailed } from '../../results';
import { createTemplateCache, type TemplateCache } from '../../template';
import { createPooledSender } from '../../transport/pooledSender';
import { composeMessage } from '../send/composeMessage';
import { readExecutionSettings } from '../send/deliverySettings';
import { planItem, type PlanContext } from '../send/planItem';
import type { AnswerBlock, AnswerButton } from './answerBlock';
import { placeAnswerBlock } from './answerPlacement';
import { timedOutJson } from './answers';
import { readResponseSettings, type ResponseSettings } from './responseSettings';
import { waitDeadline } from './waitLimit';

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: [SEND_AND_WAIT_OPERATION] } }, [
	...recipientFields,
	...templateFields,
	...sendAndWaitFields,
]);

/** The query parameter that carries the end of the wait (epoch ms) in every signed link. */
export const DEADLINE_PARAMETER = 'until';

/** n8n 1.x checks a resume link's signature only when the node asks for it; 2.x always does and has no such method. */
type SignatureAware = IExecuteFunctions & { setSignatureValidationRequired?: () => void };

/** The signed links, one per button: the query names the answer, the signature (n8n's HMAC) seals it and the deadline. */
function answerBlock(context: IExecuteFunctions, settings: ResponseSettings, deadline: Date | undefined): AnswerBlock {
	const sealed = (query: Record<string, string>) => context.getSignedResumeUrl(deadline ? { ...query, [DEADLINE_PARAMETER]: String(deadline.getTime()) } : query);
	const buttons: AnswerButton[] = [];
	if (settings.approval) {
		buttons.push({ ...settings.approval.approve, url: sealed({ approved: 'true' }) });
		if (settings.approval.decline) buttons.push({ ...settings.approval.decline, url: sealed({ approved: 'false' }) });
	} else {
		buttons.push({ label: settings.form!.linkLabel, style: 'primary', url: sealed({}) });
	}
	return { buttons, ...(settings.look.attribution ? { attribution: settings.look.attribution } : {}) };
}

/** The execution's template cache, with the answer block placed into every template before it compiles. */
function withAnswerBlock(cache: TemplateCache, block: AnswerBlock): TemplateCache {
	return {
		get: (spec) => cache.get(placeAnswerBlock(spec, block)),
		get size() {
			return cache.size;
		},
		get compiled() {
			return cache.compiled;
		},
	};
}

/**
 * Send and Wait for Response: one email per execution, built from the first item like a Send
 * (template, variables, checks, our credential and pool), with the answer block placed into the
 * template; then the execution waits until a link is followed (webhook.ts) or the limit passes.
 * Nothing is sent when a check fails, and the execution does not wait for an email that did not go out.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const params = new ItemParameters(this);
	const resultItem = resultItems(node);
	const settings = readSetting(node, () => readResponseSettings((name, fallback) => params.get(name, 0, fallback)));
	const deadline = waitDeadline(settings.limit, Date.now(), this.getTimezone());
	if (!deadline.ok) throw configurationError(node, deadline.failure, 'Limit Wait Time');
	const { settings: smtp, auth } = await readSmtpConnection(this, 0);
	const { delivery, rules, domainChecker } = readExecutionSettings(node, params, this.getExecutionCancelSignal?.());

	(this as SignatureAware).setSignatureValidationRequired?.();
	const templates = createTemplateCache();
	const planContext: PlanContext = {
		node,
		params,
		settings: smtp,
		helpers: this.helpers,
		templates: withAnswerBlock(templates, answerBlock(this, settings, deadline.value)),
		parsed: new ParsedTemplates(),
		sources: new TemplateSources(this, params),
		rules,
		sharedProblem: expressionModeProblem(params),
		domainChecker,
	};
	const plan = await planItem(planContext, 0, items[0]);
	if (!plan.ok) {
		if (!continueOnFail) throw itemValidationError(node, 0, plan.failure);
		return [[resultItem(0, validationFailed(plan.failure))]];
	}
	let message;
	try {
		message = await composeMessage(this, plan.value);
	} catch (error) {
		const failure = templateFailure(error);
		if (!failure) throw unexpectedError(node, error);
		if (!continueOnFail) throw itemValidationError(node, 0, failure);
		return [[resultItem(0, validationFailed(failure))]];
	}

	// one message: one connection, no pace
	const sender = createPooledSender(smtp, { ...delivery, maxConnections: 1, messagesPerSecond: 0 }, auth);
	let outcome;
	try {
		outcome = await sender.send(message);
	} finally {
		sender.close();
	}
	if (!outcome.ok) {
		if (!continueOnFail) throw deliveryError(node, 0, outcome.failure);
		return [[resultItem(0, sendFailed(outcome.failure))]];
	}

	if (deadline.value) markTimeout(this, items[0], deadline.value);
	this.addExecutionHints(...templateHints(templates.compiled), ...severalItemsHint(items.length));
	await this.putExecutionToWait(deadline.value ?? WAIT_INDEFINITELY);
	return [[resultItem(0, sentResult(outcome.value))]];
}

/**
 * What the execution goes on with if the wait runs out: n8n then passes the node's waiting input
 * through without calling the node (it does not run again), so that input becomes the timeout
 * marker. An answer replaces it with the answer (webhook.ts).
 */
function markTimeout(context: IExecuteFunctions, first: INodeExecutionData, deadline: Date): void {
	const waiting = context.getExecuteData().data;
	waiting.main = [[{ json: timedOutJson(first.json, deadline) as IDataObject, ...(first.binary ? { binary: first.binary } : {}), pairedItem: { item: 0 } }]];
}

function severalItemsHint(count: number) {
	if (count <= 1) return [];
	return [
		{
			type: 'info' as const,
			location: 'outputPane' as const,
			message: `One email was sent, for the first of ${count} items: an execution waits for one answer. To ask about each item, put the node in a Loop Over Items; to ask about all of them at once, combine them first (Aggregate).`,
		},
	];
}
