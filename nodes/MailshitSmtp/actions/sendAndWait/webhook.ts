/**
 * A link of a Send and Wait email, followed. n8n routes it here only while the execution waits at
 * this node and only after checking the link's signature (a tampered or unsigned link never gets
 * here); once the execution has gone on, n8n answers links itself ("No action required").
 *
 * Every answer is our own page, written straight to the response; the execution is resumed only
 * by returning `workflowData`. Nothing here throws: a webhook that throws makes n8n resume the
 * execution with an error, and a recipient's click must never do that.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { ServerResponse } from 'node:http';
import { approvalAnswer, formAnswer } from './answers';
import { postedValues, readAnswers } from './formAnswers';
import { formPage } from './formPage';
import { looksAutomated } from './linkScanners';
import { PAGE_HEADERS, type PageLook, type ResponsePage } from './pageLayout';
import { confirmPage, expiredPage, invalidLinkPage, recordedPage, thanksPage, unavailablePage } from './pages';
import { phrasesFor } from './phrases';
import { readResponseSettings, type ResponseSettings } from './responseSettings';
import { DEADLINE_PARAMETER } from './sendAndWait.operation';

function send(response: ServerResponse, page: ResponsePage): void {
	response.writeHead(page.status, PAGE_HEADERS);
	response.end(page.html);
}

/** Shows a page and leaves the execution waiting. */
function show(response: ServerResponse, page: ResponsePage): IWebhookResponseData {
	send(response, page);
	return { noWebhookResponse: true };
}

/** Shows a page and resumes the execution with the answer as the node's output. */
function answer(response: ServerResponse, page: ResponsePage, json: IDataObject): IWebhookResponseData {
	send(response, page);
	return { noWebhookResponse: true, workflowData: [[{ json, pairedItem: { item: 0 } }]] };
}

const FALLBACK_LOOK: PageLook = { language: 'en', phrases: phrasesFor('en'), customCss: '' };

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject() as unknown as ServerResponse;
	let settings: ResponseSettings;
	try {
		settings = readResponseSettings((name, fallback) => this.getNodeParameter(name, fallback) as typeof fallback);
	} catch (error) {
		this.logger.error(`mailshit SMTP: a response link was followed but the node's settings cannot be read: ${(error as Error).message}`);
		return show(response, unavailablePage(FALLBACK_LOOK));
	}
	try {
		return handleLink(this, response, settings);
	} catch (error) {
		this.logger.error(`mailshit SMTP: answering a response link failed: ${(error as Error).message}`);
		return show(response, unavailablePage(settings.look));
	}
}

function handleLink(context: IWebhookFunctions, response: ServerResponse, settings: ResponseSettings): IWebhookResponseData {
	const method = context.getRequestObject().method;
	const query = context.getQueryData() as Record<string, unknown>;
	const now = new Date();
	const { look } = settings;

	// n8n's wait tracker resumes an execution up to a minute after its limit: a late answer must not win
	const deadline = Number(query[DEADLINE_PARAMETER]);
	if (query[DEADLINE_PARAMETER] !== undefined && Number.isFinite(deadline) && now.getTime() >= deadline) {
		return show(response, expiredPage(look, new Date(deadline), context.getTimezone()));
	}

	if (settings.approval) {
		const { approve, decline } = settings.approval;
		const chosen = query.approved === 'true' ? approve : query.approved === 'false' ? decline : undefined;
		if (!chosen) return show(response, invalidLinkPage(look));
		if (method === 'GET' && (settings.confirmApproval || looksAutomated(context.getHeaderData()))) {
			return show(response, confirmPage(look, chosen.label));
		}
		return answer(response, recordedPage(look, chosen.label), approvalAnswer(chosen === approve, now) as unknown as IDataObject);
	}

	const form = settings.form!;
	if (method !== 'POST') return show(response, formPage(look, form));
	const posted = postedValues(context.getBodyData());
	const answers = readAnswers(form.fields, posted, look.phrases);
	if (!answers.ok) return show(response, formPage(look, form, { posted, errors: answers.failure }));
	return answer(response, thanksPage(look), formAnswer(answers.value, now) as unknown as IDataObject);
}
