/**
 * How an install reports: progress lines go to an InstallLog; a failure is an InstallError, whose
 * message already says what failed and where its log is, so the CLI prints it without a stack.
 */
export class InstallError extends Error {}

export type InstallLog = (message: string) => void;

/** console.log, each line led by the seconds since this logger was made. */
export function timestampedConsoleLog(): InstallLog {
	const t0 = Date.now();
	return (message) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}
