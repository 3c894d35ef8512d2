/**
 * The Ed25519 signer's canonicalization, table-driven; that receivers accept its signatures is
 * proven with a real verifier in test/integration/dkimSigning.test.ts.
 */
import { generateKeyPairSync, verify, createHash } from 'node:crypto';
import { ed25519DkimSignature, relaxedBody } from '../../../../nodes/MailshitSmtp/smtp/dkim/ed25519Signature';

describe('relaxedBody (RFC 6376 §3.4.4)', () => {
	it.each([
		// RFC 6376 §3.4.5's example body
		[' C \r\nD \t E\r\n\r\n\r\n', ' C\r\nD E\r\n'],
		['', ''],
		['\r\n\r\n', ''],
		['no final line break', 'no final line break\r\n'],
		// nodemailer hands over bare LFs, which the SMTP connection turns into CRLF later
		['text\nmore  \n\n', 'text\r\nmore\r\n'],
		['\ttabbed\t\r\n', ' tabbed\r\n'],
	])('%j → %j', (body, canonical) => {
		expect(relaxedBody(body)).toBe(canonical);
	});
});

describe('ed25519DkimSignature', () => {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const message = Buffer.from(
		'From: Joe <joe@football.example.com>\r\nTo: Suzie <suzie@shopping.example.net>\r\nSubject: Is dinner\r\n  ready?\r\nX-Not-Signed: yes\r\nSubject: the last one is signed\r\n\r\nHi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n\r\n',
		'latin1',
	);
	const field = ed25519DkimSignature(message, { domain: 'football.example.com', selector: 'brisbane', privateKey });
	const tags = new Map(field.slice('DKIM-Signature:'.length).replace(/\s+/g, '').split(';').map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)]));

	it('names the algorithm, the domain, the selector and the fields it covers (the last Subject, not X-Not-Signed)', () => {
		expect(Object.fromEntries(tags)).toMatchObject({ v: '1', a: 'ed25519-sha256', c: 'relaxed/relaxed', d: 'football.example.com', s: 'brisbane', h: 'from:subject:to' });
		expect(tags.get('bh')).toBe(createHash('sha256').update('Hi.\r\n\r\nWe lost the game. Are you hungry yet?\r\n\r\nJoe.\r\n').digest('base64'));
	});

	it('b= is Ed25519 over the SHA-256 of the canonical header data, its own field last with an empty b= (RFC 8463 §3)', () => {
		const unsignedField = field.replace(/b=[A-Za-z0-9+/=\s]*$/, 'b=');
		const data =
			'from:Joe <joe@football.example.com>\r\nsubject:the last one is signed\r\nto:Suzie <suzie@shopping.example.net>\r\n' +
			`dkim-signature:${unsignedField.slice('DKIM-Signature:'.length).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
		const digest = createHash('sha256').update(data, 'latin1').digest();
		expect(verify(null, digest, publicKey, Buffer.from(tags.get('b')!, 'base64'))).toBe(true);
	});

	it('keeps every line of the field under 78 characters, however many fields it covers', () => {
		const everyField = ['From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post'];
		const long = Buffer.from(`${everyField.map((name) => `${name}: x`).join('\r\n')}\r\n\r\nbody\r\n`, 'latin1');
		const longField = ed25519DkimSignature(long, { domain: 'football.example.com', selector: 'brisbane', privateKey });
		expect(longField.replace(/\s+/g, '')).toContain(`h=${everyField.join(':').toLowerCase()};`);
		for (const signature of [field, longField]) expect(signature.split('\r\n').every((line) => line.length <= 78)).toBe(true);
	});
});
