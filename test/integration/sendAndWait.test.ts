/**
 * Send and Wait for Response inside n8n's execution engine: the email goes to a real smtp-server,
 * the execution is left waiting, and the links of the email are then followed over real HTTP into
 * the node's webhook, built on n8n-core's WebhookContext (test/helpers/waitingWebhook.ts).
 */
import { createHmac } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, MAILSHIT, runMailshitNode, type NodeRun } from '../helpers/n8nEngine';
import { closedPort, type ReceivedMessage, type SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';
import { serveWaitingWebhook, type WaitingWebhookServer } from '../helpers/waitingWebhook';

// n8n signs resume links with this secret when it is set (InstanceSettings), so the test can check a signature
const HMAC_SECRET = 'mailshit-test-hmac-secret';
process.env.N8N_HMAC_SIGNATURE_SECRET = HMAC_SECRET;

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const APPROVAL_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hi {{name}}, please approve expense {{expense.id}} of {{expense.amount}} EUR.</mj-text>
        {{_answer}}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const startSink = useSmtpSinks({ tls: 'plain' });
let sink: SmtpSink;
let links: WaitingWebhookServer | undefined;
beforeEach(async () => {
	sink = await startSink();
});
afterEach(async () => {
	await links?.close();
	links = undefined;
});

const ADA = { name: 'Ada', email: 'ada@example.com', expense: { id: 'EX-7', amount: 120 } };

function waitParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		operation: 'sendAndWait',
		toEmail: '={{ $json.email }}',
		subject: 'Expense {{expense.id}} needs your approval',
		template: APPROVAL_MJML,
		...extra,
	};
}

async function sendAndWait(parameters: INodeParameters, items: INodeExecutionData[] = jsonItems([ADA])): Promise<{ run: NodeRun; message: ReceivedMessage }> {
	const run = await runMailshitNode({ items, parameters, credential: smtpCredential(sink.port) });
	expect(run.error).toBeUndefined();
	const [message] = await sink.waitForMessages(1);
	links = await serveWaitingWebhook(run);
	return { run, message };
}

/** The hrefs of the email's HTML, in order, with HTML entities undone. */
function hrefs(message: ReceivedMessage): string[] {
	return [...String(message.parsed.html).matchAll(/href="([^"]*webhook-waiting[^"]*)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));
}

async function follow(link: string, init: RequestInit & { userAgent?: string } = {}) {
	const { userAgent = BROWSER, ...rest } = init;
	const response = await fetch(links!.local(link), { ...rest, headers: { ...(userAgent ? { 'user-agent': userAgent } : {}), ...(rest.headers as Record<string, string>) } });
	return { status: response.status, html: await response.text(), headers: response.headers, call: links!.calls.at(-1)! };
}

function resumedWith(call: { result?: { workflowData?: INodeExecutionData[][] } }): IDataObject | undefined {
	return call.result?.workflowData?.[0]?.[0]?.json;
}

function multipart(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) for (const one of ([] as string[]).concat(value)) form.append(name, one);
	return form;
}

describe('Send and Wait: the email and the wait', () => {
	it('sends one email with signed Approve and Decline links, then waits indefinitely', async () => {
		const { run, message } = await sendAndWait(waitParameters({ approvalOptions: { values: { approvalType: 'double' } } }));

		expect(run.run.status).toBe('waiting');
		expect(run.run.waitTill?.toISOString()).toBe('3000-01-01T00:00:00.000Z');
		expect(run.main[0].json).toMatchObject({ success: true, type: 'sent', accepted: ['ada@example.com'] });
		expect(message.parsed.subject).toBe('Expense EX-7 needs your approval');

		const [approve, decline] = hrefs(message);
		expect(approve).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/exec-[0-9a-f-]+\/2\?approved=true&signature=[0-9a-f]{64}$/);
		expect(decline).toMatch(/\?approved=false&signature=[0-9a-f]{64}$/);
		for (const link of [approve, decline]) {
			// n8n 2.x signs path and query (without the signature) with its HMAC secret
			const url = new URL(link);
			const signature = url.searchParams.get('signature');
			url.searchParams.delete('signature');
			expect(signature).toBe(createHmac('sha256', HMAC_SECRET).update(`${url.pathname}${url.search}`).digest('hex'));
		}

		const html = String(message.parsed.html);
		// MJML buttons, compiled: the labels inside MJML's button markup, no <mj-> tag left
		expect(html).not.toMatch(/<mj-/);
		expect(html).toMatch(/>\s*Approve\s*<\/a>/);
		expect(html).toMatch(/>\s*Decline\s*<\/a>/);
		expect(html).toContain('This message was sent automatically with n8n');
		// the text part keeps each link whole and readable
		const text = String(message.parsed.text);
		expect(text).toContain(`Approve [${approve}]`);
		expect(text).toContain(`Decline [${decline}]`);
		expect(text).toContain('This message was sent automatically with n8n [https://n8n.io]');
	});

	it('Limit Wait Time: the execution waits until the limit, the links carry it, and the waiting input is the timeout marker', async () => {
		const before = Date.now();
		const { run, message } = await sendAndWait(
			waitParameters({ options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } }),
			[{ json: { ...ADA, data: { source: 'erp' } } }],
		);
		const waitTill = run.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
		expect(new URL(hrefs(message)[0]).searchParams.get('until')).toBe(String(waitTill));

		// what n8n passes on, without calling the node, if nobody answers in time
		const waiting = run.run.data.executionData!.nodeExecutionStack[0];
		expect(waiting.node.name).toBe(MAILSHIT);
		expect(waiting.data.main[0]).toEqual([
			{ json: { ...ADA, data: { source: 'erp', timedOut: true, waitedUntil: new Date(waitTill).toISOString() } }, pairedItem: { item: 0 } },
		]);
	});

	it('several items: one email, for the first item, and a hint saying so', async () => {
		const bob = { ...ADA, name: 'Bob', email: 'bob@example.com' };
		const { run } = await sendAndWait(waitParameters(), jsonItems([ADA, bob]));
		expect(sink.messages.map((m) => m.envelope.to)).toEqual([['ada@example.com']]);
		expect(run.hints.map((hint) => hint.message)).toContainEqual(expect.stringContaining('One email was sent, for the first of 2 items'));
	});

	it('a plain-text template gets "Label: URL" lines where {{_answer}} stands', async () => {
		const { message } = await sendAndWait(
			waitParameters({ templateFormat: 'text', template: 'Hi {{name}},\n\n{{_answer}}\n\nThanks', options: { appendAttribution: false } }),
		);
		const [link] = [...String(message.parsed.text).matchAll(/Approve: (\S+)/g)].map((m) => m[1]);
		expect(message.parsed.html).toBeFalsy();
		expect(String(message.parsed.text).trim()).toBe(`Hi Ada,\n\nApprove: ${link}\n\nThanks`);
		expect(link).toMatch(/\/webhook-waiting\/exec-[0-9a-f-]+\/2\?approved=true&signature=/);
	});
});

describe('Send and Wait: nothing is sent and nothing waits when a check fails', () => {
	async function refused(parameters: INodeParameters, items = jsonItems([ADA])) {
		const run = await runMailshitNode({ items, parameters, credential: smtpCredential(sink.port) });
		expect(run.run.waitTill).toBeUndefined();
		expect(sink.messages).toHaveLength(0);
		return run;
	}

	it.each([
		['a bad address', { toEmail: 'ada@' }, /Item 0: Invalid email address "ada@"/],
		['a missing variable', { template: APPROVAL_MJML.replace('{{name}}', '{{nickname}}') }, /Missing variable: nickname/],
		['{{_answer}} where MJML cannot show buttons', { template: APPROVAL_MJML.replace('<mj-section>', '<mj-section>{{_answer}}') }, /\{\{_answer\}\} at line 3:17 is directly in <mj-section>/],
		['a wait limit in the past', { options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T00:00:00' } } } }, /is in the past/],
		['"{{" in a button label', { approvalOptions: { values: { approveLabel: 'OK {{x}}' } } }, /Approve Button Label "OK \{\{x\}\}" contains "\{\{"/],
		['form fields that are not JSON', { responseType: 'customForm', defineForm: 'json', jsonOutput: '[{' }, /Form Fields is not valid JSON/],
		['a form field type n8n has but we do not', { responseType: 'customForm', defineForm: 'json', jsonOutput: '[{"fieldLabel":"CV","fieldType":"file"}]' }, /file uploads are not supported/],
	])('%s', async (_case, extra, message) => {
		const run = await refused(waitParameters(extra as INodeParameters));
		expect(run.error?.message).toMatch(message);
	});

	it('a server that refuses: the node error carries our hint, and nothing waits', async () => {
		const port = await closedPort();
		const run = await runMailshitNode({ items: jsonItems([ADA]), parameters: waitParameters(), credential: smtpCredential(port) });
		expect(run.run.waitTill).toBeUndefined();
		expect(run.error?.message).toMatch(/^Item 0 was not sent: /);
		expect(run.error?.description).toMatch(/Connection refused by 127\.0\.0\.1:\d+/);
	});

	it('Continue On Fail: the failure is the output and the execution goes on without waiting', async () => {
		const run = await runMailshitNode({ items: jsonItems([{ ...ADA, email: 'not-an-address' }]), parameters: waitParameters(), credential: smtpCredential(sink.port), onError: 'continueRegularOutput' });
		expect(run.run.waitTill).toBeUndefined();
		expect(run.main.map((item) => item.json)).toEqual([expect.objectContaining({ success: false, type: 'validation_failed', field: '_to' })]);
	});
});

describe('Send and Wait: following an approval link', () => {
	async function approvalEmail(extra: INodeParameters = {}) {
		const { message } = await sendAndWait(waitParameters({ approvalOptions: { values: { approvalType: 'double', approveLabel: 'Pay it', disapproveLabel: 'Reject' } }, ...extra }));
		const [approve, decline] = hrefs(message);
		return { approve, decline };
	}

	it('Approve in a browser: the answer page, and the execution resumes with { data: { approved: true } }', async () => {
		const { approve } = await approvalEmail();
		const followed = await follow(approve);
		expect(followed.status).toBe(200);
		expect(followed.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(followed.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(followed.html).toContain('<h1>Answer recorded</h1>');
		expect(followed.html).toContain('You chose: <strong>Pay it</strong>.');
		const answer = resumedWith(followed.call);
		expect(answer).toEqual({ data: { approved: true, respondedAt: expect.any(String) } });
		expect(Math.abs(Date.parse(String((answer!.data as IDataObject).respondedAt)) - Date.now())).toBeLessThan(60_000);
		expect(followed.call.result?.workflowData?.[0]?.[0]?.pairedItem).toEqual({ item: 0 });
	});

	it('Decline: { data: { approved: false } }', async () => {
		const { decline } = await approvalEmail();
		const followed = await follow(decline);
		expect(followed.html).toContain('You chose: <strong>Reject</strong>.');
		expect(resumedWith(followed.call)).toEqual({ data: { approved: false, respondedAt: expect.any(String) } });
	});

	it.each([
		['curl', 'curl/8.5.0'],
		["Node's fetch", 'node'],
		['no User-Agent at all', ''],
		['Microsoft Office link discovery', 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)'],
		['a security scanner posing as Chrome', `${BROWSER} Proofpoint`],
		['a chat link preview', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
		['a headless browser', BROWSER.replace('Chrome/', 'HeadlessChrome/')],
	])('%s does not approve: it gets a page with a button, and the execution keeps waiting', async (_who, userAgent) => {
		const { approve } = await approvalEmail();
		const followed = await follow(approve, { userAgent });
		expect(followed.status).toBe(200);
		expect(followed.html).toContain('<h1>Confirm your answer</h1>');
		expect(followed.html).toContain('<form method="post"><button type="submit" class="button primary">Pay it</button></form>');
		expect(followed.call.result).toEqual({ noWebhookResponse: true });
	});

	it('a browser prefetching the link does not approve either', async () => {
		const { approve } = await approvalEmail();
		const followed = await follow(approve, { headers: { 'sec-purpose': 'prefetch' } });
		expect(followed.html).toContain('Confirm your answer');
		expect(followed.call.result?.workflowData).toBeUndefined();
	});

	it("the confirmation page's button posts back and records the answer", async () => {
		const { decline } = await approvalEmail();
		const followed = await follow(decline, { method: 'POST', userAgent: '' });
		expect(followed.html).toContain('You chose: <strong>Reject</strong>.');
		expect(resumedWith(followed.call)).toEqual({ data: { approved: false, respondedAt: expect.any(String) } });
	});

	it('Ask for Confirmation: even a browser gets the button first', async () => {
		const { approve } = await approvalEmail({ options: { confirmApproval: true } });
		const followed = await follow(approve);
		expect(followed.html).toContain('Confirm your answer');
		expect(followed.call.result?.workflowData).toBeUndefined();
	});

	it('a link followed after the limit: the expired page (410), and no answer is recorded', async () => {
		const { approve } = await approvalEmail({ options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'minutes' } } } });
		// n8n has checked the signature by now; only the time has passed
		const late = new URL(approve);
		late.searchParams.set('until', String(Date.now() - 1000));
		const followed = await follow(late.toString());
		expect(followed.status).toBe(410);
		expect(followed.html).toContain('<h1>This request has expired</h1>');
		expect(followed.html).toMatch(/The time to answer ended on .*\(America\/New_York\)\. Your answer was not recorded\./);
		expect(followed.call.result).toEqual({ noWebhookResponse: true });
	});

	it('a signed link whose answer is neither true nor false: "not valid" (400), nothing recorded', async () => {
		const { approve } = await approvalEmail();
		const followed = await follow(approve.replace('approved=true', 'approved=maybe'));
		expect(followed.status).toBe(400);
		expect(followed.html).toContain('This link is not valid');
		expect(followed.call.result).toEqual({ noWebhookResponse: true });
	});

	it('Page Language: German labels in the email and a German page', async () => {
		const { message } = await sendAndWait(waitParameters({ options: { pageLanguage: 'de' } }));
		const [approve] = hrefs(message);
		expect(String(message.parsed.html)).toMatch(/>\s*Genehmigen\s*<\/a>/);
		expect(String(message.parsed.html)).toContain('Diese Nachricht wurde automatisch mit n8n gesendet');
		const followed = await follow(approve);
		expect(followed.html).toContain('<html lang="de">');
		expect(followed.html).toContain('Ihre Wahl: <strong>Genehmigen</strong>.');
	});
});

describe('Send and Wait: Free Text and Custom Form', () => {
	it('Free Text: the link opens a form; an empty answer is refused on the page; a text resumes with { data: { text } }', async () => {
		const { message } = await sendAndWait(
			waitParameters({ responseType: 'freeText', options: { responseFormTitle: '={{ "Expense " + $json.expense.id }}', responseFormDescription: 'Why?' } }),
		);
		const [respond] = hrefs(message);
		expect(String(message.parsed.html)).toMatch(/>\s*Respond\s*<\/a>/);
		expect(respond).toMatch(/\/webhook-waiting\/exec-[0-9a-f-]+\/2\?signature=[0-9a-f]{64}$/);

		const page = await follow(respond);
		expect(page.status).toBe(200);
		// the form title's expression is evaluated against the waiting item, as n8n does for its pages
		expect(page.html).toContain('<h1>Expense EX-7</h1>');
		expect(page.html).toContain('<form method="post" enctype="multipart/form-data" novalidate>');
		expect(page.html).toContain('<label for="field-0">Response <span class="required">(required)</span></label>');
		expect(page.call.result).toEqual({ noWebhookResponse: true });

		const empty = await follow(respond, { method: 'POST', body: multipart({ 'field-0': '   ' }) });
		expect(empty.status).toBe(422);
		expect(empty.html).toContain('<div class="summary" role="alert"><p>Please correct the marked fields.</p><ul><li><a href="#field-0">Response: Please fill in this field.</a></li></ul></div>');
		expect(empty.html).toContain('aria-invalid="true" aria-describedby="field-0-error"');
		expect(empty.html).toContain('<p class="error" id="field-0-error">Please fill in this field.</p>');
		expect(empty.call.result).toEqual({ noWebhookResponse: true });

		const answered = await follow(respond, { method: 'POST', body: multipart({ 'field-0': 'Conference travel,\nas agreed.' }) });
		expect(answered.status).toBe(200);
		expect(answered.html).toContain('<h1>Thank you</h1>');
		expect(resumedWith(answered.call)).toEqual({ data: { text: 'Conference travel,\nas agreed.', respondedAt: expect.any(String) } });
	});

	const FORM = JSON.stringify([
		{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
		{ fieldLabel: 'Contact', fieldType: 'email' },
		{ fieldLabel: 'Cost centre', fieldName: 'costCentre', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'Sales' }, { option: 'R&D' }] }, requiredField: true },
		{ fieldLabel: 'Tags', fieldType: 'checkbox', fieldOptions: { values: [{ option: 'travel' }, { option: 'urgent' }] } },
		{ fieldLabel: 'Due', fieldType: 'date' },
		{ fieldLabel: 'Source', fieldName: 'source', fieldType: 'hiddenField', fieldValue: 'email' },
	]);

	it('Custom Form: wrong values are refused field by field, kept in the form; right ones resume with typed values', async () => {
		const { message } = await sendAndWait(waitParameters({ responseType: 'customForm', defineForm: 'json', jsonOutput: FORM }));
		const [respond] = hrefs(message);
		const page = await follow(respond);
		expect(page.html).toContain('<option value="R&amp;D">R&amp;D</option>');
		expect(page.html).toContain('<legend>Tags</legend>');
		expect(page.html).not.toContain('Source');

		const wrong = await follow(respond, { method: 'POST', body: multipart({ 'field-0': '12,5', 'field-1': 'ada@', 'field-2': 'Marketing', 'field-4': '2026-02-30' }) });
		expect(wrong.status).toBe(422);
		expect(wrong.html).toContain('<p class="error" id="field-0-error">Enter a number.</p>');
		expect(wrong.html).toContain('value="12,5"');
		expect(wrong.html).toContain('<p class="error" id="field-1-error">Enter a valid email address.</p>');
		expect(wrong.html).toContain('<p class="error" id="field-2-error">Choose one of the options.</p>');
		expect(wrong.html).toContain('<p class="error" id="field-4-error">Enter a date.</p>');
		expect(wrong.call.result).toEqual({ noWebhookResponse: true });

		const right = await follow(respond, {
			method: 'POST',
			body: multipart({ 'field-0': '12.5', 'field-1': 'ada@example.com', 'field-2': 'R&D', 'field-3': ['travel', 'urgent'], 'field-4': '2026-03-01', 'field-5': 'forged' }),
		});
		expect(right.status).toBe(200);
		expect(resumedWith(right.call)).toEqual({
			data: { Amount: 12.5, Contact: 'ada@example.com', costCentre: 'R&D', Tags: ['travel', 'urgent'], Due: '2026-03-01', source: 'email', respondedAt: expect.any(String) },
		});
	});

	it('Custom Form posted urlencoded (n8n 1.x accepts it): the same answer', async () => {
		const { message } = await sendAndWait(waitParameters({ responseType: 'customForm', defineForm: 'json', jsonOutput: FORM }));
		const [respond] = hrefs(message);
		const body = new URLSearchParams([['field-0', '3'], ['field-2', 'Sales'], ['field-3', 'urgent']]);
		const right = await follow(respond, { method: 'POST', body });
		expect(resumedWith(right.call)).toMatchObject({ data: { Amount: 3, Contact: '', costCentre: 'Sales', Tags: ['urgent'], Due: null, source: 'email' } });
	});
});
