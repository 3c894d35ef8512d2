/**
 * n8n's main process also serves the editor, webhooks and other executions. A loop over thousands
 * of items that awaits only settled promises never lets the event loop turn (an await of a settled
 * promise is a microtask), so for 10,000 items n8n stops answering for seconds, or minutes when
 * items compile MJML (20–35 ms each).
 *
 *   const turn = eventLoopTurns();
 *   for (…) { work(); await turn(); }
 *
 * `turn()` gives the event loop a turn (setImmediate: timers and I/O run first) once `budgetMs`
 * of work has passed since the last one, and costs nothing otherwise. Concurrent callers sharing
 * one all wait for the same turn, so none of them keeps the loop busy meanwhile.
 */
export function eventLoopTurns(budgetMs = 10): () => Promise<void> | undefined {
	let lastTurn = performance.now();
	let pending: Promise<void> | undefined;
	return () => {
		if (pending) return pending;
		if (performance.now() - lastTurn < budgetMs) return undefined;
		pending = new Promise((resolve) =>
			setImmediate(() => {
				lastTurn = performance.now();
				pending = undefined;
				resolve();
			}),
		);
		return pending;
	};
}
