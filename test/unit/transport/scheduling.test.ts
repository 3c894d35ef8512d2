import { createRateLimiter } from '../../../nodes/MailshitSmtp/transport/rateLimiter';
import { runInOrder } from '../../../nodes/MailshitSmtp/shared/runInOrder';
import { watch } from '../../helpers/fakeClock';
import { ManualClock } from '../../helpers/manualClock';

describe('createRateLimiter: evenly spaced slots', () => {
	it('10 per second reserves a slot every 100 ms, without bursts', async () => {
		const clock = new ManualClock();
		const limiter = createRateLimiter(10, clock);
		const slots = [limiter.next(), limiter.next(), limiter.next(), limiter.next()];
		expect(clock.sleeps).toEqual([0, 100, 200, 300]);
		clock.advance(300);
		await Promise.all(slots);
		clock.advance(5000);
		// after a pause the next slot is "now", not a catch-up burst
		await limiter.next();
		expect(clock.sleeps).toEqual([0, 100, 200, 300, 0]);
	});

	it('a stop ends the wait for a slot at once', async () => {
		const clock = new ManualClock();
		const limiter = createRateLimiter(1, clock);
		const stop = new AbortController();
		await limiter.next(stop.signal);
		const waiting = watch(limiter.next(stop.signal));
		await Promise.resolve();
		expect(waiting.settled).toBe(false);
		stop.abort();
		await waiting.promise;
		expect(clock.sleeping).toBe(0);
	});

	it('fractions are slower than one a second: 0.025 (a 30/min quota shared by 20 executions) is one every 40 s', async () => {
		const clock = new ManualClock();
		const limiter = createRateLimiter(0.025, clock);
		const slots = [limiter.next(), limiter.next(), limiter.next()];
		expect(clock.sleeps).toEqual([0, 40_000, 80_000]);
		clock.advance(80_000);
		await Promise.all(slots);
	});

	it('0 means unlimited', async () => {
		const limiter = createRateLimiter(0, new ManualClock());
		await expect(Promise.all([limiter.next(), limiter.next()])).resolves.toEqual([undefined, undefined]);
	});
});

describe('runInOrder: bounded concurrency, results in index order', () => {
	it('never runs more than the limit and keeps index order', async () => {
		let running = 0;
		let peak = 0;
		const run = runInOrder(10, 3, async (index) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setImmediate(resolve));
			await new Promise((resolve) => setImmediate(resolve));
			running--;
			return index * 2;
		});
		await expect(run).resolves.toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
		expect(peak).toBe(3);
	});

	it('stop() starts no new task, lets running ones finish, and rejects with the reason', async () => {
		const started: number[] = [];
		const run = runInOrder(10, 2, async (index, stop) => {
			started.push(index);
			if (index === 3) stop(new Error('item 3 failed'));
			await new Promise((resolve) => setImmediate(resolve));
			return index;
		});
		await expect(run).rejects.toThrow('item 3 failed');
		expect(started).toEqual([0, 1, 2, 3]);
	});

	it('a throwing task stops the others too', async () => {
		const started: number[] = [];
		const run = runInOrder(10, 2, async (index) => {
			started.push(index);
			await new Promise((resolve) => setImmediate(resolve));
			if (index === 1) throw new Error('boom');
			return index;
		});
		await expect(run).rejects.toThrow('boom');
		expect(started.length).toBeLessThanOrEqual(3);
	});
});
