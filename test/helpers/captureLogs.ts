import { LoggerProxy } from 'n8n-workflow';

/**
 * Everything n8n's logger is asked to write while `fn` runs (the node itself never logs; n8n
 * logs node errors), plus console output: the corpus a password must never appear in.
 */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
	const lines: string[] = [];
	const record = (message: string, meta?: unknown) => lines.push(`${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	LoggerProxy.init({ error: record, warn: record, info: record, debug: record, verbose: record } as unknown as Parameters<typeof LoggerProxy.init>[0]);
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
	);
	try {
		return { value: await fn(), lines };
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
}
