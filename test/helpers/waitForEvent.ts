import type { EventEmitter } from 'node:events';
// node:timers, not the global: a test that fakes the global timers still waits on real packets
import { clearTimeout as clearRealTimeout, setTimeout as setRealTimeout } from 'node:timers';

/**
 * Event-driven bounded wait: resolves once `done()` holds, checked now and on every `event` of
 * `emitter` (never polls or sleeps); rejects with "`describe()` after `timeoutMs` ms" when it
 * still does not hold after `timeoutMs` of real time, even under fake timers.
 */
export function waitForEvent(emitter: EventEmitter, event: string, done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
	if (done()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setRealTimeout(() => {
			emitter.off(event, check);
			reject(new Error(`${describe()} after ${timeoutMs} ms`));
		}, timeoutMs);
		function check() {
			if (!done()) return;
			clearRealTimeout(timer);
			emitter.off(event, check);
			resolve();
		}
		emitter.on(event, check);
	});
}
