/**
 * The node compiles MJML with `mjml-browser` (MJML's one-file build: no CLI, nothing that makes
 * npm warn on install). This proves it renders exactly what the official Node package `mjml`
 * of the same version renders, with the node's own options, on every template the project
 * ships or tests with: the examples, the test fixtures, every standard component, and MJML's
 * validation errors.
 *
 * Updating MJML: set `mjml-browser` (dependency) and `mjml` (devDependency) to the same new
 * version; this suite, cachedEquivalence (the cached path) and mjmlScanner (the ending tags)
 * must pass before it ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mjmlPackage from 'mjml';
import mjmlBrowser from 'mjml-browser';
import { FOOTER_PARTIAL, orderRow } from '../../../examples/orderConfirmation';
import { compileMjml, fillProgram, fillVariables, listVariables, PartialLibrary, parseProgram, parseTemplate } from '../../../nodes/MailshitSmtp/template';
import { mjmlOptions } from '../../../nodes/MailshitSmtp/template/mjmlCompile';
import { chooseFonts } from '../../../nodes/MailshitSmtp/template/mjmlFonts';
import { ALL_COMPONENTS_MJML, CACHED_TEMPLATES, NEWSLETTER_MJML, PER_ITEM_TEMPLATES } from './fixtures';
import { withoutRandomIds } from './referenceRender';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Every .mjml file under examples/, so a new example is compared without touching this file. */
function exampleTemplates(): Array<[string, string]> {
	return readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.mjml'))
		.sort()
		.map((file) => [`examples/${file}`, readFileSync(path.join(EXAMPLES, file), 'utf8')]);
}

const TEMPLATES: Array<[string, string]> = [
	...exampleTemplates(),
	['the newsletter fixture', NEWSLETTER_MJML],
	['every standard component', ALL_COMPONENTS_MJML],
	...CACHED_TEMPLATES,
	...PER_ITEM_TEMPLATES.map(([name, mjml]): [string, string] => [name, mjml]),
];

/** A value for each variable of `mjml` (dotted paths become nested objects), all set to `value`. */
function valuesFor(mjml: string, value: string): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const { name } of listVariables(mjml)) {
		const keys = name.split('.');
		let target = values;
		for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
		target[keys[keys.length - 1]] = value;
	}
	return values;
}

const TRICKY = 'Ada & <b>"Bob"</b> 🎉';

/**
 * The template filled as the node fills it. One with sections (the order confirmation) takes the
 * example's own order, with the tricky text as the customer's name; a flat one the tricky text in
 * every variable.
 */
function filledWithEscapedValues(mjml: string): string {
	if (!/\{\{\s*[#>]/.test(mjml)) return fillVariables(parseTemplate(mjml, 'template'), valuesFor(mjml, TRICKY), 'html');
	const order = orderRow(0);
	const values = { ...order, customer: { ...(order.customer as object), first_name: TRICKY } };
	return fillProgram(parseProgram(mjml, 'template', new PartialLibrary([FOOTER_PARTIAL])), values, 'html');
}

type Compile = typeof mjmlPackage;

/** The HTML, or the validator's findings when strict validation refuses the template. */
async function outcome(compile: Compile, source: string): Promise<unknown> {
	try {
		return withoutRandomIds((await compile(source, mjmlOptions(chooseFonts(source)))).html);
	} catch (error) {
		const findings = (error as { errors?: Array<{ line: number; tagName: string; message: string }> }).errors;
		if (!findings) throw error;
		return findings.map(({ line, tagName, message }) => ({ line, tagName, message }));
	}
}

describe('mjml-browser renders what the official mjml package renders', () => {
	it('is the same MJML version', () => {
		const version = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
		expect(version('mjml-browser')).toBe(version('mjml'));
	});

	it('finds the examples', () => {
		expect(exampleTemplates().map(([name]) => name)).toContain('examples/newsletter.mjml');
	});

	describe.each(TEMPLATES)('%s', (_name, mjml) => {
		// a variable where a number or colour belongs fails validation: then the findings must agree
		it('as written', async () => {
			expect(await outcome(mjmlBrowser, mjml)).toEqual(await outcome(mjmlPackage, mjml));
		});

		it('filled with escaped values', async () => {
			const filled = filledWithEscapedValues(mjml);
			expect(await outcome(mjmlBrowser, filled)).toEqual(await outcome(mjmlPackage, filled));
		});
	});

	it.each([
		['an illegal attribute and misplaced tags', '<mjml><mj-body><mj-section><mj-column><mj-text colr="red" padding="x">Hi</mj-text><mj-image /></mj-column><mj-text>outside</mj-text></mj-section></mj-body></mjml>'],
		['an unknown tag', '<mjml><mj-body><mj-section><mj-column><mj-foo>Hi</mj-foo></mj-column></mj-section></mj-body></mjml>'],
	])('refuses %s with the same findings', async (_name, mjml) => {
		const shipped = await outcome(mjmlBrowser, mjml);
		expect(Array.isArray(shipped) && shipped.length > 0).toBe(true);
		expect(shipped).toEqual(await outcome(mjmlPackage, mjml));
	});

	it.each([...exampleTemplates(), ['every standard component', ALL_COMPONENTS_MJML]])('renders %s to HTML, not to findings', async (_name, mjml) => {
		expect(await outcome(mjmlBrowser, mjml)).toEqual(expect.stringMatching(/^<!doctype html>/));
	});

	it('is the compiler the node uses', async () => {
		expect(withoutRandomIds(await compileMjml(ALL_COMPONENTS_MJML))).toBe(await outcome(mjmlPackage, ALL_COMPONENTS_MJML));
	});
});
