/**
 * Limit Wait Time: when the wait for an answer ends. Pure: no n8n imports.
 *
 * The option has the shape of n8n's own (a fixed collection `values` with limitType, resumeAmount
 * and resumeUnit, or maxDateAndTime). A date typed in the editor has no offset ("2026-03-01T09:00:00")
 * and means that wall-clock time in the workflow's time zone, so it is read in that zone; an
 * expression may give an ISO string with offset, a Date, epoch milliseconds or a Luxon DateTime.
 */
import { fail, ok, type Result } from '../../shared/result';

export interface WaitLimitValues {
	limitType?: string;
	resumeAmount?: number;
	resumeUnit?: string;
	maxDateAndTime?: unknown;
}

const UNIT_MS: Readonly<Record<string, number>> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The end of the wait, undefined without a limit; a failure says what is wrong with the setting. */
export function waitDeadline(limit: WaitLimitValues | undefined, now: number, timeZone: string): Result<Date | undefined, string> {
	if (!limit) return ok(undefined);
	const type = limit.limitType ?? 'afterTimeInterval';
	if (type === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = UNIT_MS[limit.resumeUnit ?? 'hours'];
		if (!unit) return fail(`Unit must be minutes, hours or days, not "${String(limit.resumeUnit)}"`);
		if (!Number.isFinite(amount) || amount <= 0) return fail(`Amount must be a number above 0, not "${String(limit.resumeAmount)}"`);
		return ok(new Date(now + Math.round(amount * unit)));
	}
	if (type === 'atSpecifiedTime') {
		const at = toInstant(limit.maxDateAndTime, timeZone);
		if (at === undefined) return fail(`Max Date and Time "${String(limit.maxDateAndTime)}" is not a date and time`);
		// an email whose links are dead on arrival helps nobody: say so before sending it
		if (at <= now) return fail(`Max Date and Time ${new Date(at).toISOString()} is in the past: the wait would end before the email arrives`);
		return ok(new Date(at));
	}
	return fail(`Limit Type must be afterTimeInterval or atSpecifiedTime, not "${type}"`);
}

function toInstant(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return valid(value.getTime());
	if (typeof value === 'number') return valid(value);
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return valid((value as { toMillis(): number }).toMillis());
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/.exec(text);
	if (local) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = local;
		return wallClockInZone([+y, +mo, +d, +h, +mi, +s, +ms.padEnd(3, '0')], timeZone);
	}
	return valid(Date.parse(text));
}

function valid(ms: number): number | undefined {
	return Number.isFinite(ms) ? ms : undefined;
}

/** The instant at which the clocks of `timeZone` show this date and time. */
export function wallClockInZone(parts: readonly [number, number, number, number, number, number, number], timeZone: string): number | undefined {
	const [year, month, day, hour, minute, second, ms] = parts;
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	if (!Number.isFinite(asUtc)) return undefined;
	// The zone's offset at the guess, then once more at the corrected instant (a DST change between them).
	let instant = asUtc - offsetOf(asUtc, timeZone);
	instant = asUtc - offsetOf(instant, timeZone);
	return instant;
}

/** How far the zone's clocks are ahead of UTC at this instant, in ms. */
function offsetOf(instant: number, timeZone: string): number {
	let formatter: Intl.DateTimeFormat;
	try {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		return 0; // an unknown zone name: read the time as UTC
	}
	const part: Record<string, number> = {};
	for (const { type, value } of formatter.formatToParts(new Date(instant))) part[type] = Number(value);
	const shown = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
	return shown - (instant - (instant % 1000 + 1000) % 1000);
}
