import type { SmtpFailure } from '../smtp/classifyError';
import type { HintId } from '../smtp/errorHints';
import type { Clock } from './clock';

/** How an execution delivers: one pool, its size, its pace, and its patience. */
export interface DeliveryOptions {
	/** SMTP connections kept open at once (nodemailer pool maxConnections). */
	maxConnections: number;
	/** 0 = as fast as the server takes them. */
	messagesPerSecond: number;
	/** Extra attempts for transient failures: at most retries + 1 attempts reach the server per message. */
	retries: number;
	/** First backoff ceiling; doubles per attempt. */
	retryBaseDelayMs: number;
	/**
	 * A connection lost after the message was written, before the reply: resend (at-least-once)
	 * or report it as uncertain (at-most-once, the default: a duplicate is a visible mistake a
	 * user cannot take back, a rare loss is reported on its item and can be resent deliberately).
	 */
	resendUncertain: boolean;
	/**
	 * Once the server has accepted a message in this execution, how long a message keeps trying
	 * when the server cannot be reached at all (refused, no greeting): a restart, not a setting.
	 */
	restartToleranceMs: number;
	/** The execution's stop: no message starts after it aborts (see pooledSender). */
	signal?: AbortSignal;
	/** Defaults to the system clock; tests move their own. */
	clock?: Clock;
}

/**
 * What a failed attempt means. Mail cannot be taken back, so a retry is only safe when the server
 * certainly did not take the message:
 *  - transient: a 4xx reply (RFC 5321 §4.2.1, "transient negative completion": 421, 450, 451,
 *    452), or a session lost before the whole message was written: retry, counted in Retries;
 *  - unreachable: no session at all (connection refused, no route, connect or greeting timeout):
 *    a server that took mail earlier in this run is restarting, one that never did is configured
 *    wrongly (see nextStep);
 *  - permanent: a 5xx reply, or anything that will fail the same way again (TLS, login, DNS).
 *    503 ("bad sequence of commands") included, on purpose: nodemailer's isPermanentResponseCode
 *    calls it retryable on a new connection, but in a pooled session we meet it after AUTH or
 *    MAIL FROM went wrong (a login the server wants and did not get, a pipelining server out of
 *    step), and every new connection with the same settings meets it again: Retries would only
 *    multiply the refusals;
 *  - uncertain: the connection was lost after the whole message (and so the final ".") was
 *    written but before the server's reply: the message may have been delivered. Retrying gives
 *    at-least-once (a possible duplicate), not retrying at-most-once (a possible loss).
 */
export type FailureKind = 'transient' | 'unreachable' | 'permanent' | 'uncertain';

/** Causes that are configuration, not weather: retrying cannot help. */
const NEVER_TRANSIENT: ReadonlySet<HintId> = new Set<HintId>([
	'hostNotFound',
	'selfSignedCertificate',
	'expiredCertificate',
	'certificateHostMismatch',
	'tlsOnPlainPort',
	'plainOnImplicitTlsPort',
	'startTlsNotOffered',
	'startTlsFailed',
	'authFailed',
	'authRequired',
	'authNotOffered',
	// a refused token was already refreshed once (pooledSender); a failed refresh stays failed for the run
	'oauthRejected',
	'oauthNotOffered',
	'oauthReconnect',
	'oauthRefreshFailed',
	'loginMissing',
	'configuration',
]);

/** The server could not be reached: no SMTP session began. */
const NO_SESSION: ReadonlySet<HintId> = new Set<HintId>(['refused', 'unreachable', 'connectTimeout', 'greetingTimeout', 'dnsTemporary']);

/** nodemailer's codes (its errors.js) for a connection that failed or was lost. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS']);

export function classifyDeliveryFailure(failure: SmtpFailure, messageWritten: boolean): FailureKind {
	const reply = failure.responseCode ?? 0;
	if (reply >= 500) return 'permanent';
	if (NEVER_TRANSIENT.has(failure.hintId)) return 'permanent';
	if (reply >= 400) return 'transient';
	if (!CONNECTION_CODES.has(failure.code)) return 'permanent';
	if (messageWritten) return 'uncertain';
	return NO_SESSION.has(failure.hintId) ? 'unreachable' : 'transient';
}

/** One message's attempts so far. */
export interface AttemptHistory {
	/** Attempts that reached a session (counted against Retries). */
	counted: number;
	/** When the current run of unreachable attempts began, if one is going on. */
	unreachableSince?: number;
	/** Unreachable attempts in the current run. */
	unreachableStreak: number;
}

export type NextStep =
	| { retry: true; delayMs: number }
	| { retry: false; reason: 'final' | 'retriesSpent' | 'toleranceSpent' };

/** The longest pause between two tries at a server that is restarting: it is back within seconds. */
const MAX_UNREACHABLE_DELAY_MS = 5000;

/**
 * After a failed attempt of kind `kind` (already added to `history`): retry, and after how long,
 * or give up. `delivered`: the server accepted a message earlier in this execution.
 *
 * Unreachable attempts do not use up Retries once the server has delivered in this run: a
 * restart refuses connections for seconds, and Retries (2, from 1 s, doubling) would be spent
 * inside it; instead they are retried for Restart Tolerance. Before the first delivery the same
 * refusal is the configuration (wrong host or port, a firewall): it fails at once with its hint.
 */
export function nextStep(kind: FailureKind, history: AttemptHistory, delivered: boolean, options: DeliveryOptions, now: number, random: () => number = Math.random): NextStep {
	if (kind === 'unreachable') {
		if (!delivered) return { retry: false, reason: 'final' };
		const since = history.unreachableSince ?? now;
		const left = since + options.restartToleranceMs - now;
		if (left <= 0) return { retry: false, reason: 'toleranceSpent' };
		const delay = Math.min(retryDelayMs(history.unreachableStreak, options.retryBaseDelayMs, random), MAX_UNREACHABLE_DELAY_MS, left);
		return { retry: true, delayMs: delay };
	}
	const retryable = kind === 'transient' || (kind === 'uncertain' && options.resendUncertain);
	if (!retryable) return { retry: false, reason: 'final' };
	if (history.counted > options.retries) return { retry: false, reason: 'retriesSpent' };
	return { retry: true, delayMs: retryDelayMs(history.counted, options.retryBaseDelayMs, random) };
}

/** Adds one failed attempt of `kind` to `history`. */
export function recordAttempt(history: AttemptHistory, kind: FailureKind, now: number): void {
	if (kind === 'unreachable') {
		history.unreachableSince ??= now;
		history.unreachableStreak++;
		return;
	}
	history.counted++;
	history.unreachableSince = undefined;
	history.unreachableStreak = 0;
}

/** Exponential backoff with jitter: attempt 1 waits 0.5–1 × base, attempt 2 1–2 × base, … */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const ceiling = baseMs * 2 ** (Math.min(attempt, 20) - 1);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
