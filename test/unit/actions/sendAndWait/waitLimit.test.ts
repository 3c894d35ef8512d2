import { waitDeadline } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/waitLimit';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const at = (maxDateAndTime: unknown, zone = 'UTC') => waitDeadline({ limitType: 'atSpecifiedTime', maxDateAndTime }, NOW, zone);
const after = (resumeAmount: unknown, resumeUnit: string) => waitDeadline({ limitType: 'afterTimeInterval', resumeAmount: resumeAmount as number, resumeUnit }, NOW, 'UTC');

describe('Limit Wait Time', () => {
	it('no limit: no deadline (n8n then waits indefinitely)', () => {
		expect(waitDeadline(undefined, NOW, 'UTC')).toEqual({ ok: true, value: undefined });
	});

	it.each([
		[45, 'minutes', '2026-03-01T12:45:00.000Z'],
		[1.5, 'hours', '2026-03-01T13:30:00.000Z'],
		[2, 'days', '2026-03-03T12:00:00.000Z'],
	])('after %s %s', (amount, unit, expected) => {
		expect(after(amount, unit)).toEqual({ ok: true, value: new Date(expected) });
	});

	it.each([
		['a date typed in the editor means wall-clock time in the workflow zone', '2026-03-01T15:00:00', 'Europe/Berlin', '2026-03-01T14:00:00.000Z'],
		['across a DST change (Berlin, summer time)', '2026-07-01T09:30:00', 'Europe/Berlin', '2026-07-01T07:30:00.000Z'],
		['New York in winter', '2026-03-01 09:00', 'America/New_York', '2026-03-01T14:00:00.000Z'],
		['an ISO string with an offset keeps it', '2026-03-01T19:00:00+05:00', 'Europe/Berlin', '2026-03-01T14:00:00.000Z'],
		['a date without time: midnight in the zone', '2026-03-02', 'Europe/Berlin', '2026-03-01T23:00:00.000Z'],
		['an unknown zone reads as UTC', '2026-03-01T15:00:00', 'Mars/Olympus', '2026-03-01T15:00:00.000Z'],
	])('%s', (_case, value, zone, expected) => {
		expect(at(value, zone)).toEqual({ ok: true, value: new Date(expected) });
	});

	it('takes what expressions give: a Date, epoch ms, a Luxon DateTime', () => {
		const later = NOW + 60_000;
		for (const value of [new Date(later), later, { toMillis: () => later }]) expect(at(value)).toEqual({ ok: true, value: new Date(later) });
	});

	it.each([
		['a time in the past', at('2026-03-01T11:59:59'), 'is in the past'],
		['now itself', at(NOW), 'is in the past'],
		['not a date', at('next tuesday'), 'is not a date and time'],
		['empty', at(''), 'is not a date and time'],
		['an amount of 0', after(0, 'hours'), 'Amount must be a number above 0'],
		['a negative amount', after(-1, 'hours'), 'Amount must be a number above 0'],
		['an unknown unit', after(1, 'weeks'), 'Unit must be minutes, hours or days'],
		['an unknown limit type', waitDeadline({ limitType: 'forever' }, NOW, 'UTC'), 'Limit Type must be'],
	])('refuses %s', (_case, result, message) => {
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.failure).toContain(message);
	});
});
