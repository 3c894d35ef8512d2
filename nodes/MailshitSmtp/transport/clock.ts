/**
 * Time as the delivery engine sees it: what time it is and a wait that a stop cuts short. The
 * retry backoff, the restart tolerance and the message pace all read it, so a test can run an
 * outage of many seconds on a clock it moves itself, and a stopped execution never sits out a
 * backoff.
 */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep(ms, signal) {
		if (signal?.aborted || ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			signal?.addEventListener('abort', done, { once: true });
		});
	},
};
