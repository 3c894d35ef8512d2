/**
 * Address verification (mailshit's `/verify`): DNS with a time limit and a per-execution cache,
 * the RFC 5321 implicit-MX and RFC 7505 null-MX rules, disposable and role lists.
 * Plain TypeScript without n8n imports, so it can be tested and reused on its own.
 */
export { readAddressInput, type AddressInput } from './addressInput';
export { parseDnsServers, type DnsServersResult } from './dnsServers';
export { readDnsOptions, MAX_DNS_TIMEOUT_MS, MIN_DNS_TIMEOUT_MS, type DnsOptionValues, type DnsOptionsResult } from './dnsOptions';
export { createDnsLookup, DEFAULT_DNS_TIMEOUT_MS, LOOKUPS_IN_FLIGHT, type DnsAnswer, type DnsLookup, type DnsLookupOptions, type MxRecord } from './dnsLookup';
export type { DnsFailure, DnsQueryType } from './dnsFailures';
export { resolveMailRouting, mailRoutingProblem, type MailRouting } from './mailRouting';
export { createMailRoutingCache, type MailRoutingCache } from './mailRoutingCache';
export { isDisposableDomain } from './disposableDomains';
export { isRoleAccount } from './roleAccounts';
export { verifyAddress, type AddressVerification, type Verification } from './verifyAddress';
export { createDomainChecker, type DomainCheck, type DomainChecker, type DomainCheckerOptions, type UndeliverableDomain } from './domainChecker';
