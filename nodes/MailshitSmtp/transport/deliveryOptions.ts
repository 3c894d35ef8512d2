/** How an execution delivers: one pool, its size, its pace, and its patience. */
export interface DeliveryOptions {
	/** SMTP connections kept open at once (nodemailer pool maxConnections). */
	maxConnections: number;
	/** 0 = as fast as the server takes them. */
	messagesPerSecond: number;
	/** Extra attempts for transient failures. */
	retries: number;
	/** First backoff ceiling; doubles per attempt. */
	retryBaseDelayMs: number;
	/**
	 * A connection lost after the message was written, before the reply: resend (at-least-once)
	 * or report it as uncertain (at-most-once, the default: a duplicate is a visible mistake a
	 * user cannot take back, a rare loss is reported on its item and can be resent deliberately).
	 */
	resendUncertain: boolean;
}
