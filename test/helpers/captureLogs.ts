import { LoggerProxy } from 'n8n-workflow';

type Logger = Parameters<typeof LoggerProxy.init>[0];

/** A logger for every level that does `write`. */
function loggerThat(write: (message: string, meta?: unknown) => void): Logger {
	return { error: write, warn: write, info: write, debug: write };
}

/**
 * Everything n8n's logger is asked to write while `fn` runs (the node itself never logs; n8n
 * logs node errors), plus console output: the corpus a password must never appear in. After
 * `fn`, n8n's logger is a no-op again: LoggerProxy has no getter to restore the one before, and
 * a no-op is what it starts as (the suite runs with N8N_LOG_LEVEL=silent).
 */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
	const lines: string[] = [];
	LoggerProxy.init(loggerThat((message, meta) => lines.push(`${message} ${meta === undefined ? '' : JSON.stringify(meta)}`)));
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
	);
	try {
		return { value: await fn(), lines };
	} finally {
		spies.forEach((spy) => spy.mockRestore());
		LoggerProxy.init(loggerThat(() => undefined));
	}
}
