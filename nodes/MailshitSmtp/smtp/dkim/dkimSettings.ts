/**
 * The credential's DKIM and sender-DNS fields (credentials/dkim.fields.ts) as typed, checked
 * settings. Both credentials carry the same fields, so both are read here. A field that can never
 * sign (a key that does not parse, a selector DNS cannot hold) is a ConfigurationError naming the
 * field, so the credential test and Send both stop before anything is sent.
 */
import { domainToASCII } from 'node:url';
import { ConfigurationError } from '../../shared/configurationError';
import { parseDnsServers } from '../../verification/dnsServers';
import { domainProblem, MAX_DOMAIN_LENGTH } from '../../validation/domain';
import { readDkimSigningKey, type DkimSigningKey } from './signingKey';

export interface DkimSettings {
	/** The `d=` domain, lower-case A-label form (what DNS and the signature carry). */
	domain: string;
	/** The `s=` selector, lower-case. */
	selector: string;
	key: DkimSigningKey;
}

/** Whether the connection test looks up the sender domain's DKIM, SPF and DMARC records, and where. */
export interface SenderDnsCheckSettings {
	enabled: boolean;
	/** Resolver addresses; empty = the system's. */
	servers: string[];
}

/** What the credential says about the sender's domain, beside the connection. */
export interface SenderDomainSettings {
	/** Set when DKIM Signing is on: every message is signed with it. */
	dkim?: DkimSettings;
	/** The connection test's look at the sender domain's DKIM, SPF and DMARC records. */
	senderDnsCheck: SenderDnsCheckSettings;
}

/** RFC 6376 §3.1: a selector is dot-separated sub-domains, i.e. letters, digits and inner hyphens. */
const SELECTOR_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The record name every sentence about the key uses. */
export function dkimRecordName(dkim: Pick<DkimSettings, 'domain' | 'selector'>): string {
	return `${dkim.selector}._domainkey.${dkim.domain}`;
}

function readDomain(value: unknown): string {
	const typed = text(value).replace(/\.$/, '');
	if (!typed) throw new ConfigurationError('DKIM Domain is empty: enter the domain you sign for, usually the one of your From Email, e.g. example.com', 'DKIM Domain');
	if (typed.includes('@')) {
		throw new ConfigurationError(`DKIM Domain "${typed}" is an address: enter only the domain after the @, e.g. ${typed.split('@').pop() || 'example.com'}`, 'DKIM Domain');
	}
	const problem = domainProblem(typed);
	if (problem) throw new ConfigurationError(`DKIM Domain "${typed}" is not a domain name: ${problem}`, 'DKIM Domain');
	return domainToASCII(typed);
}

function selectorProblem(selector: string): string | undefined {
	const domainKeyAt = selector.indexOf('._domainkey');
	if (domainKeyAt > 0) return `is the whole record name: enter only the part before ._domainkey (here "${selector.slice(0, domainKeyAt)}")`;
	const illegal = /[^a-z0-9.-]/.exec(selector);
	if (illegal) return `contains ${JSON.stringify(illegal[0])}, which a selector may not: use letters, digits and hyphens (e.g. mail2025)`;
	for (const label of selector.split('.')) {
		if (label === '') return 'has an empty part between dots: write it like mail2025 or mail.2025';
		if (!SELECTOR_LABEL.test(label)) return 'has a part that starts or ends with a hyphen or is longer than 63 characters';
	}
	return undefined;
}

function readSelector(value: unknown, domain: string): string {
	const selector = text(value).toLowerCase();
	if (!selector) {
		throw new ConfigurationError(
			'DKIM Selector is empty: enter the name the public key is published under, e.g. mail2025 for mail2025._domainkey.example.com',
			'DKIM Selector',
		);
	}
	const problem = selectorProblem(selector);
	if (problem) throw new ConfigurationError(`DKIM Selector "${selector}" ${problem}`, 'DKIM Selector');
	if (dkimRecordName({ selector, domain }).length > MAX_DOMAIN_LENGTH) {
		throw new ConfigurationError(`DKIM Selector "${selector}" makes the record name longer than ${MAX_DOMAIN_LENGTH} characters: use a shorter one`, 'DKIM Selector');
	}
	return selector;
}

function readKey(value: unknown): DkimSigningKey {
	const pasted = typeof value === 'string' ? value : '';
	if (!pasted.trim()) {
		throw new ConfigurationError('DKIM Private Key is empty: paste the PEM private key, or switch DKIM Signing off', 'DKIM Private Key');
	}
	const key = readDkimSigningKey(pasted);
	if (!key.ok) throw new ConfigurationError(key.failure, 'DKIM Private Key');
	return key.value;
}

/**
 * DKIM settings when DKIM Signing is on, else undefined. The fields are read only then: the
 * editor's test request carries hidden fields too, and a key left behind must not sign.
 */
function readDkimSettings(data: Record<string, unknown>): DkimSettings | undefined {
	if (data.dkimSign !== true) return undefined;
	const domain = readDomain(data.dkimDomain);
	return { domain, selector: readSelector(data.dkimSelector, domain), key: readKey(data.dkimPrivateKey) };
}

/** On unless switched off (a credential saved before the field existed has no value for it). */
function readSenderDnsCheck(data: Record<string, unknown>): SenderDnsCheckSettings {
	if (data.checkSenderDns === false) return { enabled: false, servers: [] };
	const servers = parseDnsServers(text(data.senderDnsServers));
	if (!servers.ok) throw new ConfigurationError(servers.failure, 'DNS Servers');
	return { enabled: true, servers: servers.value };
}

export function readSenderDomainSettings(data: Record<string, unknown>): SenderDomainSettings {
	const dkim = readDkimSettings(data);
	return { ...(dkim ? { dkim } : {}), senderDnsCheck: readSenderDnsCheck(data) };
}
