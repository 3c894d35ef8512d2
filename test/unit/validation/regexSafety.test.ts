import { findNestedQuantifier } from '../../../nodes/MailshitSmtp/validation/regexSafety';

describe('findNestedQuantifier', () => {
	it.each([
		'^\\d{5}$',
		'^[A-Z]{2}-\\d+$',
		'(\\d{3}-?)+',
		'^(Mr|Mrs|Ms)\\.?$',
		'[\\w.+-]+@[\\w-]+\\.[\\w.]+',
		'^(\\d{1,3})$',
		'(?:ab)+',
		'(a+)?',
		'(?<year>\\d{4})-(?<month>\\d{2})',
		'(?=\\d+)x+',
		'[(a+)+]',
		'\\(a+\\)+',
		'(\\d{3}){2}',
	])('allows %s', (pattern) => {
		expect(findNestedQuantifier(pattern)).toBeUndefined();
	});

	it.each<[string, string]>([
		['^(a+)+$', '(a+)+'],
		['(\\d*)*', '(\\d*)*'],
		['^(\\w+\\s?)+$', '(\\w+\\s?)+'],
		['([a-z]{2,4})+', '([a-z]{2,4})+'],
		['(a+){10}', '(a+){10}'],
		['(a{2,})*?', '(a{2,})*?'],
		['(?:x+y)+', '(?:x+y)+'],
		['((a+)b)+', '((a+)b)+'],
		['(?<word>\\w+\\.)+', '(?<word>\\w+\\.)+'],
		['^([^@]+)+@', '([^@]+)+'],
	])('finds %s', (pattern, fragment) => {
		expect(findNestedQuantifier(pattern)).toBe(fragment);
	});
});
