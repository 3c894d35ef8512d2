import { describeIndexes, describeWhatWentOut } from '../../../nodes/MailshitSmtp/actions/send/batchReport';

describe('describeIndexes', () => {
	it.each([
		[[], ''],
		[[3], '3'],
		[[0, 1, 2, 3, 4, 6, 7], '0–4, 6–7'],
		[[9, 1, 2, 5], '1–2, 5, 9'],
		[Array.from({ length: 30 }, (_, i) => i * 2), '0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22 and 18 more'],
	])('%j → %s', (indexes, text) => {
		expect(describeIndexes(indexes)).toBe(text);
	});
});

describe('describeWhatWentOut: who already has the email, and what a new run would resend', () => {
	it('nothing sent', () => {
		expect(describeWhatWentOut([], 20)).toBe('No item of 20 was sent before the node stopped, so a new run sends each of them once.');
	});

	it('seven sent, in any order: counted, named by index and the first Message-IDs', () => {
		const sent = [4, 0, 1, 2, 3, 6, 7].map((index) => ({ index, messageId: `<m${index}@x.test>` }));
		expect(describeWhatWentOut(sent, 20)).toBe(
			'7 items of 20 were sent before the node stopped: items 0–4, 6–7 (Message-ID <m0@x.test>, <m1@x.test>, <m2@x.test> and 4 more). A new run of this execution would send them again: take them out of the input first, or turn on Continue On Fail to get a result for every item (Retry On Fail on this node does not resend them).',
		);
	});

	it('one sent, one uncertain', () => {
		expect(describeWhatWentOut([{ index: 0, messageId: '<a@x.test>' }], 3, [2])).toBe(
			'1 item of 3 was sent before the node stopped: item 0 (Message-ID <a@x.test>). A new run of this execution would send it again: take it out of the input first, or turn on Continue On Fail to get a result for every item (Retry On Fail on this node does not resend them). Delivery is uncertain for 1 item (2): check the inbox before resending.',
		);
	});

	it('stays readable for 10,000 sent items', () => {
		const sent = Array.from({ length: 10_000 }, (_, index) => ({ index: index * 2, messageId: `<${index}@x.test>` }));
		expect(describeWhatWentOut(sent, 20_000).length).toBeLessThan(500);
	});
});
