import { startSmtpSink, type SinkOptions, type SmtpSink } from './smtpSink';

/**
 * For a test file or describe block: returns a starter of SMTP sinks (with `defaults` under each
 * test's own options) and closes every sink it started after each test, passed or failed.
 */
export function useSmtpSinks(defaults: SinkOptions = {}): (options?: SinkOptions) => Promise<SmtpSink> {
	const started: SmtpSink[] = [];
	afterEach(async () => {
		await Promise.all(started.splice(0).map((sink) => sink.close()));
	});
	return async (options = {}) => {
		const sink = await startSmtpSink({ ...defaults, ...options });
		started.push(sink);
		return sink;
	};
}
