import { messageDigest, sentRecord, type ItemOutcome } from '../../../nodes/MailshitSmtp/actions/send/sentRecord';

const sent = (messageId: string): ItemOutcome => ({ result: { success: true, type: 'sent', messageId, accepted: ['a@x.test'], rejected: [], response: '250 OK' } });
const message = (fields: Record<string, unknown> = {}) => ({ messageId: `<${Math.random()}@x.test>`, from: 'n@x.test', to: 'a@x.test', subject: 'Hi', text: 'Hello', ...fields });

describe('messageDigest: the same email, whatever its Message-ID', () => {
	it('ignores the Message-ID chosen per try', () => {
		expect(messageDigest(message())).toBe(messageDigest(message()));
	});

	it.each([
		['recipient', { to: 'b@x.test' }],
		['subject', { subject: 'Hi!' }],
		['body', { text: 'Hello!' }],
		['attachment content', { attachments: [{ filename: 'a.txt', content: Buffer.from('2') }] }],
	])('changes with the %s', (_label, change) => {
		const base = message({ attachments: [{ filename: 'a.txt', content: Buffer.from('1') }] });
		expect(messageDigest({ ...base, ...change })).not.toBe(messageDigest(base));
	});
});

describe('sentRecord: per execution, node and run; dropped when the run succeeds', () => {
	it('gives back an item\'s result only for the same message', () => {
		const record = sentRecord('exec-a', 'Send', 0);
		record.remember(3, 'digest-1', sent('<first@x.test>'));
		expect(sentRecord('exec-a', 'Send', 0).previous(3, 'digest-1')).toEqual(sent('<first@x.test>'));
		expect(sentRecord('exec-a', 'Send', 0).previous(3, 'digest-2')).toBeUndefined();
		expect(sentRecord('exec-a', 'Send', 0).previous(4, 'digest-1')).toBeUndefined();
		expect(sentRecord('exec-b', 'Send', 0).previous(3, 'digest-1')).toBeUndefined();
		expect(sentRecord('exec-a', 'Other', 0).previous(3, 'digest-1')).toBeUndefined();
		expect(sentRecord('exec-a', 'Send', 1).previous(3, 'digest-1')).toBeUndefined();
		record.forget();
		expect(sentRecord('exec-a', 'Send', 0).previous(3, 'digest-1')).toBeUndefined();
	});

	it('keeps a bounded number of runs, and none older than an hour', () => {
		sentRecord('exec-old', 'Send', 0, 0).remember(0, 'd', sent('<old@x.test>'));
		for (let run = 0; run < 16; run++) sentRecord(`exec-${run}`, 'Send', 0).remember(0, 'd', sent('<x@x.test>'));
		expect(sentRecord('exec-old', 'Send', 0).previous(0, 'd')).toBeUndefined();
		sentRecord('exec-aged', 'Send', 0, 0).remember(0, 'd', sent('<aged@x.test>'));
		expect(sentRecord('exec-aged', 'Send', 0, 60 * 60 * 1000 + 1).previous(0, 'd')).toBeUndefined();
	});
});
