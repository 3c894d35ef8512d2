import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { unexpectedError } from '../../helpers/nodeOutput';
import type { SmtpSettings } from '../../smtp/settings';
import type { CompiledTemplate, TemplateCache } from '../../template';
import { fail, ok } from '../../shared/result';
import type { ValidationFailure, ValidationResult } from '../../validation/errors';
import type { DomainChecker } from '../../verification';
import { domainOf } from '../../validation/addresses';
import { checkVariableRules, type CompiledVariableRule } from '../../validation/rules';
import type { ItemParameters } from '../../helpers/itemParameters';
import { resolveSubject, type ParsedTemplates } from '../../helpers/headerTemplates';
import { templateFailure, type TemplateSources } from '../../helpers/templateSource';
import type { EmailFiles } from '../../helpers/emailFiles';
import { readVariables } from '../../helpers/variableValues';
import { resolveAddressing, type Addressing } from './addressing';
import { planAttachments, type AttachmentOptions, type AttachmentRef } from './attachments';
import type { BinarySizeHelpers } from '../../helpers/binaryData';
import { keepEmail, type KeptEmail } from './keptEmail';
import { checkMarkup, checkRawValues } from './markupChecks';
import { buildMessageHeaders, type HeaderOptions, type MessageHeaders } from './messageHeaders';

/**
 * What pass two makes the email from: the compiled template this item shares with others, and
 * its values; or, for an email that needed an MJML compile of its own, the email itself.
 */
export type ItemContent = { template: CompiledTemplate; values: Record<string, unknown> } | { kept: KeptEmail };

/** Everything needed to build one item's message later; small, so 10,000 of them fit. */
export interface ItemPlan {
	index: number;
	content: ItemContent;
	subject: string;
	addressing: Addressing;
	headers: MessageHeaders;
	attachments: AttachmentRef[];
	/** Fixed before the first attempt, so a retried message keeps its Message-ID. */
	messageId: string;
	/** The email as files on the output item, when the Email Files option asks for them. */
	emailFiles?: EmailFiles;
}

export type PlanResult = ValidationResult<ItemPlan>;

export interface PlanContext {
	node: INode;
	params: ItemParameters;
	settings: SmtpSettings;
	/** n8n's binary helpers: the size of a stored attachment. */
	helpers: BinarySizeHelpers;
	templates: TemplateCache;
	/** The template parameters (or file) of each item. */
	sources: TemplateSources;
	/** Subject and List-Unsubscribe URL templates, parsed once per execution. */
	parsed: ParsedTemplates;
	rules: CompiledVariableRule[];
	/** A problem of the stored parameters that every item shares (see expressionModeProblem). */
	sharedProblem?: ValidationFailure;
	/** Set when "Verify Recipient Domain" is on: one DNS cache for the execution. */
	domainChecker?: DomainChecker;
	/** The compiled templates plans refer to, at most TEMPLATES_IN_PLANS (absent: a single plan holds its own). */
	templatesInPlans?: Set<CompiledTemplate>;
}

/**
 * A plan refers to its compiled template (~56 KB for the example newsletter) until pass two fills
 * it. When items bring templates of their own (an expression), the templates after the first
 * TEMPLATES_IN_PLANS are not held: their items keep the rendered email instead (~4 KB, see
 * keptEmail.ts), so 10,000 distinct templates do not stay in memory until the last is sent.
 */
const TEMPLATES_IN_PLANS = 16;

function holdsTemplate(context: PlanContext, template: CompiledTemplate): boolean {
	const held = context.templatesInPlans;
	if (!held || held.has(template)) return true;
	if (held.size >= TEMPLATES_IN_PLANS) return false;
	held.add(template);
	return true;
}

type SendOptions = AttachmentOptions & HeaderOptions & { useItemOverrides?: boolean; urlSchemes?: string; emailFiles?: EmailFiles };
type AddressingParams = { ccEmail?: unknown; bccEmail?: unknown; replyTo?: unknown; fromEmail?: string; fromName?: string };

/**
 * Pass one of Send, for one item: read its parameters, resolve addresses and variables, and run
 * every check that needs no network. Nothing is sent until every item has been through this
 * (or, with Continue On Fail, only the items that passed are sent).
 */
export async function planItem(context: PlanContext, index: number, item: INodeExecutionData): Promise<PlanResult> {
	const { params } = context;
	if (context.sharedProblem) return fail(context.sharedProblem);
	const options = params.get<SendOptions>('options', index, {});
	const overrides: IDataObject | undefined = options.useItemOverrides === false ? undefined : item.json;

	const variables = readVariables(params, index, item);
	if (!variables.ok) return variables;
	const values = variables.value;

	const spec = await context.sources.read(index, item, options.urlSchemes);
	if (!spec.ok) return spec;
	const markup = checkMarkup(spec.value);
	if (!markup.ok) return markup;
	let content: ItemContent;
	try {
		// compiling throws no MissingVariablesError (only check and render fill values), so one
		// mapping serves all three steps
		const template = await context.templates.get(spec.value);
		const raw = checkRawValues(template, values);
		if (!raw.ok) return raw;
		// a template (or an item) that MJML compiles per item is compiled here too, so invalid
		// MJML from a value stops the node before any email of the run has left; an email that
		// needed a compile is kept from here, so it is compiled once, not again when it is sent
		const compiledOwn = await template.check(values);
		content = !compiledOwn && holdsTemplate(context, template) ? { template, values } : { kept: keepEmail(await template.render(values)) };
	} catch (error) {
		const failure = templateFailure(error);
		if (failure) return fail(failure);
		throw unexpectedError(context.node, error, index);
	}
	const ruleCheck = checkVariableRules(values, context.rules);
	if (!ruleCheck.ok) return ruleCheck;

	const addressingParams = params.get<AddressingParams>('addressing', index, {});
	const addressing = resolveAddressing({
		node: {
			_to: params.get<unknown>('toEmail', index, ''),
			_cc: addressingParams.ccEmail,
			_bcc: addressingParams.bccEmail,
			_replyTo: addressingParams.replyTo,
		},
		fromEmail: String(addressingParams.fromEmail || context.settings.fromEmail),
		fromName: String(addressingParams.fromName || context.settings.fromName),
		overrides,
	});
	if (!addressing.ok) return addressing;
	if (context.domainChecker) {
		const undeliverable = await findUndeliverableDomain(context.domainChecker, addressing.value);
		if (undeliverable) return fail(undeliverable);
	}

	const subject = resolveSubject(params, context.parsed, index, values, overrides);
	if (!subject.ok) return subject;

	const headers = buildMessageHeaders(options, values, context.parsed);
	if (!headers.ok) return headers;
	const attachments = await planAttachments(options, item.binary, index, context.helpers);
	if (!attachments.ok) return attachments;

	return ok({
		index,
		content,
		subject: subject.value,
		addressing: addressing.value,
		headers: headers.value,
		attachments: attachments.value,
		// the domain in ASCII (xn--…): a Message-ID is a header every client must read (RFC 5322 §3.6.4)
		messageId: `<${randomUUID()}@${domainToASCII(domainOf(addressing.value.from.address)) || 'localhost'}>`,
		...(options.emailFiles && options.emailFiles !== 'none' && { emailFiles: options.emailFiles }),
	});
}

/** The first recipient whose domain cannot receive mail, named by its field (To, then CC, then BCC). */
async function findUndeliverableDomain(checker: DomainChecker, addressing: Addressing): Promise<ValidationFailure | undefined> {
	for (const [field, list] of [['_to', addressing.to], ['_cc', addressing.cc], ['_bcc', addressing.bcc]] as const) {
		const checks = await Promise.all(list.map((recipient) => checker.check(recipient.address)));
		const bad = checks.find((check) => !check.ok);
		// a DNS failure carries its own advice (check DNS Servers, raise the timeout)
		if (bad && !bad.ok) return { field, error: bad.failure.hint ? `${bad.failure.error}: ${bad.failure.hint}` : bad.failure.error };
	}
	return undefined;
}
