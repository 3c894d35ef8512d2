import { systemClock, type Clock } from './clock';

/**
 * Spaces message starts evenly: 10 per second means one every 100 ms, not a burst of 10 and a
 * pause. Providers with quotas (Gmail, Microsoft 365) count over sliding windows, where bursts
 * trip the limit; nodemailer's own rateLimit/rateDelta sends in bursts, so we pace ourselves.
 */
export interface RateLimiter {
	/** Resolves when the next message may start (or at once when `signal` aborts); reserves that slot. */
	next(signal?: AbortSignal): Promise<void>;
}

export function createRateLimiter(messagesPerSecond: number, clock: Clock = systemClock): RateLimiter {
	if (!(messagesPerSecond > 0)) return { next: () => Promise.resolve() };
	const interval = 1000 / messagesPerSecond;
	let nextSlot = 0;
	return {
		next(signal) {
			const current = clock.now();
			const slot = Math.max(current, nextSlot);
			nextSlot = slot + interval;
			return clock.sleep(slot - current, signal);
		},
	};
}
