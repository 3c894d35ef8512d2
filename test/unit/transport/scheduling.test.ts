import { createRateLimiter } from '../../../nodes/MailshitSmtp/transport/rateLimiter';
import { runInOrder } from '../../../nodes/MailshitSmtp/shared/runInOrder';

describe('createRateLimiter: evenly spaced slots', () => {
	/** The delays the limiter asks setTimeout for, each then run at once (a fake clock does the time). */
	function recordWaits(): number[] {
		const waits: number[] = [];
		const realSetTimeout = global.setTimeout;
		jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
			waits.push(ms ?? 0);
			return realSetTimeout(fn, 0);
		}) as typeof setTimeout);
		return waits;
	}

	it('10 per second reserves a slot every 100 ms from a fake clock, without bursts', async () => {
		let now = 1000;
		const waits = recordWaits();
		const limiter = createRateLimiter(10, () => now);
		await Promise.all([limiter.next(), limiter.next(), limiter.next(), limiter.next()]);
		jest.restoreAllMocks();
		expect(waits).toEqual([100, 200, 300]);
		now = 5000;
		// after a pause the next slot is "now", not a catch-up burst
		await limiter.next();
		expect(waits).toEqual([100, 200, 300]);
	});

	it('fractions are slower than one a second: 0.025 (a 30/min quota shared by 20 executions) is one every 40 s', async () => {
		const waits = recordWaits();
		const limiter = createRateLimiter(0.025, () => 0);
		await Promise.all([limiter.next(), limiter.next(), limiter.next()]);
		jest.restoreAllMocks();
		expect(waits).toEqual([40_000, 80_000]);
	});

	it('0 means unlimited', async () => {
		const limiter = createRateLimiter(0, () => 0);
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
