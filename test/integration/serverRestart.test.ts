/**
 * A server restart in the middle of a batch, at the pooled sender with a real smtp-server: the
 * sink stops listening and its sessions end as an MTA's stop ends them, stays down for 10 s of a
 * clock the test moves (so no test waits 10 real seconds), and comes back. The clock is only
 * moved when every message still being sent is waiting on it.
 */
import { EventEmitter } from 'node:events';
import { runInOrder } from '../../nodes/MailshitSmtp/shared/runInOrder';
import { readSmtpSettings } from '../../nodes/MailshitSmtp/smtp/settings';
import { createPooledSender, type DeliveryOutcome } from '../../nodes/MailshitSmtp/transport/pooledSender';
import { ManualClock } from '../helpers/manualClock';
import { useSmtpSinks } from '../helpers/useSmtpSinks';
import { waitForEvent } from '../helpers/waitForEvent';

const startSink = useSmtpSinks({ tls: 'plain' });
const MESSAGES = 2000;
const LANES = 10;

function message(n: number) {
	return { messageId: `<restart-${n}@example.com>`, from: 'sender@example.com', to: `r${n}@example.com`, subject: `Message ${n}`, text: `Number ${n}` };
}

it(`a server that stops listening for 10 s in the middle of ${MESSAGES} messages: all delivered, none failed, none twice`, async () => {
	const sink = await startSink();
	const clock = new ManualClock();
	const settings = readSmtpSettings({ host: '127.0.0.1', port: sink.port, fromEmail: 'sender@example.com', connectionTimeout: 10, startTls: 'disabled' });
	const sender = createPooledSender(settings, {
		maxConnections: 5,
		messagesPerSecond: 0,
		retries: 2,
		retryBaseDelayMs: 1000,
		resendUncertain: false,
		restartToleranceMs: 60_000,
		clock,
	});
	const changes = new EventEmitter();
	clock.events.on('sleep', () => changes.emit('change'));
	let sending = 0;
	let finished = false;
	const outcomes: Promise<DeliveryOutcome[]> = runInOrder(MESSAGES, LANES, async (n) => {
		sending++;
		try {
			return await sender.send(message(n));
		} finally {
			sending--;
			changes.emit('change');
		}
	}).finally(() => {
		finished = true;
		changes.emit('change');
	});
	/** Every message still being sent waits on the clock (or all are done). */
	const allWaiting = () => waitForEvent(changes, 'change', () => finished || (sending > 0 && clock.sleeping === sending), 20_000, () => `${sending} sending, ${clock.sleeping} waiting on the clock`);

	try {
		await sink.waitForMessages(500, 30_000);
		await sink.stopListening('graceful');
		const downAt = clock.now();
		while (clock.now() - downAt < 10_000) {
			await allWaiting();
			clock.advanceToNext();
		}
		const arrivedWhileDown = sink.messages.length;
		await sink.resume();
		while (!finished) {
			await allWaiting();
			if (!finished) clock.advanceToNext();
		}
		const results = await outcomes;

		expect(results.filter((outcome) => !outcome.ok)).toEqual([]);
		await sink.waitForMessages(MESSAGES, 30_000);
		const arrivals = sink.arrivalsByMessageId();
		expect(arrivals.size).toBe(MESSAGES);
		expect([...arrivals.values()].filter((count) => count !== 1)).toEqual([]);
		// the outage was real: messages were stopped by it, and went out after it
		expect(arrivedWhileDown).toBeLessThan(MESSAGES);
		expect(clock.sleeps.length).toBeGreaterThan(LANES);
		// Retries 2: no message reached the server more than 3 times
		expect(Math.max(...sink.rcptAttempts.values())).toBeLessThanOrEqual(3);
	} finally {
		sender.close();
	}
});
