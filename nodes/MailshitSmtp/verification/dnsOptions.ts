/**
 * The node's two DNS options — "DNS Servers" and "DNS Timeout (Seconds)" — as lookup options.
 * Verify Address and Send's "Verify Recipient Domain" read them the same way through this.
 */
import { DEFAULT_DNS_TIMEOUT_MS, type DnsLookupOptions } from './dnsLookup';
import { parseDnsServers } from './dnsServers';
import { fail, ok } from '../shared/result';
import type { ValidationResult } from '../validation/errors';

/** The option values as n8n hands them over (names as in descriptions/dnsOptions.fields.ts). */
export interface DnsOptionValues {
	dnsServers?: string;
	dnsTimeout?: unknown;
}

export type DnsOptionsResult = ValidationResult<Required<DnsLookupOptions>>;

/** A budget below 50 ms fails even on loopback; above a minute nobody is waiting any more. */
export const MIN_DNS_TIMEOUT_MS = 50;
export const MAX_DNS_TIMEOUT_MS = 60_000;

export function readDnsOptions(values: DnsOptionValues): DnsOptionsResult {
	const servers = parseDnsServers(values.dnsServers);
	if (!servers.ok) return fail({ field: 'DNS Servers', error: servers.failure });
	const seconds = values.dnsTimeout;
	// an expression's "abc" or {} is refused by name; a number out of range is brought into it
	if (seconds !== undefined && seconds !== null && seconds !== '' && !Number.isFinite(Number(seconds)) && typeof seconds !== 'number') {
		return fail({ field: 'DNS Timeout', error: `DNS Timeout (Seconds) must be a number (got ${JSON.stringify(String(seconds).slice(0, 80))})` });
	}
	return ok({ servers: servers.value, timeoutMs: dnsTimeoutMs(seconds) });
}

function dnsTimeoutMs(seconds: unknown): number {
	const value = Number(seconds ?? DEFAULT_DNS_TIMEOUT_MS / 1000);
	if (!Number.isFinite(value)) return DEFAULT_DNS_TIMEOUT_MS;
	return Math.min(MAX_DNS_TIMEOUT_MS, Math.max(MIN_DNS_TIMEOUT_MS, Math.round(value * 1000)));
}
