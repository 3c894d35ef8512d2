import { eventLoopTurns } from '../../../nodes/MailshitSmtp/shared/eventLoopTurns';

describe('eventLoopTurns: a turn of the event loop between pieces of work', () => {
	it('once the budget is spent, waiting for a turn lets queued callbacks run first', async () => {
		const turn = eventLoopTurns(0);
		const ran: string[] = [];
		setImmediate(() => ran.push('queued callback'));
		await turn();
		ran.push('after the turn');
		expect(ran).toEqual(['queued callback', 'after the turn']);
	});

	it('within the budget it costs nothing: no promise, no turn', () => {
		const turn = eventLoopTurns(Number.POSITIVE_INFINITY);
		expect(turn()).toBeUndefined();
	});

	it('callers waiting at once share one turn', async () => {
		const turn = eventLoopTurns(0);
		const first = turn();
		const second = turn();
		expect(first).toBeInstanceOf(Promise);
		expect(second).toBe(first);
		await first;
		// the budget counts again from the turn: a new one is due at once with a budget of 0
		expect(turn()).not.toBe(first);
	});
});
