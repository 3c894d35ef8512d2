import { EventEmitter } from 'node:events';
import type { Clock } from '../../nodes/MailshitSmtp/transport/clock';

interface Sleeper {
	until: number;
	ms: number;
	wake(): void;
}

/**
 * A Clock the test moves: `sleep` waits until `advance` passes its time (or its signal aborts),
 * and every sleep that starts is announced, so a test can wait for "everyone is waiting on the
 * clock" by events rather than by time.
 */
export class ManualClock implements Clock {
	readonly events = new EventEmitter();
	/** Every sleep asked for, in ms, in order. */
	readonly sleeps: number[] = [];
	private current: number;
	private readonly sleepers = new Set<Sleeper>();

	constructor(start = 1_000_000) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	sleep(ms: number, signal?: AbortSignal): Promise<void> {
		this.sleeps.push(ms);
		if (ms <= 0 || signal?.aborted) return Promise.resolve();
		return new Promise((resolve) => {
			const sleeper: Sleeper = {
				until: this.current + ms,
				ms,
				wake: () => {
					this.sleepers.delete(sleeper);
					signal?.removeEventListener('abort', sleeper.wake);
					resolve();
				},
			};
			this.sleepers.add(sleeper);
			signal?.addEventListener('abort', sleeper.wake, { once: true });
			this.events.emit('sleep');
		});
	}

	/** Sleeps not yet over. */
	get sleeping(): number {
		return this.sleepers.size;
	}

	/** Moves the clock by `ms` and wakes every sleep that is over by then. */
	advance(ms: number): void {
		this.current += ms;
		for (const sleeper of [...this.sleepers].sort((a, b) => a.until - b.until)) if (sleeper.until <= this.current) sleeper.wake();
	}

	/** Moves the clock to the end of the earliest sleep and wakes it (and any ending at the same time). */
	advanceToNext(): void {
		const next = Math.min(...[...this.sleepers].map((sleeper) => sleeper.until));
		if (Number.isFinite(next)) this.advance(next - this.current);
	}
}
