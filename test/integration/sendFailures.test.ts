/**
 * Bad input and refusals through n8n's engine: what is thrown, what is emitted, what is (not) sent.
 */
import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import type { SendFailedResult, ValidationFailedResult } from '../../nodes/MailshitSmtp/results';
import { smtpCredential } from '../helpers/credentials';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';
import { smtpError } from '../helpers/sinkFaults';
import { closedPort, type SmtpSink } from '../helpers/smtpSink';
import { useSmtpSinks } from '../helpers/useSmtpSinks';
import { mjmlDocument } from '../unit/template/fixtures';

const MJML = mjmlDocument('<mj-text>Hi {{name}}</mj-text>');
const parameters = (extra: Record<string, unknown> = {}) => ({
	operation: 'send',
	toEmail: '={{ $json.email }}',
	subject: 'Hello {{name}}',
	template: MJML,
	...extra,
});

/** 50 recipients; item 7 has a malformed address, item 23 lacks the required {{name}}. */
function batchWithTwoBadItems() {
	return jsonItems(
		Array.from({ length: 50 }, (_, i) => {
			if (i === 7) return { name: 'Seven', email: 'seven@@example.com' };
			if (i === 23) return { email: 'twenty-three@example.com' };
			return { name: `R${i}`, email: `r${i}@example.com` };
		}),
	);
}

const startSink = useSmtpSinks();
let sink: SmtpSink;
beforeEach(async () => {
	sink = await startSink({
		tls: 'plain',
		server: {
			onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
				if (!address.address.startsWith('refuse')) return callback();
				callback(smtpError(550, '5.1.1 Mailbox unavailable'));
			},
		},
	});
});

describe('without Continue On Fail: a bad item stops the node before anything is sent', () => {
	it('names the item and the field; the sink sees no message and no connection', async () => {
		const result = await runMailshitNode({ items: batchWithTwoBadItems(), parameters: parameters(), credential: smtpCredential(sink.port) });
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 7: Invalid email address "seven@@example.com" in _to: more than one @ outside quotes',
			description: 'Field: _to. Nothing was sent for this item.',
			context: { itemIndex: 7 },
		});
		expect(sink.messages).toHaveLength(0);
		expect(sink.stats.connections).toBe(0);
	});

	it('a server refusal is a NodeApiError carrying the hint; the pool is closed', async () => {
		const items = jsonItems([{ name: 'A', email: 'a@example.com' }, { name: 'B', email: 'refuse@example.com' }]);
		const result = await runMailshitNode({ items, parameters: parameters({ options: { maxConnections: 1 } }), credential: smtpCredential(sink.port) });
		await sink.waitForIdle();
		expect(sink.messages.map((m) => m.envelope.to)).toEqual([['a@example.com']]);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: "Item 1 was not sent: Can't send mail - all recipients were rejected: 550 5.1.1 Mailbox unavailable",
			// the hint, then what had already gone out
			description: `The server refused the recipient (550 5.1.1 Mailbox unavailable): check the address for typos, and whether this server accepts mail for it. 1 item of 2 was sent before the node stopped: item 0 (Message-ID ${sink.messages[0].parsed.messageId}). A new run of this execution would send it again: take it out of the input first, or turn on Continue On Fail to get a result for every item (Retry On Fail on this node does not resend them).`,
			context: { itemIndex: 1 },
		});
	});

	it('an unusable credential is named before connecting', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'A', email: 'a@example.com' }]),
			parameters: parameters(),
			credential: smtpCredential(sink.port, { host: '' }),
		});
		expect(result.error).toMatchObject({ name: 'NodeOperationError', message: 'SMTP Host is empty: enter the server name, e.g. smtp.example.com', description: 'Field: credential: SMTP Host' });
		expect(sink.stats.connections).toBe(0);
	});

	it('an unreachable server: the refused-connection hint, and no retry storm with Retries 0', async () => {
		const port = await closedPort();
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'A', email: 'a@example.com' }]),
			parameters: parameters({ options: { retries: 0 } }),
			credential: smtpCredential(port),
		});
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: `Item 0 was not sent: connect ECONNREFUSED 127.0.0.1:${port}`,
			description: expect.stringContaining(`Connection refused by 127.0.0.1:${port}: nothing accepts connections on that port`),
		});
	});
});

describe('with Continue On Fail: 50 items, items 7 and 23 fail validation', () => {
	it('continue (regular output): 48 arrive once each, 50 results in input order', async () => {
		const result = await runMailshitNode({
			items: batchWithTwoBadItems(),
			parameters: parameters(),
			credential: smtpCredential(sink.port),
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		await sink.waitForMessages(48);
		const recipients = sink.messages.map((m) => m.envelope.to[0]).sort();
		const expected = Array.from({ length: 50 }, (_, i) => `r${i}@example.com`).filter((_, i) => i !== 7 && i !== 23).sort();
		expect(recipients).toEqual(expected);

		expect(result.main).toHaveLength(50);
		result.main.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(result.main.filter((item) => item.json.type === 'sent')).toHaveLength(48);
		expect(result.main[7].json).toEqual<ValidationFailedResult>({
			success: false,
			type: 'validation_failed',
			error: 'Invalid email address "seven@@example.com" in _to: more than one @ outside quotes',
			field: '_to',
		});
		expect(result.main[23].json).toEqual<ValidationFailedResult>({ success: false, type: 'validation_failed', error: 'Missing variable: name', field: 'name' });
		expect(result.main[8].json.accepted).toEqual(['r8@example.com']);
	});

	it('continue (using error output): failures go to the error branch', async () => {
		const result = await runMailshitNode({
			items: batchWithTwoBadItems(),
			parameters: parameters(),
			credential: smtpCredential(sink.port),
			onError: 'continueErrorOutput',
		});
		await sink.waitForMessages(48);
		expect(result.main).toHaveLength(48);
		expect(result.main.every((item) => item.json.type === 'sent')).toBe(true);
		// n8n keeps only `error` and `message` of an error-branch item, merged into the input item
		expect(result.errorOutput).toHaveLength(2);
		expect(result.errorOutput[0].json).toEqual({
			name: 'Seven',
			email: 'seven@@example.com',
			error: { success: false, type: 'validation_failed', field: '_to', error: 'Invalid email address "seven@@example.com" in _to: more than one @ outside quotes' },
			message: 'Invalid email address "seven@@example.com" in _to: more than one @ outside quotes',
		});
		expect(result.errorOutput[1].json).toMatchObject({ email: 'twenty-three@example.com', error: { type: 'validation_failed', field: 'name' }, message: 'Missing variable: name' });
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 7 }, { item: 23 }]);
	});

	it('a refused recipient is a send_failed item with code and hint; the others are sent', async () => {
		const items = jsonItems([{ name: 'A', email: 'a@example.com' }, { name: 'B', email: 'refuse@example.com' }, { name: 'C', email: 'c@example.com' }]);
		const result = await runMailshitNode({ items, parameters: parameters(), credential: smtpCredential(sink.port), onError: 'continueRegularOutput' });
		await sink.waitForMessages(2);
		expect(result.main[1].json).toEqual<SendFailedResult>({
			success: false,
			type: 'send_failed',
			error: "Can't send mail - all recipients were rejected: 550 5.1.1 Mailbox unavailable",
			code: 'EENVELOPE',
			hint: 'The server refused the recipient (550 5.1.1 Mailbox unavailable): check the address for typos, and whether this server accepts mail for it.',
		});
		expect(result.main.map((item) => item.json.type)).toEqual(['sent', 'send_failed', 'sent']);
	});
});

// The hostile-input corpus (CR/LF, addresses, MJML, attachments, …) is in hostileInputs.test.ts.
describe('bad input names the item and the field', () => {
	it.each([
		['no subject at all', { subject: '' }, '_subject', 'No subject: set Subject or Template Name, or give the item a _subject field'],
		['a failing validation rule', { options: { validationRules: { rule: [{ variable: 'name', pattern: '^[A-Z]{3}$', message: 'Name must be 3 capitals' }] } } }, 'name', 'Name must be 3 capitals'],
	])('%s', async (_label, extra, field, error) => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'Ada', email: 'ada@example.com' }]),
			parameters: parameters(extra),
			credential: smtpCredential(sink.port),
			onError: 'continueRegularOutput',
		});
		expect(result.main[0].json).toMatchObject({ success: false, type: 'validation_failed', field });
		expect(result.main[0].json.error).toContain(error);
		expect(sink.messages).toHaveLength(0);
	});

	it('a regex that cannot compile is a configuration error for the whole node, even with Continue On Fail', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'Ada', email: 'ada@example.com' }]),
			parameters: parameters({ options: { validationRules: { rule: [{ variable: 'name', pattern: '([a-z' }] } } }),
			credential: smtpCredential(sink.port),
			onError: 'continueRegularOutput',
		});
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringContaining('Validation rule 1 (variable "name"): the pattern is not a valid regular expression'),
			description: 'Field: Validation Rules: rules[0]',
		});
		// no item of ours: n8n passes the input through, nothing was sent or even connected
		expect(result.main.filter((item) => 'type' in item.json)).toEqual([]);
		expect(sink.messages).toHaveLength(0);
		expect(sink.stats.connections).toBe(0);
	});
});
