/**
 * Is a mailbox a role account — a function or a team rather than a person (info@, support@,
 * admin@, webmaster@, postmaster@, noreply@, sales@, …)?
 *
 * The names come from `role-based-email-addresses` (Mixmax, MIT, about 1,000 names: the mailbox
 * names of RFC 2142 plus the notification, marketing and team names seen in practice).
 */
import roleNames from 'role-based-email-addresses';

let roles: Set<string> | undefined;

function roleNameSet(): Set<string> {
	roles ??= new Set(roleNames.map((name) => name.toLowerCase()));
	return roles;
}

/**
 * `localPart` as written before the @. Compared case-insensitively (mailbox names are matched
 * that way by virtually every server, although RFC 5321 §2.4 leaves it to the receiver), without
 * quotes, and without a `+tag` (RFC 5233 subaddressing: `support+billing@` still reaches support).
 */
export function isRoleAccount(localPart: string): boolean {
	const unquoted = localPart.startsWith('"') ? localPart.slice(1, -1).replace(/\\(.)/g, '$1') : localPart;
	const mailbox = unquoted.split('+')[0].toLowerCase();
	return mailbox !== '' && roleNameSet().has(mailbox);
}
