/**
 * Keeps CHANGELOG.md in step with the version in package.json.
 *
 *   tsx scripts/changelog.ts release       npm's `version` step (run by `npm run bump -- minor`):
 *                                          the entries under "## Unreleased" become the section of
 *                                          the version npm just wrote, dated today, and an empty
 *                                          "## Unreleased" goes on top. npm commits and tags it.
 *   tsx scripts/changelog.ts check <tag>   the publish workflow: the tag is v<version> and the
 *                                          changelog has that version's section, complete.
 *
 * An entry that still says TO COMPLETE stops both: an unfinished line is not released.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
const CHANGELOG = path.join(ROOT, 'CHANGELOG.md');
const UNRELEASED = '## Unreleased';
const UNFINISHED = 'TO COMPLETE';

/** The text of the section under `heading` (a line starting with it), up to the next "## ". */
function section(text: string, heading: string): { start: number; end: number; body: string } | undefined {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line === heading || line.startsWith(`${heading} `));
	if (start === -1) return undefined;
	let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
	if (end === -1) end = lines.length;
	return { start, end, body: lines.slice(start + 1, end).join('\n') };
}

function complaintsAbout(body: string, name: string): string[] {
	const complaints: string[] = [];
	if (!/^\s*- /m.test(body)) complaints.push(`${name} has no entries`);
	if (body.includes(UNFINISHED)) complaints.push(`${name} still has entries marked ${UNFINISHED}`);
	return complaints;
}

/** CHANGELOG.md with the Unreleased entries moved under `version`, dated `date`. */
function stampRelease(text: string, version: string, date: string): string {
	if (section(text, `## ${version}`)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
	const unreleased = section(text, UNRELEASED);
	if (!unreleased) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`);
	const complaints = complaintsAbout(unreleased.body, `"${UNRELEASED}"`);
	if (complaints.length) throw new Error(`CHANGELOG.md: ${complaints.join('; ')}`);
	const lines = text.split('\n');
	lines.splice(unreleased.start, 1, UNRELEASED, '', `## ${version} — ${date}`);
	return lines.join('\n');
}

/** Why `tag` may not be published with this CHANGELOG.md and `version`; empty when it may. */
function releaseProblems(text: string, version: string, tag: string): string[] {
	const problems: string[] = [];
	if (tag !== `v${version}`) problems.push(`the tag ${tag} is not v${version}, the version in package.json`);
	const released = section(text, `## ${version}`);
	if (!released) problems.push(`CHANGELOG.md has no section "## ${version} — <date>": version with \`npm run bump\`, not plain \`npm version\``);
	else problems.push(...complaintsAbout(released.body, `The section of ${version}`));
	return problems;
}

function packageVersion(): string {
	return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function main(): void {
	const [command, tag] = process.argv.slice(2);
	const text = readFileSync(CHANGELOG, 'utf8');
	if (command === 'release') {
		const version = packageVersion();
		writeFileSync(CHANGELOG, stampRelease(text, version, new Date().toISOString().slice(0, 10)));
		console.log(`CHANGELOG.md: the Unreleased entries are now ${version}`);
	} else if (command === 'check' && tag) {
		const problems = releaseProblems(text, packageVersion(), tag);
		if (problems.length) throw new Error(problems.join('\n'));
		console.log(`${tag}: package.json and CHANGELOG.md agree`);
	} else {
		throw new Error('usage: tsx scripts/changelog.ts release | check <tag>');
	}
}

try {
	main();
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
}
