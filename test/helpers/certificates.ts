import { generate } from 'selfsigned';

/** PEM pair as smtp-server and tls want it. */
export interface Pem {
	key: string;
	cert: string;
}

export interface TestCertificates {
	/** A CA the tests can hand to the credential's "CA Certificate" field. */
	ca: Pem;
	/** Issued by `ca` for 127.0.0.1 / localhost: trusted once the CA is given. */
	trusted: Pem;
	/** Issued by `ca` for mail.example.test only: a host-name mismatch on 127.0.0.1. */
	wrongHost: Pem;
	/** Issued by `ca`, valid for 127.0.0.1, but expired a year ago. */
	expired: Pem;
	/** Signed by itself: what a home-grown relay usually presents. */
	selfSigned: Pem;
}

const DAY = 24 * 3600 * 1000;
const localNames = [
	{ type: 2 as const, value: 'localhost' },
	{ type: 7 as const, ip: '127.0.0.1' },
	{ type: 7 as const, ip: '::1' },
];

function serverExtensions(altNames: Array<{ type: 2 | 7; value?: string; ip?: string }>) {
	return [
		{ name: 'basicConstraints' as const, cA: false },
		{ name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
		{ name: 'extKeyUsage' as const, serverAuth: true },
		{ name: 'subjectAltName' as const, altNames },
	];
}

async function issue(
	commonName: string,
	altNames: Array<{ type: 2 | 7; value?: string; ip?: string }>,
	ca: Pem | undefined,
	validity: { from: Date; to: Date },
): Promise<Pem> {
	const pems = await generate([{ name: 'commonName', value: commonName }], {
		keySize: 2048,
		algorithm: 'sha256',
		notBeforeDate: validity.from,
		notAfterDate: validity.to,
		extensions: serverExtensions(altNames),
		...(ca ? { ca: { key: ca.key, cert: ca.cert } } : {}),
	});
	return { key: pems.private, cert: pems.cert };
}

let cached: Promise<TestCertificates> | undefined;

/** Generates (once per test file) a small PKI: a CA and the server certificates the TLS cases need. */
export function testCertificates(): Promise<TestCertificates> {
	cached ??= (async () => {
		const now = Date.now();
		const current = { from: new Date(now - DAY), to: new Date(now + 30 * DAY) };
		const caPems = await generate([{ name: 'commonName', value: 'mailshit test CA' }], {
			keySize: 2048,
			algorithm: 'sha256',
			notBeforeDate: current.from,
			notAfterDate: current.to,
			extensions: [
				{ name: 'basicConstraints', cA: true, critical: true },
				{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
			],
		});
		const ca = { key: caPems.private, cert: caPems.cert };
		const [trusted, wrongHost, expired, selfSigned] = await Promise.all([
			issue('localhost', localNames, ca, current),
			issue('mail.example.test', [{ type: 2, value: 'mail.example.test' }], ca, current),
			issue('localhost', localNames, ca, { from: new Date(now - 400 * DAY), to: new Date(now - 365 * DAY) }),
			issue('localhost', localNames, undefined, current),
		]);
		return { ca, trusted, wrongHost, expired, selfSigned };
	})();
	return cached;
}
