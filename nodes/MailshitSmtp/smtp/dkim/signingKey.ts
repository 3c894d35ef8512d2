/**
 * The DKIM private key as the user pastes it, read into a key that can sign, with the facts the
 * checks and the DNS record need. Pure: node's crypto only, no socket, no n8n.
 *
 * DKIM signs with RSA (RFC 6376, `rsa-sha256`) or Ed25519 (RFC 8463, `ed25519-sha256`) and nothing
 * else. RSA below 1024 bits must not be accepted by verifiers (RFC 8301 §3.2); above 4096 bits
 * few verifiers accept the key and its record no longer fits a DNS answer comfortably.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/result';

export type DkimAlgorithm = 'rsa' | 'ed25519';

export interface DkimSigningKey {
	algorithm: DkimAlgorithm;
	/** RSA modulus length; 256 for Ed25519. */
	bits: number;
	privateKey: KeyObject;
	/** The `p=` value of the DNS record: base64 SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519. */
	publicKeyRecord: string;
}

const MIN_RSA_BITS = 1024;
const MAX_RSA_BITS = 4096;
/** What Gmail, Yahoo and M3AAWG ask for; 1024 still verifies but is a warning. */
export const RECOMMENDED_RSA_BITS = 2048;

/** An Ed25519 SubjectPublicKeyInfo is this 12-byte prefix and the 32-byte key (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_KEY_BYTES = 32;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64_BODY = /^[A-Za-z0-9+/]+={0,2}$/;

const ENCRYPTED_KEY =
	'DKIM Private Key is encrypted with a passphrase, which nothing can type in while sending: store it without one (openssl pkey -in key.pem -out key-plain.pem)';

/**
 * The PEM as node can read it, whatever a form did to it: a browser's single-line field drops the
 * line breaks, an environment variable carries them as the two characters `\n`, and a copy from a
 * terminal adds spaces. The base64 body is stripped of all of that and wrapped again at 64.
 */
function normalizePem(text: string): Result<{ label: string; pem: string }, string> {
	const unescaped = text.replace(/\\r|\\n/g, '\n').trim();
	const block = PEM_BLOCK.exec(unescaped);
	if (!block) {
		return fail(
			'DKIM Private Key is not a PEM key: paste the whole file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY----- (see the README for the openssl command that makes one)',
		);
	}
	const [, label, rawBody] = block;
	// OpenSSL's legacy encryption announces itself in RFC 1421 headers before the body
	if (/Proc-Type:\s*4,ENCRYPTED/i.test(rawBody)) return fail(ENCRYPTED_KEY);
	const body = rawBody.replace(/\s+/g, '');
	if (!BASE64_BODY.test(body)) return fail('DKIM Private Key is damaged: its PEM body is not base64; paste the key file again, unchanged');
	return ok({ label, pem: `-----BEGIN ${label}-----\n${body.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n` });
}

function labelProblem(label: string): string | undefined {
	if (label.includes('ENCRYPTED')) return ENCRYPTED_KEY;
	if (label === 'OPENSSH PRIVATE KEY') {
		return 'DKIM Private Key is in OpenSSH format, which cannot sign mail: make a DKIM key with openssl genpkey (see the README)';
	}
	if (label.includes('PUBLIC KEY') || label === 'CERTIFICATE') {
		return 'DKIM Private Key holds a public key or certificate: paste the private key (-----BEGIN PRIVATE KEY-----); the public key goes into DNS';
	}
	if (!label.endsWith('PRIVATE KEY')) return `DKIM Private Key is a PEM "${label}", not a private key: paste the key file that begins with -----BEGIN PRIVATE KEY-----`;
	return undefined;
}

/** Why a key of this type and size cannot sign DKIM, or undefined when it can. */
export function keyTypeProblem(type: string | undefined, rsaBits: number): string | undefined {
	if (type === 'rsa') {
		if (rsaBits < MIN_RSA_BITS) return `DKIM Private Key is RSA ${rsaBits} bits, which receivers reject (minimum ${MIN_RSA_BITS}): make a ${RECOMMENDED_RSA_BITS}-bit key`;
		if (rsaBits > MAX_RSA_BITS) return `DKIM Private Key is RSA ${rsaBits} bits, more than many receivers accept (maximum ${MAX_RSA_BITS}): make a ${RECOMMENDED_RSA_BITS}-bit key`;
		return undefined;
	}
	if (type === 'ed25519') return undefined;
	if (type === 'rsa-pss') return 'DKIM Private Key is an RSA-PSS key, which DKIM cannot use: make a plain RSA key (openssl genpkey -algorithm RSA)';
	const named = type === 'ec' ? 'an EC (ECDSA) key' : `a${/^[aeiou]/i.test(type ?? '') ? 'n' : ''} ${type ?? 'unknown'} key`;
	return `DKIM Private Key is ${named}: DKIM signs only with RSA (${RECOMMENDED_RSA_BITS} bits recommended) or Ed25519`;
}

/** The public key in the form the DNS record's `p=` carries. */
export function publicKeyRecordOf(publicKey: KeyObject): string {
	const spki = publicKey.export({ type: 'spki', format: 'der' });
	return (publicKey.asymmetricKeyType === 'ed25519' ? spki.subarray(ED25519_SPKI_PREFIX.length) : spki).toString('base64');
}

/** A record's `p=` value read as a public key of the given algorithm, or undefined when it is none. */
export function publicKeyFromRecord(algorithm: DkimAlgorithm, value: string): KeyObject | undefined {
	const der = Buffer.from(value.replace(/\s+/g, ''), 'base64');
	// OpenSSL reads a DER structure and ignores what follows it: the raw key's length is checked here
	if (algorithm === 'ed25519' && der.length !== ED25519_KEY_BYTES) return undefined;
	const attempts: Array<Parameters<typeof createPublicKey>[0]> =
		algorithm === 'ed25519'
			? [{ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' }]
			: // RFC 6376 §3.6.1 says RSAPublicKey, every signer publishes SubjectPublicKeyInfo: read both
				[
					{ key: der, format: 'der', type: 'spki' },
					{ key: der, format: 'der', type: 'pkcs1' },
				];
	for (const attempt of attempts) {
		try {
			const key = createPublicKey(attempt);
			if (key.asymmetricKeyType === algorithm) return key;
		} catch {
			// not this encoding: try the next
		}
	}
	return undefined;
}

/**
 * Reads the pasted key. Every failure is one sentence naming the field and the fix; none of them
 * quotes the key or node's parser message, which could carry a fragment of it.
 */
export function readDkimSigningKey(text: string): Result<DkimSigningKey, string> {
	const normalized = normalizePem(text);
	if (!normalized.ok) return normalized;
	const problem = labelProblem(normalized.value.label);
	if (problem) return fail(problem);
	let privateKey: KeyObject;
	try {
		privateKey = createPrivateKey({ key: normalized.value.pem, format: 'pem' });
	} catch {
		return fail('DKIM Private Key does not parse as a private key: paste the key file again, unchanged, from -----BEGIN to -----END');
	}
	const rsaBits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
	const typeProblem = keyTypeProblem(privateKey.asymmetricKeyType, rsaBits);
	if (typeProblem) return fail(typeProblem);
	const algorithm = privateKey.asymmetricKeyType as DkimAlgorithm;
	return ok({
		algorithm,
		bits: algorithm === 'rsa' ? rsaBits : 256,
		privateKey,
		publicKeyRecord: publicKeyRecordOf(createPublicKey(privateKey)),
	});
}

/** The TXT record to publish at `<selector>._domainkey.<domain>`, exactly. */
export function dkimRecordText(key: Pick<DkimSigningKey, 'algorithm' | 'publicKeyRecord'>): string {
	return `v=DKIM1; k=${key.algorithm}; p=${key.publicKeyRecord}`;
}

/** "RSA 2048" / "Ed25519", as a sentence names the key. */
export function keyLabel(key: Pick<DkimSigningKey, 'algorithm' | 'bits'>): string {
	return key.algorithm === 'rsa' ? `RSA ${key.bits}` : 'Ed25519';
}
