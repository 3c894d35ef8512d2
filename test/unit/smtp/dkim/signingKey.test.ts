import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
	dkimRecordText,
	keyTypeProblem,
	publicKeyFromRecord,
	readDkimSigningKey,
	type DkimSigningKey,
} from '../../../../nodes/MailshitSmtp/smtp/dkim/signingKey';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ed25519 = generateKeyPairSync('ed25519').privateKey;
const pkcs8 = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

function read(text: string): DkimSigningKey {
	const key = readDkimSigningKey(text);
	if (!key.ok) throw new Error(key.failure);
	return key.value;
}

describe('readDkimSigningKey: the key as pasted, whatever the form did to it', () => {
	it.each([
		['PKCS#8 (openssl genpkey)', pkcs8(rsa)],
		['PKCS#1 (BEGIN RSA PRIVATE KEY, older openssl genrsa)', rsa.export({ type: 'pkcs1', format: 'pem' }).toString()],
		['line breaks lost (a single-line browser field)', pkcs8(rsa).replace(/\n/g, '')],
		['line breaks written as \\n (an environment variable)', pkcs8(rsa).replace(/\n/g, '\\n')],
		['Windows line breaks, indentation and blank lines around', `\r\n  ${pkcs8(rsa).replace(/\n/g, '\r\n  ')}\r\n\r\n`],
	])('RSA 2048, %s', (_form, text) => {
		const key = read(text);
		expect(key).toMatchObject({ algorithm: 'rsa', bits: 2048 });
		expect(key.publicKeyRecord).toBe(createPublicKey(rsa).export({ type: 'spki', format: 'der' }).toString('base64'));
	});

	it('Ed25519: p= is the raw 32-byte public key (RFC 8463), 44 base64 characters', () => {
		const key = read(pkcs8(ed25519).replace(/\n/g, ' '));
		expect(key).toMatchObject({ algorithm: 'ed25519', bits: 256 });
		expect(Buffer.from(key.publicKeyRecord, 'base64')).toEqual(createPublicKey(ed25519).export({ type: 'spki', format: 'der' }).subarray(12));
		expect(dkimRecordText(key)).toBe(`v=DKIM1; k=ed25519; p=${key.publicKeyRecord}`);
	});

	it('RSA 1024 is accepted (a warning elsewhere), 1016 is not', () => {
		expect(read(pkcs8(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey)).bits).toBe(1024);
		expect(readDkimSigningKey(pkcs8(generateKeyPairSync('rsa', { modulusLength: 1016 }).privateKey))).toEqual({
			ok: false,
			failure: 'DKIM Private Key is RSA 1016 bits, which receivers reject (minimum 1024): make a 2048-bit key',
		});
	});

	const encryptedPkcs8 = ed25519.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
	const encryptedPkcs1 = rsa.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
	const ENCRYPTED = 'DKIM Private Key is encrypted with a passphrase, which nothing can type in while sending: store it without one (openssl pkey -in key.pem -out key-plain.pem)';
	it.each([
		['not PEM at all', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'DKIM Private Key is not a PEM key: paste the whole file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY----- (see the README for the openssl command that makes one)'],
		['a truncated body', pkcs8(rsa).slice(0, 200) + '\n-----END PRIVATE KEY-----', 'DKIM Private Key does not parse as a private key: paste the key file again, unchanged, from -----BEGIN to -----END'],
		['a body that is not base64', '-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----', 'DKIM Private Key is damaged: its PEM body is not base64; paste the key file again, unchanged'],
		['an encrypted PKCS#8 key', encryptedPkcs8, ENCRYPTED],
		['a legacy encrypted RSA key (Proc-Type)', encryptedPkcs1, ENCRYPTED],
		['the public key', createPublicKey(rsa).export({ type: 'spki', format: 'pem' }).toString(), 'DKIM Private Key holds a public key or certificate: paste the private key (-----BEGIN PRIVATE KEY-----); the public key goes into DNS'],
		['an OpenSSH key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', 'DKIM Private Key is in OpenSSH format, which cannot sign mail: make a DKIM key with openssl genpkey (see the README)'],
		['an EC key', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString(), 'DKIM Private Key is an EC (ECDSA) key: DKIM signs only with RSA (2048 bits recommended) or Ed25519'],
		['an RSA-PSS key', pkcs8(generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).privateKey), 'DKIM Private Key is an RSA-PSS key, which DKIM cannot use: make a plain RSA key (openssl genpkey -algorithm RSA)'],
		['an X25519 key', pkcs8(generateKeyPairSync('x25519').privateKey), 'DKIM Private Key is a x25519 key: DKIM signs only with RSA (2048 bits recommended) or Ed25519'],
	])('%s is refused with the fix', (_case, text, failure) => {
		expect(readDkimSigningKey(text)).toEqual({ ok: false, failure });
	});

	it('no refusal quotes the key', () => {
		const body = pkcs8(rsa).split('\n')[3];
		for (const text of [pkcs8(rsa).slice(0, 300) + '\n-----END PRIVATE KEY-----', encryptedPkcs1, pkcs8(rsa).replace('MII', 'M*I')]) {
			const result = readDkimSigningKey(text);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.failure).not.toContain(body.slice(0, 16));
		}
	});
});

describe('keyTypeProblem: RSA from 1024 to 4096 bits, or Ed25519', () => {
	it.each([
		['rsa', 1024, undefined],
		['rsa', 4096, undefined],
		['rsa', 4104, 'DKIM Private Key is RSA 4104 bits, more than many receivers accept (maximum 4096): make a 2048-bit key'],
		['rsa', 8192, 'DKIM Private Key is RSA 8192 bits, more than many receivers accept (maximum 4096): make a 2048-bit key'],
		['ed25519', 0, undefined],
		['ed448', 0, 'DKIM Private Key is an ed448 key: DKIM signs only with RSA (2048 bits recommended) or Ed25519'],
		['dsa', 0, 'DKIM Private Key is a dsa key: DKIM signs only with RSA (2048 bits recommended) or Ed25519'],
	])('%s %i', (type, bits, problem) => {
		expect(keyTypeProblem(type, bits)).toBe(problem);
	});
});

describe('publicKeyFromRecord: p= read back as a key', () => {
	const rsaSpki = createPublicKey(rsa).export({ type: 'spki', format: 'der' });
	it.each([
		['RSA SubjectPublicKeyInfo (what signers publish)', 'rsa', rsaSpki.toString('base64'), true],
		['RSA PKCS#1 RSAPublicKey (what RFC 6376 names)', 'rsa', createPublicKey(rsa).export({ type: 'pkcs1', format: 'der' }).toString('base64'), true],
		['RSA with the spaces a zone file splits it with', 'rsa', rsaSpki.toString('base64').replace(/.{60}/g, '$& '), true],
		['Ed25519 raw key', 'ed25519', createPublicKey(ed25519).export({ type: 'spki', format: 'der' }).subarray(12).toString('base64'), true],
		['an RSA key read as Ed25519', 'ed25519', rsaSpki.toString('base64'), false],
		['garbage', 'rsa', 'bm90IGEga2V5', false],
	] as const)('%s', (_case, algorithm, value, isKey) => {
		expect(publicKeyFromRecord(algorithm, value) !== undefined).toBe(isKey);
	});
});
