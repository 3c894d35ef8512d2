import { fail, ok, type Result } from './result';

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Appends text through one writer; each caller learns when its own text is written, or why not. */
export interface AppendBatcher {
	append(text: string): Promise<Result<void, string>>;
}

/**
 * One write at a time: what is appended while a write is under way goes out together in the
 * next one, in the order it was appended. Many concurrent callers (a pool's worth of messages)
 * thus cost a few writes, not one each, and nothing waits longer than one write plus its own.
 * A failed write fails only the texts it carried, with `describe(error)`; the next batch is tried
 * afresh.
 */
export function createAppendBatcher(write: (text: string) => Promise<void>, describe: (error: unknown) => string = messageOf): AppendBatcher {
	let pending: { texts: string[]; settle: Array<(result: Result<void, string>) => void> } | undefined;
	let writing = false;

	async function drain(): Promise<void> {
		writing = true;
		while (pending) {
			const batch = pending;
			pending = undefined;
			let result: Result<void, string>;
			try {
				await write(batch.texts.join(''));
				result = ok();
			} catch (error) {
				result = fail(describe(error));
			}
			for (const settle of batch.settle) settle(result);
		}
		writing = false;
	}

	return {
		append(text) {
			return new Promise((resolve) => {
				pending ??= { texts: [], settle: [] };
				pending.texts.push(text);
				pending.settle.push(resolve);
				if (!writing) void drain();
			});
		},
	};
}
