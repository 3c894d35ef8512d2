/**
 * The three TXT records receivers read to judge a sender, as text in, verdicts out. Pure.
 *  - DKIM key record at `<selector>._domainkey.<domain>` (RFC 6376 §3.6.1): `v=DKIM1; k=rsa; p=…`;
 *  - SPF at the domain itself (RFC 7208): one record starting `v=spf1`;
 *  - DMARC at `_dmarc.<domain>` (RFC 7489 §6.3): `v=DMARC1; p=none|quarantine|reject; …`.
 */
import { fail, ok, type Result } from '../../shared/result';
import { publicKeyFromRecord, publicKeyRecordOf, type DkimAlgorithm, type DkimSigningKey } from './signingKey';

/**
 * A `tag=value; …` list (RFC 6376 §3.2), shared by DKIM and DMARC: whitespace around tags and
 * values is ignored, a trailing `;` is allowed, a duplicate tag makes the whole list invalid.
 */
export function parseTagList(record: string): Map<string, string> | undefined {
	const tags = new Map<string, string>();
	for (const part of record.split(';')) {
		if (part.trim() === '') continue;
		const equals = part.indexOf('=');
		if (equals < 1) return undefined;
		const name = part.slice(0, equals).trim();
		if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || tags.has(name)) return undefined;
		tags.set(name, part.slice(equals + 1).trim());
	}
	return tags;
}

export type DkimRecordVerdict =
	| { kind: 'matches' }
	/** An empty `p=`: the key was withdrawn on purpose. */
	| { kind: 'revoked' }
	| { kind: 'otherKey' }
	| { kind: 'otherAlgorithm'; recordAlgorithm: string }
	| { kind: 'invalid'; reason: string };

/** What a receiver would make of this record for a signature made with `key`. */
export function judgeDkimRecord(record: string, key: Pick<DkimSigningKey, 'algorithm' | 'publicKeyRecord'>): DkimRecordVerdict {
	const tags = parseTagList(record);
	if (!tags) return { kind: 'invalid', reason: 'it is not a list of tag=value pairs' };
	const version = tags.get('v');
	if (version !== undefined && (version !== 'DKIM1' || [...tags.keys()][0] !== 'v')) return { kind: 'invalid', reason: 'v= must come first and read DKIM1' };
	const hashes = tags.get('h');
	if (hashes !== undefined && !hashes.split(':').some((hash) => hash.trim().toLowerCase() === 'sha256')) {
		return { kind: 'invalid', reason: `h=${hashes} excludes sha256, the only hash signers use` };
	}
	const publicKey = tags.get('p');
	if (publicKey === undefined) return { kind: 'invalid', reason: 'it has no p= (public key) tag' };
	if (publicKey.replace(/\s+/g, '') === '') return { kind: 'revoked' };
	const recordAlgorithm = (tags.get('k') ?? 'rsa').toLowerCase();
	if (recordAlgorithm !== key.algorithm) return { kind: 'otherAlgorithm', recordAlgorithm };
	const published = publicKeyFromRecord(recordAlgorithm as DkimAlgorithm, publicKey);
	if (!published) return { kind: 'invalid', reason: `p= is not a valid ${recordAlgorithm === 'rsa' ? 'RSA' : 'Ed25519'} public key` };
	return publicKeyRecordOf(published) === key.publicKeyRecord ? { kind: 'matches' } : { kind: 'otherKey' };
}

/** DKIM key records among the TXT records at a selector's name (other TXT records may share it). */
export function dkimKeyRecords(records: string[]): string[] {
	return records.filter((record) => /^\s*v\s*=\s*DKIM1\b/.test(record) || /(^|;)\s*p\s*=/.test(record));
}

export function spfRecords(records: string[]): string[] {
	return records.filter((record) => /^v=spf1(\s|$)/i.test(record.trim()));
}

/** `+all` (or a bare `all`, whose qualifier defaults to +) lets any host on the internet pass SPF. */
export function spfAllowsEveryone(record: string): boolean {
	return /(^|\s)\+?all\s*$/i.test(record.trim());
}

type DmarcPolicy = 'none' | 'quarantine' | 'reject';

interface DmarcRecord {
	policy: DmarcPolicy;
	/** The policy for subdomains, when the record names one. */
	subdomainPolicy?: DmarcPolicy;
	/** DKIM alignment mode: r (relaxed, the default) or s (strict). */
	dkimAlignment: 'r' | 's';
}

const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];

export function dmarcRecords(records: string[]): string[] {
	return records.filter((record) => /^v\s*=\s*DMARC1\s*(;|$)/.test(record.trim()));
}

/** The record read, or the sentence saying why a receiver would ignore it. */
export function parseDmarcRecord(record: string): Result<DmarcRecord, string> {
	const tags = parseTagList(record);
	if (!tags || [...tags.keys()][0] !== 'v' || tags.get('v') !== 'DMARC1') return fail('it must start with v=DMARC1;');
	const policy = (tags.get('p') ?? '').toLowerCase();
	if (!POLICIES.includes(policy)) return fail('p= must be none, quarantine or reject');
	const subdomainPolicy = tags.get('sp')?.toLowerCase();
	return ok({
		policy: policy as DmarcPolicy,
		...(subdomainPolicy && POLICIES.includes(subdomainPolicy) ? { subdomainPolicy: subdomainPolicy as DmarcPolicy } : {}),
		dkimAlignment: tags.get('adkim')?.toLowerCase() === 's' ? 's' : 'r',
	});
}

/**
 * Where a receiver looks for the DMARC record of `domain`, most specific first: the DMARCbis tree
 * walk, which also finds the organizational domain's record that RFC 7489 falls back to. The
 * domain itself, then its parents from at most 7 labels down to the one below the top-level
 * domain: 7 names at most, however deep the domain.
 */
const TREE_WALK_LABELS = 7;

export function dmarcLookupNames(domain: string): string[] {
	const labels = domain.split('.');
	const names = [`_dmarc.${domain}`];
	for (let count = Math.min(labels.length - 1, TREE_WALK_LABELS); count >= 2; count--) names.push(`_dmarc.${labels.slice(-count).join('.')}`);
	return names;
}
