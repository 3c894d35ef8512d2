/**
 * MJML → HTML, locked down and with errors in our own words.
 *
 * The compiler is `mjml-browser`: MJML's own build of mjml-core + the standard components +
 * the validator as one file, pinned to the exact version of the official `mjml` package that
 * the tests compare it with (test/unit/template/mjmlPackageEquivalence.test.ts). It renders
 * the same HTML, but without mjml-cli, without js-beautify's command line (whose `nopt` makes
 * npm warn on Node 20) and without the file loaders (mj-include, .mjmlconfig): a smaller
 * install with nothing to warn about. It leaves `cheerio` to its host, hence our dependency on it.
 *
 * Locked down: a template is data from a workflow, so compiling it must not read files, load
 * code or reach the network.
 *  - <mj-include> is refused before MJML sees it (and `ignoreIncludes` is set besides), so no
 *    path or URL in a template is ever opened;
 *  - no `mjmlConfigPath` / `useMjmlConfigOptions`: MJML would read .mjmlconfig and `require()`
 *    the components it lists;
 *  - no `skeleton` string: MJML would `require()` that path;
 *  - `filePath: ''`: MJML otherwise lstat()s a path to resolve includes against;
 *  - `fonts`: only families the template names (see mjmlFonts.ts). Font URLs are written into
 *    the HTML as <link> tags, never fetched by MJML; juice (mj-style inline) is run on the
 *    document only, without fetching stylesheets.
 *
 * Errors: MJML's formattedMessage reads "Line 1 of /the/server/cwd (mj-image) — …", which leaks
 * the server's working directory and, for a template we substituted, points at a line the
 * user never saw. We rebuild "Line 4 (mj-image): …" from the parts, mapped to the user's lines.
 */
import mjml2html from 'mjml-browser';
import { MjmlValidationError, TemplateError, type MjmlProblem, type SourcePosition } from './errors';
import { chooseFonts } from './mjmlFonts';
import { scanMjml } from './mjmlScanner';
import { formatPosition, positionAt } from './sourcePosition';

type MjmlOptions = NonNullable<Parameters<typeof mjml2html>[1]>;

export interface CompileMjmlOptions {
	/** Field named in errors; default 'template'. */
	field?: string;
	/** Maps an offset in `source` to the user's template, when `source` is a substituted version of it. */
	locate?: (offset: number) => SourcePosition;
	/** Web fonts MJML may link; default: chosen from `source` (chooseFonts). */
	fonts?: Record<string, string>;
}

export async function compileMjml(source: string, options: CompileMjmlOptions = {}): Promise<string> {
	const field = options.field ?? 'template';
	const locate = options.locate ?? ((offset: number) => positionAt(source, offset));
	rejectIncludes(source, field, locate);
	scanMjml(source, { field, locate });
	return compileScannedMjml(source, field, locate, options.fonts);
}

/**
 * compileMjml without its rejectIncludes and scanMjml: mjml2html with our options and errors.
 * Only for a caller that has just run both on this same text with the same field and locate
 * (prepareMjmlBody), so a source of up to 1 MB is not scanned twice; anything else goes through
 * compileMjml. Not exported from the template index.
 */
export async function compileScannedMjml(
	source: string,
	field: string,
	locate: (offset: number) => SourcePosition,
	fonts: Record<string, string> | undefined,
): Promise<string> {
	try {
		const result = await mjml2html(source, mjmlOptions(fonts ?? chooseFonts(source)));
		return result.html;
	} catch (error) {
		throw toTemplateError(error, source, field, locate);
	}
}

/**
 * The options of every compile. Exported so the test that compares the shipped bundle
 * (mjml-browser) with the official Node package (mjml) hands both exactly these.
 */
export function mjmlOptions(fonts: Record<string, string>): MjmlOptions {
	return {
		// Our own error instead of MJML rendering a document with parts missing.
		validationLevel: 'strict',
		ignoreIncludes: true,
		filePath: '',
		actualPath: 'template',
		useMjmlConfigOptions: false,
		fonts: { ...fonts },
		// Both are post-passes over the whole document (htmlnano + cssnano, or js-beautify) that
		// cost more than the compile itself, and mail clients gain nothing from either;
		// minifying also rewrites whitespace in ways the cached path would have to replay.
		minify: false,
		beautify: false,
	};
}

const MJ_INCLUDE = /<mj-include\b/gi;

/** Anywhere in the text, comments included: the refusal must not depend on how MJML would parse around it. */
export function rejectIncludes(source: string, field: string, locate: (offset: number) => SourcePosition): void {
	MJ_INCLUDE.lastIndex = 0;
	const match = MJ_INCLUDE.exec(source);
	if (!match) return;
	const position = locate(match.index);
	throw new TemplateError(
		`mj-include is disabled: templates cannot read files or URLs (line ${formatPosition(position)}); put the shared part in the node's Partials and write {{> name}} instead`,
		field,
		position,
	);
}

interface MjmlValidatorEntry {
	line?: number;
	tagName?: string;
	message?: string;
}

function toTemplateError(error: unknown, source: string, field: string, locate: (offset: number) => SourcePosition): TemplateError {
	const entries = (error as { errors?: unknown } | null)?.errors;
	if (Array.isArray(entries) && entries.length > 0) {
		const problems: MjmlProblem[] = (entries as MjmlValidatorEntry[]).map((entry) => {
			const position = entry.line ? locate(lineStart(source, entry.line)) : { line: 0 };
			return {
				line: position.line,
				...('partial' in position && position.partial !== undefined && { partial: position.partial }),
				tagName: entry.tagName ?? 'mjml',
				message: scrubPaths(String(entry.message ?? 'invalid')).trim(),
			};
		});
		return new MjmlValidationError(problems, field);
	}
	const message = error instanceof Error ? error.message : String(error);
	return new TemplateError(`MJML could not compile the template: ${scrubPaths(message)}`, field);
}

/** Offset where 1-based `line` begins. */
function lineStart(source: string, line: number): number {
	let offset = 0;
	for (let current = 1; current < line; current++) {
		const next = source.indexOf('\n', offset);
		if (next === -1) break;
		offset = next + 1;
	}
	return offset;
}

/** The server's working directory is nobody's business in an error shown in a workflow. */
function scrubPaths(message: string): string {
	const cwd = process.cwd();
	return cwd.length > 1 ? message.split(cwd).join('.') : message;
}
