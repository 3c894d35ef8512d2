/**
 * Runs `task(0..count-1)` with at most `concurrency` at once and returns the results in index
 * order, whatever order they finish in. Tasks are started lazily, so a task's inputs (a rendered
 * message, an attachment) exist only while it runs: memory stays flat for 10,000 items.
 * After `stop()` (or a task throwing) no new task starts; running ones finish and the call
 * rejects with the stop reason.
 */
export function runInOrder<R>(
	count: number,
	concurrency: number,
	task: (index: number, stop: (reason: unknown) => void) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(count);
	let nextIndex = 0;
	let stopReason: { reason: unknown } | undefined;

	async function lane(): Promise<void> {
		while (!stopReason && nextIndex < count) {
			const index = nextIndex++;
			try {
				results[index] = await task(index, stop);
			} catch (error) {
				// an unexpected throw stops the other lanes too, as a stop() would
				stop(error);
				throw error;
			}
		}
	}

	function stop(reason: unknown): void {
		stopReason ??= { reason };
	}

	const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, () => lane());
	return Promise.allSettled(lanes).then((settled) => {
		const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
		if (failed) throw failed.reason;
		if (stopReason) throw stopReason.reason;
		return results;
	});
}
