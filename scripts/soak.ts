/**
 * `npm run soak`: 1,000 messages (or the number given) through the node, with 10 % transient
 * faults, 2 % dropped connections and 1 % permanent refusals injected by the SMTP sink. Prints
 * the counts and exits non-zero if anything was lost, duplicated, retried wrongly or left without a result.
 */
import { runSoak } from '../test/helpers/soak';

async function main(): Promise<void> {
	const messages = Number(process.argv[2] ?? 1000);
	console.log(`soak: ${messages} messages, 10 % transient faults, 2 % dropped connections, 1 % permanent refusals`);
	const counts = await runSoak({ messages });
	console.table(counts);
	const problems = [
		counts.duplicates && `${counts.duplicates} duplicates`,
		counts.lost && `${counts.lost} lost`,
		counts.withoutResult && `${counts.withoutResult} items without a result`,
		counts.permanentRetried && `${counts.permanentRetried} permanent failures retried`,
		counts.otherFailures && `${counts.otherFailures} unexpected failures`,
		!counts.poolClosed && 'the pool was left open',
	].filter(Boolean);
	if (problems.length) {
		console.error(`FAILED: ${problems.join(', ')}`);
		process.exitCode = 1;
	} else {
		console.log(`OK: every transient fault retried and delivered exactly once, every 550 reported and never retried (${counts.seconds.toFixed(1)} s)`);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
