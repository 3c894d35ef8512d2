/**
 * The DKIM-Signature header for a whole message, signed with Ed25519 (RFC 8463, `ed25519-sha256`).
 * nodemailer's signer knows only `rsa-sha256`, so RSA keys go through nodemailer and Ed25519 keys
 * through this; both sign the same header fields with relaxed/relaxed canonicalization, so a
 * receiver sees the same signature shape from either. Pure: node's crypto, no socket.
 *
 * RFC 8463 §3: Ed25519-SHA256 signs the SHA-256 hash of the canonicalized header data (PureEdDSA
 * over the 32-byte digest), and the record's `p=` is the raw 32-byte public key.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';

/**
 * The header fields a signature covers (when present), nodemailer's own list: RFC 6376 §5.4.1's
 * recommendation plus List-Unsubscribe-Post, which RFC 8058 wants signed for one-click unsubscribe.
 * Passed to nodemailer too, so RSA and Ed25519 signatures cover the same fields.
 */
export const SIGNED_HEADER_FIELDS = [
	'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type',
	'Content-Transfer-Encoding', 'Content-ID', 'Content-Description', 'Resent-Date', 'Resent-From', 'Resent-Sender',
	'Resent-To', 'Resent-Cc', 'Resent-Message-ID', 'In-Reply-To', 'References', 'List-Id', 'List-Help',
	'List-Unsubscribe', 'List-Unsubscribe-Post', 'List-Subscribe', 'List-Post', 'List-Owner', 'List-Archive', 'OTP-Token',
].join(':');

export interface Ed25519SigningInput {
	domain: string;
	selector: string;
	privateKey: KeyObject;
}

interface HeaderField {
	/** Lower-case name. */
	name: string;
	/** The whole field as it appears, folding included. */
	raw: string;
}

/** RFC 6376 §3.4.2: unfold, compress whitespace runs to one space, trim around the colon. */
function relaxedHeader(name: string, rawValue: string): string {
	return `${name}:${rawValue.replace(/\r?\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
}

/**
 * RFC 6376 §3.4.4, on the body as bytes (latin1 keeps one char per byte). nodemailer hands the
 * message over before the SMTP connection turns bare LFs into CRLF, so an LF ends a line too.
 */
export function relaxedBody(body: string): string {
	const lines = body.split(/\r?\n/).map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
	const canonical = lines.join('\r\n').replace(/(\r\n)+$/, '');
	// an empty body stays empty (RFC 6376 erratum 3133); any other ends in exactly one CRLF
	return canonical === '' ? '' : `${canonical}\r\n`;
}

function headerFields(header: string): HeaderField[] {
	const fields: HeaderField[] = [];
	for (const line of header.split(/\r?\n/)) {
		if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1].raw += `\r\n${line}`;
		else if (line.includes(':')) fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
	}
	return fields;
}

function lastField(fields: HeaderField[], name: string): HeaderField | undefined {
	for (let i = fields.length - 1; i >= 0; i--) if (fields[i].name === name) return fields[i];
	return undefined;
}

/**
 * The header data to sign, and the `h=` list: per listed name, the last instance of that field
 * (RFC 6376 §5.4.2 signs from the bottom up), as nodemailer selects them.
 */
function signedHeaders(fields: HeaderField[]): { data: string; names: string[] } {
	const data: string[] = [];
	const names: string[] = [];
	for (const name of SIGNED_HEADER_FIELDS.toLowerCase().split(':')) {
		const field = lastField(fields, name);
		if (!field) continue;
		names.push(name);
		data.push(`${relaxedHeader(name, field.raw.slice(field.raw.indexOf(':') + 1))}\r\n`);
	}
	return { data: data.join(''), names };
}

/** Splits a base64 value into folded lines (FWS is allowed inside b=, RFC 6376 §3.5). */
function foldBase64(value: string): string {
	return value.replace(/.{72}(?=.)/g, '$&\r\n\t');
}

/** Folds the h= list after a colon before a line passes 70 characters (FWS is allowed around its colons). */
function foldFieldNames(names: string[]): string {
	const lines = [''];
	for (const name of names) {
		const line = lines[lines.length - 1];
		if (line && line.length + name.length > 66) lines.push(name);
		else lines[lines.length - 1] = line ? `${line}:${name}` : name;
	}
	return lines.join(':\r\n\t');
}

/** The `DKIM-Signature: …` field (no trailing CRLF) to put in front of `message`. */
export function ed25519DkimSignature(message: Buffer, input: Ed25519SigningInput): string {
	const text = message.toString('latin1');
	const headerEnd = /\r?\n\r?\n/.exec(text);
	const header = headerEnd ? text.slice(0, headerEnd.index) : text;
	const body = headerEnd ? text.slice(headerEnd.index + headerEnd[0].length) : '';
	const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');
	const signed = signedHeaders(headerFields(header));
	const tags = ['v=1', 'a=ed25519-sha256', 'c=relaxed/relaxed', `d=${input.domain}`, `s=${input.selector}`, 'q=dns/txt', `bh=${bodyHash}`, `h=${foldFieldNames(signed.names)}`];
	const unsigned = `DKIM-Signature: ${tags.join(';\r\n\t')};\r\n\tb=`;
	// the signature covers its own field with an empty b=, canonicalized like the rest, last and without CRLF
	const data = signed.data + relaxedHeader('dkim-signature', unsigned.slice('DKIM-Signature:'.length));
	const signature = sign(null, createHash('sha256').update(data, 'latin1').digest(), input.privateKey).toString('base64');
	return unsigned + foldBase64(signature);
}
