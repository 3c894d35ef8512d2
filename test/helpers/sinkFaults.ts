/**
 * Misbehaviour on purpose, for the reliability tests: what a real SMTP server does on a bad day.
 * A fault is chosen per recipient and per attempt (counted at RCPT TO), so a test can make the
 * first attempt fail and the retry succeed, or fail for ever.
 */
export type SinkFault =
	/** RCPT TO answered 451 (greylisting, a full queue): transient. */
	| 'reject451'
	/** RCPT TO answered 550 (no such mailbox): permanent. */
	| 'reject550'
	/** 421 at RCPT TO, then the server closes the connection (shutting down): transient. */
	| 'close421'
	/** The connection is cut at RCPT TO, before any message byte: transient. */
	| 'dropAtRcpt'
	/** The connection is cut after the first chunk of the message body. */
	| 'dropMidData'
	/** The whole message arrives (and is kept), then the connection is cut before the reply: uncertain. */
	| 'dropAfterData'
	/** The whole message arrives (and is kept), the reply never comes: a timeout, uncertain. */
	| 'stallAfterData'
	/** RCPT TO is never answered: a timeout before any message byte, transient. */
	| 'stallAtRcpt';

export type FaultPlan = (context: { recipient: string; attempt: number }) => SinkFault | undefined;

export function smtpError(responseCode: number, message: string): Error {
	return Object.assign(new Error(message), { responseCode });
}

/** A plan from a table: `{ 'a@x.com': ['reject451'] }` faults a@x.com's first attempt only. */
export function faultTable(table: Record<string, Array<SinkFault | undefined>>): FaultPlan {
	return ({ recipient, attempt }) => table[recipient]?.[attempt - 1];
}
