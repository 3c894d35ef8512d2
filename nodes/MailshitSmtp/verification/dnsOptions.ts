/**
 * The node's two DNS options — "DNS Servers" and "DNS Timeout (Seconds)" — as lookup options.
 * Verify Address and Send's "Verify Recipient Domain" read them the same way through this.
 */
import { DEFAULT_DNS_TIMEOUT_MS, type DnsLookupOptions } from './dnsLookup';
import { parseDnsServers } from './dnsServers';

/** The option values as n8n hands them over (names as in descriptions/dnsOptions.fields.ts). */
export interface DnsOptionValues {
	dnsServers?: string;
	dnsTimeout?: number;
}

export type DnsOptionsResult = { ok: true; options: Required<DnsLookupOptions> } | { ok: false; error: string; field: 'DNS Servers' };

/** A budget below 50 ms fails even on loopback; above a minute nobody is waiting any more. */
export const MIN_DNS_TIMEOUT_MS = 50;
export const MAX_DNS_TIMEOUT_MS = 60_000;

export function readDnsOptions(values: DnsOptionValues): DnsOptionsResult {
	const servers = parseDnsServers(values.dnsServers);
	if (!servers.ok) return { ok: false, error: servers.error, field: 'DNS Servers' };
	return { ok: true, options: { servers: servers.servers, timeoutMs: dnsTimeoutMs(values.dnsTimeout) } };
}

function dnsTimeoutMs(seconds: unknown): number {
	const value = Number(seconds ?? DEFAULT_DNS_TIMEOUT_MS / 1000);
	if (!Number.isFinite(value)) return DEFAULT_DNS_TIMEOUT_MS;
	return Math.min(MAX_DNS_TIMEOUT_MS, Math.max(MIN_DNS_TIMEOUT_MS, Math.round(value * 1000)));
}
