import { PassThrough, type Readable } from 'node:stream';
import type { Transporter } from 'nodemailer';
import DKIM from 'nodemailer/lib/dkim';
import type { DkimSettings } from '../smtp/dkim/dkimSettings';
import { ed25519DkimSignature, SIGNED_HEADER_FIELDS } from '../smtp/dkim/ed25519Signature';

type MessageSigner = (message: Readable) => Readable;

/** RSA: nodemailer's own DKIM signer. */
function rsaSigner(dkim: DkimSettings): MessageSigner {
	const signer = new DKIM({
		domainName: dkim.domain,
		keySelector: dkim.selector,
		privateKey: dkim.key.privateKey,
		headerFieldNames: SIGNED_HEADER_FIELDS,
	});
	return (message) => signer.sign(message);
}

/**
 * Ed25519, which nodemailer's signer cannot do: the message is read whole (as nodemailer's signer
 * does without a cache directory), signed, and passed on behind its DKIM-Signature field.
 */
function ed25519Signer(dkim: DkimSettings): MessageSigner {
	const input = { domain: dkim.domain, selector: dkim.selector, privateKey: dkim.key.privateKey };
	return (message) => {
		const signed = new PassThrough();
		const chunks: Buffer[] = [];
		message.on('data', (chunk: Buffer) => chunks.push(chunk));
		message.once('error', (error) => signed.destroy(error));
		message.once('end', () => {
			// the connection may have gone while the message was read
			if (signed.destroyed) return;
			const whole = Buffer.concat(chunks);
			try {
				signed.write(`${ed25519DkimSignature(whole, input)}\r\n`, 'latin1');
			} catch (error) {
				signed.destroy(error as Error);
				return;
			}
			signed.end(whole);
		});
		return signed;
	};
}

/**
 * Signs every message `transport` sends. A stream plugin rather than nodemailer's `dkim` transport
 * option, which would sign after every plugin: stream plugins registered after this one (the
 * pooled sender's "whole message written" marker) see the message as it goes on the wire.
 */
export function signEveryMessage(transport: Transporter, dkim: DkimSettings): void {
	const sign = dkim.key.algorithm === 'rsa' ? rsaSigner(dkim) : ed25519Signer(dkim);
	transport.use('stream', (mail, done) => {
		mail.message.processFunc(sign);
		done();
	});
}
