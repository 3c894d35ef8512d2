/**
 * A number option as n8n hands it over. The editor keeps a typed number inside its bounds, but
 * an expression can return anything ("abc", "", an object, 1e9): NaN in Retries would retry for
 * ever, 0 connections would start no lane at all. So a value from an expression is checked
 * against the same bounds as a typed one and refused by name, never clamped into something else.
 */
import { fail, ok, type Result } from '../shared/result';
import { quoteForMessage } from './messageText';

export interface NumberSetting {
	/** The option's name as the user sees it: "Retries". */
	label: string;
	min: number;
	max: number;
	/** Used when the option is not set (undefined, null or an empty string). */
	fallback: number;
	integer?: boolean;
}

export function readNumberSetting(value: unknown, setting: NumberSetting): Result<number, string> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return ok(setting.fallback);
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	const kind = setting.integer ? 'a whole number' : 'a number';
	if (Number.isFinite(number) && (!setting.integer || Number.isInteger(number)) && number >= setting.min && number <= setting.max) return ok(number);
	const shown = typeof value === 'string' ? quoteForMessage(value) : typeof value === 'number' ? String(value) : `a value of type ${Array.isArray(value) ? 'array' : typeof value}`;
	return fail(`${setting.label} must be ${kind} from ${setting.min} to ${setting.max} (got ${shown})`);
}
