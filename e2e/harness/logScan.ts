/**
 * "Loads with no error or warning about the package": every line n8n logged that names the
 * package, its node or its credential, and is an error or a warning.
 *
 * n8n's `start` runs with N8N_LOG_FORMAT=json in the suite, so its lines carry a level; the CLI
 * commands log plain text (`n8n execute` must, for its result JSON), and anything printed
 * outside n8n's logger (Node warnings, a stack trace) is plain text too: those are judged by words.
 */
import { cacheRoot } from '../n8n-versions';

export const PACKAGE_MENTION = /n8n-nodes-mailshit|mailshitSmtp|mailshit SMTP/i;
const PROBLEM_WORDS = /\b(error|errors|warn|warning|deprecat\w*|fail(ed|s|ure)?|cannot|could not|unable|not found|unrecognized|unknown)\b/i;

export interface LogProblem {
	source: string;
	line: string;
}

function levelOf(line: string): string | undefined {
	if (!line.startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(line) as { level?: unknown };
		return typeof parsed.level === 'string' ? parsed.level.toLowerCase() : undefined;
	} catch {
		return undefined;
	}
}

export function packageProblems(source: string, text: string): LogProblem[] {
	const problems: LogProblem[] = [];
	// n8n itself lives under ~/.cache/n8n-nodes-mailshit: its own paths are no mention of the package
	const n8nHome = cacheRoot();
	for (const line of text.split('\n')) {
		if (!PACKAGE_MENTION.test(line.split(n8nHome).join('<n8n cache>'))) continue;
		const level = levelOf(line);
		const isProblem = level !== undefined ? level === 'warn' || level === 'error' : PROBLEM_WORDS.test(line);
		if (isProblem) problems.push({ source, line: line.slice(0, 1000) });
	}
	return problems;
}

/** Lines at level warn/error (JSON) whatever they mention: printed for the reader, not judged. */
export function otherWarnings(text: string): string[] {
	return text.split('\n').filter((line) => {
		const level = levelOf(line);
		return level === 'warn' || level === 'error';
	});
}
