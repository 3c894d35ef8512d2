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
}
