/**
 * The environment of an n8n queue-mode setup, in three parts, so the suite and the README's
 * docker-compose example (examples/queue-mode/) are held to the same settings by a test:
 *
 * - QUEUE_MODE_ENV: what every instance (main and workers) sets, with these exact values;
 * - SHARED_CONNECTION_KEYS: what every instance sets to the same deployment-specific value
 *   (where Redis and PostgreSQL are, the one encryption key);
 * - SUITE_ONLY_ENV: what only the suite sets (short lock times, so a killed worker's executions
 *   are marked within seconds instead of a minute): a deployment keeps n8n's defaults.
 */

/** Every instance, exactly these values. */
export const QUEUE_MODE_ENV: Readonly<Record<string, string>> = {
	EXECUTIONS_MODE: 'queue',
	DB_TYPE: 'postgresdb',
	// workers run on other machines: binary data (the attachment from the webhook) must be
	// where all of them read it
	N8N_DEFAULT_BINARY_DATA_MODE: 'database',
	// "Execute workflow" in the editor runs on a worker too, with the workers' packages
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
};

/** Every instance, one value for all of them (it differs per deployment). */
export const SHARED_CONNECTION_KEYS = [
	'N8N_ENCRYPTION_KEY',
	'QUEUE_BULL_REDIS_HOST',
	'QUEUE_BULL_REDIS_PORT',
	'DB_POSTGRESDB_HOST',
	'DB_POSTGRESDB_PORT',
	'DB_POSTGRESDB_DATABASE',
	'DB_POSTGRESDB_USER',
	'DB_POSTGRESDB_PASSWORD',
] as const;

/** `n8n worker --concurrency=<this>`, and how many workers the suite starts. */
export const WORKER_CONCURRENCY = 5;
export const WORKER_COUNT = 2;

/**
 * Lock and stall-check times (ms) short enough that a SIGKILLed worker's executions are marked
 * within seconds (n8n's defaults: a 60 s lock renewed every 10 s, stalled jobs looked for every
 * 30 s). The lock still outlives several renewals, so a busy worker never loses a job it runs.
 */
export const SUITE_ONLY_ENV: Readonly<Record<string, string>> = {
	QUEUE_WORKER_LOCK_DURATION: '8000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '1000',
	QUEUE_WORKER_STALLED_INTERVAL: '2000',
};

export interface QueueConnections {
	encryptionKey: string;
	redis: { host: string; port: number };
	postgres: { host: string; port: number; database: string; user: string; password: string };
}

/** The shared part of every instance's environment for one deployment. */
export function queueInstanceEnv(connections: QueueConnections): Record<string, string> {
	const { redis, postgres } = connections;
	const shared: Record<(typeof SHARED_CONNECTION_KEYS)[number], string> = {
		N8N_ENCRYPTION_KEY: connections.encryptionKey,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
	};
	return { ...QUEUE_MODE_ENV, ...shared };
}
