/**
 * Jest's fake clock for the JavaScript timers only. setTimeout and setInterval become steps the
 * test takes; sockets, c-ares (node's DNS resolver, which keeps its own native timers) and
 * setImmediate keep real time. So a test proves that a time limit is a JS timer of ours: still
 * pending a millisecond before it, settled at it — without reading a clock.
 */
export function fakeJsTimers(): void {
	jest.useFakeTimers({ doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
}

export interface Watched<T> {
	/** True once the promise resolved or rejected. */
	readonly settled: boolean;
	/** The value it resolved with. */
	readonly value: T | undefined;
	readonly promise: Promise<T>;
}

/** Follows a promise without awaiting it, so a test can ask whether it has settled yet. */
export function watch<T>(promise: Promise<T>): Watched<T> {
	const state = { settled: false, value: undefined as T | undefined, promise };
	promise.then(
		(value) => {
			state.settled = true;
			state.value = value;
		},
		() => {
			state.settled = true;
		},
	);
	return state;
}
