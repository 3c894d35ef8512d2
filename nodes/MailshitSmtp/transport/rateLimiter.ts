/**
 * Spaces message starts evenly: 10 per second means one every 100 ms, not a burst of 10 and a
 * pause. Providers with quotas (Gmail, Microsoft 365) count over sliding windows, where bursts
 * trip the limit; nodemailer's own rateLimit/rateDelta sends in bursts, so we pace ourselves.
 */
export interface RateLimiter {
	/** Resolves when the next message may start; reserves that slot at once. */
	next(): Promise<void>;
}

export function createRateLimiter(messagesPerSecond: number, now: () => number = Date.now): RateLimiter {
	if (!(messagesPerSecond > 0)) return { next: () => Promise.resolve() };
	const interval = 1000 / messagesPerSecond;
	let nextSlot = 0;
	return {
		next() {
			const current = now();
			const slot = Math.max(current, nextSlot);
			nextSlot = slot + interval;
			const wait = slot - current;
			return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
		},
	};
}
