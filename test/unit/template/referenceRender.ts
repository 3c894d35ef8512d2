/**
 * The definition the cached path must meet: expand the sections for these values, fill the MJML
 * with values encoded for where they stand, then compile. (Web fonts are chosen from the
 * template as expanded, as the node does for both paths.)
 */
import { compileMjml, expandProgram, fillProgram, parseProgram, PartialLibrary, type PartialDefinition } from '../../../nodes/MailshitSmtp/template';
import { chooseFonts } from '../../../nodes/MailshitSmtp/template/mjmlFonts';

export async function referenceRender(mjml: string, values: Record<string, unknown>, partials: readonly PartialDefinition[] = []): Promise<string> {
	const program = parseProgram(mjml, 'template', new PartialLibrary(partials));
	const filled = fillProgram(program, values, 'html');
	return compileMjml(filled, { fonts: chooseFonts(expandProgram(program, values).parsed.source) });
}

/** mj-carousel and mj-navbar draw a random id on every compile; equal output means equal up to those ids. */
export function withoutRandomIds(html: string): string {
	return html.replace(/\b[0-9a-f]{16}\b/g, 'RANDOM');
}
