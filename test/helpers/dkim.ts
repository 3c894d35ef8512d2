/**
 * DKIM for tests: fresh keys, the DNS record each needs, and a real verifier (npm `mailauth`)
 * that reads the public key from the test's DNS server on 127.0.0.1, never from the internet.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { dkimRecordText, readDkimSigningKey, type DkimAlgorithm } from '../../nodes/MailshitSmtp/smtp/dkim/signingKey';

export interface TestDkimKey {
	algorithm: DkimAlgorithm;
	/** PKCS#8 PEM, as `openssl genpkey` writes it. */
	privateKeyPem: string;
	/** The TXT record to publish at `<selector>._domainkey.<domain>`. */
	record: string;
}

export function generateDkimKey(algorithm: DkimAlgorithm, rsaBits = 2048): TestDkimKey {
	const privateKeyPem =
		algorithm === 'rsa'
			? generateKeyPairSync('rsa', { modulusLength: rsaBits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
			: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const key = readDkimSigningKey(privateKeyPem);
	if (!key.ok) throw new Error(key.failure);
	return { algorithm, privateKeyPem, record: dkimRecordText(key.value) };
}

/** A TXT record longer than 255 octets must be split into several character-strings, as DNS servers publish it. */
export function txtStrings(record: string): string[] {
	return record.match(/.{1,255}/g) ?? [''];
}

/** The credential fields that turn signing on. */
export function dkimCredentialFields(domain: string, selector: string, key: TestDkimKey): Record<string, unknown> {
	return { dkimSign: true, dkimDomain: domain, dkimSelector: selector, dkimPrivateKey: key.privateKeyPem };
}

export interface DkimVerdict {
	/** mailauth's result: pass, fail, neutral, none, … */
	result: string;
	signingDomain: string;
	selector?: string;
	/** rsa-sha256 / ed25519-sha256 */
	algorithm?: string;
	/** Whether the signing domain aligns with the From domain (DMARC). */
	aligned?: boolean;
	/** Why, when not pass. */
	comment?: string;
}

/** Verifies every DKIM-Signature of a raw message the way a receiving server does. */
export async function verifyDkim(raw: Buffer | string, dnsServer: string): Promise<DkimVerdict[]> {
	const resolver = new Resolver({ timeout: 2000, tries: 1 });
	resolver.setServers([dnsServer]);
	const verification = await dkimVerify(raw, { resolver: (name, type) => resolver.resolve(name, type) as Promise<string[][]> });
	return verification.results.map(({ status, signingDomain, selector, ...rest }) => ({
		result: status.result,
		signingDomain,
		selector,
		// typed as `algorithm`, delivered as `algo`
		algorithm: (rest as { algo?: string }).algo,
		aligned: status.aligned,
		...(status.comment ? { comment: status.comment } : {}),
	}));
}
