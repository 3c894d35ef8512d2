/**
 * Is a domain a throwaway-mailbox service (Mailinator, 10 Minute Mail, Guerrilla Mail, …)?
 *
 * The list is the community-maintained disposable-email-domains/disposable-email-domains
 * blocklist, as packaged on npm by `disposable-email-domains-js` (CC0, republished automatically
 * when the list changes). That list only takes services whose mailboxes anyone can read or that
 * vanish, and keeps out forwarding services that real people use (SimpleLogin, addy.io,
 * DuckDuckGo): flagging those would call a real customer's address "disposable".
 */
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

// ~9,000 domains: loaded on the first check, not when n8n loads the node.
let blocklist: Set<string> | undefined;

function disposableDomainSet(): Set<string> {
	// The package builds a new Set on every call; keep ours.
	blocklist ??= disposableEmailBlocklistSet();
	return blocklist;
}

/**
 * `domain` in A-label (ASCII) form. A subdomain of a listed domain counts too: services such as
 * 33mail hand every user a subdomain (`ada.33mail.com`), and the operator of a domain controls
 * all names under it.
 */
export function isDisposableDomain(domain: string): boolean {
	const set = disposableDomainSet();
	const labels = domain.toLowerCase().split('.');
	for (let start = 0; start <= labels.length - 2; start++) {
		if (set.has(labels.slice(start).join('.'))) return true;
	}
	return false;
}
