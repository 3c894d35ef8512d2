import { createAppendBatcher } from '../../../nodes/MailshitSmtp/shared/appendBatcher';

/** A writer whose writes finish only when the test says so. */
function heldWriter() {
	const writes: Array<{ text: string; finish(error?: Error): void }> = [];
	const write = (text: string) =>
		new Promise<void>((resolve, reject) => {
			writes.push({ text, finish: (error) => (error ? reject(error) : resolve()) });
		});
	return { writes, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('appends while a write is under way go out together, in order', () => {
	it('first alone, then everything that queued behind it in one write', async () => {
		const { writes, write } = heldWriter();
		const batcher = createAppendBatcher(write);
		const first = batcher.append('a\n');
		const rest = ['b\n', 'c\n', 'd\n'].map((text) => batcher.append(text));
		await tick();
		expect(writes.map((w) => w.text)).toEqual(['a\n']);
		writes[0].finish();
		await expect(first).resolves.toEqual({ ok: true, value: undefined });
		await tick();
		expect(writes.map((w) => w.text)).toEqual(['a\n', 'b\nc\nd\n']);
		writes[1].finish();
		await expect(Promise.all(rest)).resolves.toEqual([{ ok: true, value: undefined }, { ok: true, value: undefined }, { ok: true, value: undefined }]);
	});

	it('a caller is told only once its own text is written', async () => {
		const { writes, write } = heldWriter();
		const batcher = createAppendBatcher(write);
		let settled = false;
		void batcher.append('x').then(() => (settled = true));
		await tick();
		expect(settled).toBe(false);
		writes[0].finish();
		await tick();
		expect(settled).toBe(true);
	});
});

describe('a failed write fails only what it carried', () => {
	it('its callers get the described failure; the next batch is written afresh', async () => {
		const { writes, write } = heldWriter();
		const batcher = createAppendBatcher(write, (error) => `described: ${(error as Error).message}`);
		const lost = batcher.append('a');
		const next = batcher.append('b');
		await tick();
		writes[0].finish(new Error('disk full'));
		await expect(lost).resolves.toEqual({ ok: false, failure: 'described: disk full' });
		await tick();
		expect(writes[1].text).toBe('b');
		writes[1].finish();
		await expect(next).resolves.toEqual({ ok: true, value: undefined });
	});
});
