import type { SmtpFailure } from '../../../nodes/MailshitSmtp/smtp/classifyError';
import { classifyDeliveryFailure, nextStep, recordAttempt, retryDelayMs, type AttemptHistory, type FailureKind, type NextStep } from '../../../nodes/MailshitSmtp/transport/deliveryPolicy';

const failure = (fields: Partial<SmtpFailure>): SmtpFailure => ({ hintId: 'unknown', code: 'EUNKNOWN', error: '', hint: '', ...fields });

describe('classifyDeliveryFailure: retry only where the server certainly did not take the message', () => {
	it.each([
		['421 service not available', { responseCode: 421, code: 'ECONNECTION', hintId: 'serverBusy' }, false, 'transient'],
		['451 at RCPT', { responseCode: 451, code: 'EENVELOPE', hintId: 'serverBusy' }, false, 'transient'],
		['452 too many recipients', { responseCode: 452, code: 'EENVELOPE', hintId: 'serverBusy' }, false, 'transient'],
		['454 temporary auth failure', { responseCode: 454, code: 'EAUTH', hintId: 'authFailed' }, false, 'permanent'],
		['550 no such mailbox', { responseCode: 550, code: 'EENVELOPE', hintId: 'recipientRejected' }, false, 'permanent'],
		['552 too large', { responseCode: 552, code: 'EMESSAGE', hintId: 'messageTooLarge' }, false, 'permanent'],
		['503 bad sequence', { responseCode: 503, code: 'EENVELOPE', hintId: 'senderRejected' }, false, 'permanent'],
		['535 bad login', { responseCode: 535, code: 'EAUTH', hintId: 'authFailed' }, false, 'permanent'],
		['refused', { code: 'ESOCKET', hintId: 'refused' }, false, 'unreachable'],
		['connect timeout', { code: 'ETIMEDOUT', hintId: 'connectTimeout' }, false, 'unreachable'],
		['a cancelled attempt is not retried', { code: 'EABORT', hintId: 'cancelled' }, false, 'permanent'],
		['reset before the message was written', { code: 'ESOCKET', hintId: 'connectionClosed' }, false, 'transient'],
		['reset after the message was written', { code: 'ESOCKET', hintId: 'connectionClosed' }, true, 'uncertain'],
		['closed after the message was written', { code: 'ECONNECTION', hintId: 'connectionClosed' }, true, 'uncertain'],
		['no reply after the message was written', { code: 'ETIMEDOUT', hintId: 'noReply' }, true, 'uncertain'],
		['no greeting', { code: 'ETIMEDOUT', hintId: 'greetingTimeout' }, false, 'unreachable'],
		['closed before the greeting or between messages', { code: 'ECONNECTION', hintId: 'connectionClosed' }, false, 'transient'],
		['self-signed certificate', { code: 'ESOCKET', hintId: 'selfSignedCertificate' }, false, 'permanent'],
		['wrong TLS mode', { code: 'ESOCKET', hintId: 'tlsOnPlainPort' }, false, 'permanent'],
		['host not found', { code: 'EDNS', hintId: 'hostNotFound' }, false, 'permanent'],
		['STARTTLS required, not offered', { code: 'ETLS', hintId: 'startTlsNotOffered', responseCode: 500 }, false, 'permanent'],
		['a local problem (bad option)', { code: 'ECONFIG', hintId: 'configuration' }, false, 'permanent'],
	] as const)('%s → %s', (_label, fields, written, expected) => {
		expect(classifyDeliveryFailure(failure(fields), written)).toBe(expected);
	});
});

describe('retryDelayMs: exponential backoff with jitter', () => {
	it.each([
		[1, 0, 500],
		[1, 1, 1000],
		[2, 0, 1000],
		[2, 1, 2000],
		[3, 0.5, 3000],
	])('attempt %d, random %d → %d ms (base 1000)', (attempt, random, expected) => {
		expect(retryDelayMs(attempt, 1000, () => random)).toBe(expected);
	});
});

describe('nextStep: Retries for the server\'s answers, Restart Tolerance for a server that is gone', () => {
	const options = { maxConnections: 1, messagesPerSecond: 0, retries: 2, retryBaseDelayMs: 1000, resendUncertain: false, restartToleranceMs: 60_000 };
	const half = () => 0.5;

	function run(kinds: FailureKind[], delivered: boolean, timeStep = 1000) {
		const history: AttemptHistory = { counted: 0, unreachableStreak: 0 };
		let now = 0;
		const steps: NextStep[] = [];
		for (const kind of kinds) {
			recordAttempt(history, kind, now);
			steps.push(nextStep(kind, history, delivered, options, now, half));
			now += timeStep;
		}
		return steps;
	}

	it('transient failures: Retries = 2 allows 3 attempts in all', () => {
		expect(run(['transient', 'transient', 'transient'], true)).toEqual([
			{ retry: true, delayMs: 750 },
			{ retry: true, delayMs: 1500 },
			{ retry: false, reason: 'retriesSpent' },
		]);
	});

	it('unreachable before anything was delivered: the configuration, fails at once', () => {
		expect(run(['unreachable'], false)).toEqual([{ retry: false, reason: 'final' }]);
	});

	it('unreachable after a delivery: retried for the tolerance, without using up Retries', () => {
		const steps = run(Array<FailureKind>(12).fill('unreachable'), true, 5000);
		expect(steps.slice(0, 4)).toEqual([
			{ retry: true, delayMs: 750 },
			{ retry: true, delayMs: 1500 },
			{ retry: true, delayMs: 3000 },
			{ retry: true, delayMs: 5000 }, // capped: a restarted server is back within seconds
		]);
		// 12 attempts 5 s apart: the 60 s since the first unreachable one run out at the 13th
		expect(steps.every((step) => step.retry)).toBe(true);
		expect(run(Array<FailureKind>(13).fill('unreachable'), true, 5000).at(-1)).toEqual({ retry: false, reason: 'toleranceSpent' });
	});

	it('a server that answers again starts the count afresh: a later outage gets the whole tolerance', () => {
		const history: AttemptHistory = { counted: 0, unreachableStreak: 0 };
		recordAttempt(history, 'unreachable', 0);
		recordAttempt(history, 'transient', 50_000);
		recordAttempt(history, 'unreachable', 100_000);
		expect(nextStep('unreachable', history, true, options, 100_000, half)).toEqual({ retry: true, delayMs: 750 });
		expect(history.counted).toBe(1);
	});

	it('uncertain: never resent by default, resent within Retries with "Resend When Delivery Is Uncertain"', () => {
		expect(run(['uncertain'], true)).toEqual([{ retry: false, reason: 'final' }]);
		const history: AttemptHistory = { counted: 0, unreachableStreak: 0 };
		recordAttempt(history, 'uncertain', 0);
		expect(nextStep('uncertain', history, true, { ...options, resendUncertain: true }, 0, half)).toEqual({ retry: true, delayMs: 750 });
	});

	it('permanent: never', () => {
		expect(run(['permanent'], true)).toEqual([{ retry: false, reason: 'final' }]);
	});
});
