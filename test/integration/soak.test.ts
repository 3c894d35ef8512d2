import { runSoak } from '../helpers/soak';

describe('soak (100 messages): faults injected, nothing lost, nothing twice', () => {
	it('10 % transient, 2 % dropped, 3 % permanent', async () => {
		// 3 % rather than the soak's 1 % so that 100 messages surely include refusals
		const counts = await runSoak({ messages: 100, seed: 7, permanentRate: 0.03 });
		expect(counts).toMatchObject({
			messages: 100,
			transientInjected: 10,
			droppedInjected: 2,
			permanentFailures: 3,
			sent: 97,
			retried: 12,
			permanentRetried: 0,
			otherFailures: 0,
			duplicates: 0,
			lost: 0,
			withoutResult: 0,
			poolClosed: true,
		});
	});
});
