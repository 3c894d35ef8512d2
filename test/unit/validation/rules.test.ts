import type { ValidationResult } from '../../../nodes/MailshitSmtp/validation/errors';
import { ConfigurationError } from '../../../nodes/MailshitSmtp/shared/configurationError';
import {
	MAX_RULE_INPUT_LENGTH,
	checkVariableRules,
	compileVariableRules,
	type VariableRule,
} from '../../../nodes/MailshitSmtp/validation/rules';

const values = {
	zip: '12345',
	phone: '+49 30 1234',
	count: 7,
	active: true,
	empty: '',
	nothing: null,
	when: new Date('2024-05-01T10:00:00Z'),
	order: { id: 'A-17', lines: [{ sku: 'X1' }, { sku: 'X2', tags: ['a'] }, { sku: 'Y3', tags: ['b', 'c1'] }] },
	long: 'x'.repeat(MAX_RULE_INPUT_LENGTH + 1),
};

describe('checkVariableRules', () => {
	it.each<[string, VariableRule[]]>([
		['no rules', []],
		['matching rule', [{ variable: 'zip', pattern: '^\\d{5}$' }]],
		['number as text', [{ variable: 'count', pattern: '^\\d+$' }]],
		['boolean as text', [{ variable: 'active', pattern: '^true$' }]],
		['date as ISO 8601', [{ variable: 'when', pattern: '^2024-05-01T10:00:00\\.000Z$' }]],
		['dotted path', [{ variable: 'order.id', pattern: '^A-\\d+$' }]],
		['array index in the path', [{ variable: 'order.lines.0.sku', pattern: '^X' }]],
		['unanchored pattern matches anywhere', [{ variable: 'phone', pattern: '\\d{4}' }]],
		['missing variable is not checked', [{ variable: 'fax', pattern: '^\\d+$' }]],
		['null variable is not checked', [{ variable: 'nothing', pattern: '^\\d+$' }]],
		['several rules', [{ variable: 'zip', pattern: '^\\d+$' }, { variable: 'order.id', pattern: 'A' }]],
		['every element of a list (list.*.field)', [{ variable: 'order.lines.*.sku', pattern: '^[XY]\\d$' }]],
		['lists in lists, elements without the field skipped', [{ variable: 'order.lines.*.tags.*', pattern: '^[a-c]' }]],
		['a list that is missing checks nothing', [{ variable: 'order.returns.*.sku', pattern: '^Z' }]],
	])('passes: %s', (_case, rules) => {
		expect(checkVariableRules(values, rules)).toEqual({ ok: true });
	});

	it.each<[string, VariableRule[], ValidationResult]>([
		['no match', [{ variable: 'zip', pattern: '^\\d{4}$' }], { ok: false, failure: { field: 'zip', error: 'zip does not match the pattern /^\\d{4}$/', value: '"12345"' } }],
		[
			'custom message',
			[{ variable: 'phone', pattern: '^\\+?\\d+$', message: 'Phone numbers are digits only' }],
			{ ok: false, failure: { field: 'phone', error: 'Phone numbers are digits only', value: '"+49 30 1234"' } },
		],
		['empty string is checked', [{ variable: 'empty', pattern: '.' }], { ok: false, failure: { field: 'empty', error: 'empty does not match the pattern /./', value: '""' } }],
		[
			'first failing rule wins',
			[{ variable: 'zip', pattern: '^\\d+$' }, { variable: 'order.id', pattern: '^\\d+$' }, { variable: 'zip', pattern: 'x' }],
			{ ok: false, failure: { field: 'order.id', error: 'order.id does not match the pattern /^\\d+$/', value: '"A-17"' } },
		],
		[
			'object value',
			[{ variable: 'order', pattern: '.' }],
			{
				ok: false,
				failure: {
					field: 'order',
					error: 'order is an object or a list; a rule can only check text, numbers or booleans, so point it at a field inside (such as order.id)',
				},
			},
		],
		[
			'value over the length cap',
			[{ variable: 'long', pattern: '^x+$' }],
			{ ok: false, failure: { field: 'long', error: 'long is longer than 1000 characters, the most a validation rule checks', value: `"${'x'.repeat(80)}…"` } },
		],
		[
			'one element of a list, named by its index',
			[{ variable: 'order.lines.*.sku', pattern: '^X' }],
			{ ok: false, failure: { field: 'order.lines.2.sku', error: 'order.lines.2.sku does not match the pattern /^X/', value: '"Y3"' } },
		],
		[
			'a rule on the list itself',
			[{ variable: 'order.lines', pattern: 'X' }],
			{ ok: false, failure: { field: 'order.lines', error: 'order.lines is an object or a list; a rule can only check text, numbers or booleans, so point it at a field inside (such as order.lines.*.id)' } },
		],
	])('fails: %s', (_case, rules, expected) => {
		expect(checkVariableRules(values, rules)).toEqual(expected);
	});

	it('accepts rules compiled once per execution', () => {
		const rules = compileVariableRules([{ variable: ' zip ', pattern: '^\\d{4}$', message: 'Four digits' }]);
		expect(rules).toEqual([{ variable: 'zip', pattern: '^\\d{4}$', matcher: expect.anything(), message: 'Four digits' }]);
		expect(checkVariableRules(values, rules)).toEqual({ ok: false, failure: { field: 'zip', error: 'Four digits', value: '"12345"' } });
	});
});

describe('rules that can never work are configuration errors', () => {
	it.each<[string, VariableRule, string]>([
		['no variable', { variable: ' ', pattern: 'x' }, 'Validation rule 2 has no variable name'],
		['empty pattern', { variable: 'zip', pattern: '' }, 'Validation rule 2 (variable "zip") has an empty pattern'],
		[
			'invalid regex',
			{ variable: 'zip', pattern: '(\\d' },
			'Validation rule 2 (variable "zip"): the pattern is not a valid regular expression (Invalid regular expression: /(\\d/: Unterminated group)',
		],
		[
			'a backreference (no linear-time engine runs one)',
			{ variable: 'zip', pattern: '^(\\d)\\1$' },
			'Validation rule 2 (variable "zip"): the pattern uses what the rule engine does not run (invalid escape sequence: `\\1`): rules run in time linear in the value, so lookarounds ((?=…), (?<=…)), backreferences (\\1) and repeat counts over 1000 are not available; rewrite the pattern without them',
		],
		[
			'a lookahead',
			{ variable: 'zip', pattern: '^(?=\\d)\\w+$' },
			'Validation rule 2 (variable "zip"): the pattern uses what the rule engine does not run (invalid or unsupported Perl syntax: `(?=`): rules run in time linear in the value, so lookarounds ((?=…), (?<=…)), backreferences (\\1) and repeat counts over 1000 are not available; rewrite the pattern without them',
		],
	])('%s', (_case, badRule, message) => {
		const rules = [{ variable: 'zip', pattern: '^\\d+$' }, badRule];
		for (const run of [() => compileVariableRules(rules), () => checkVariableRules(values, rules)]) {
			expect(run).toThrow(ConfigurationError);
			expect(run).toThrow(expect.objectContaining({ field: 'rules[1]', message }));
		}
	});
});

describe('a rule costs time linear in the value, whatever the pattern', () => {
	// each of these takes minutes per value on a backtracking engine (measured with RegExp: the
	// first one over a minute at 30 characters); here every value of the length cap is answered
	it.each([
		['overlapping alternation', '^(a|a)+$'],
		['stacked quantifiers', '^\\w*\\w*\\w*\\w*\\w*\\w*\\w*\\w*$'],
		['nested quantifier', '^(\\d+)+$'],
		['nested groups with a delimiter', '^(\\w+\\.?)+@$'],
	])('%s: %s', (_case, pattern) => {
		const rules = compileVariableRules([{ variable: 'value', pattern }]);
		for (const value of ['a'.repeat(MAX_RULE_INPUT_LENGTH - 1) + '!', '1'.repeat(MAX_RULE_INPUT_LENGTH - 1) + '!']) {
			const result = checkVariableRules({ value }, rules);
			expect(result.ok).toBe(false);
		}
	});

	it('the classic patterns still mean what they meant', () => {
		const rules = compileVariableRules([
			{ variable: 'email', pattern: '^[\\w.+-]+@[\\w-]+\\.[\\w.]+$' },
			{ variable: 'title', pattern: '^(Mr|Mrs|Ms)\\.?$' },
			{ variable: 'zip', pattern: '\\b\\d{5}\\b' },
		]);
		expect(checkVariableRules({ email: 'ada.l+news@example.co.uk', title: 'Mrs', zip: 'DE 10115 Berlin' }, rules)).toEqual({ ok: true });
		expect(checkVariableRules({ email: 'ada@', title: 'Mrs', zip: '10115' }, rules).ok).toBe(false);
		expect(checkVariableRules({ email: 'a@b.c', title: 'Dr', zip: '10115' }, rules).ok).toBe(false);
	});
});
