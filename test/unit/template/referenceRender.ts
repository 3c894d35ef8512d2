/**
 * The definition the cached path must meet: fill the MJML with HTML-escaped values, then compile.
 * (Web fonts are chosen from the template, as the node does for both paths.)
 */
import { compileMjml, fillVariables, parseTemplate } from '../../../nodes/MailshitSmtp/template';
import { chooseFonts } from '../../../nodes/MailshitSmtp/template/mjmlFonts';

export function referenceRender(mjml: string, values: Record<string, unknown>): Promise<string> {
	return compileMjml(fillVariables(parseTemplate(mjml, 'template'), values, 'html'), { fonts: chooseFonts(mjml) });
}

/** mj-carousel and mj-navbar draw a random id on every compile; equal output means equal up to those ids. */
export function withoutRandomIds(html: string): string {
	return html.replace(/\b[0-9a-f]{16}\b/g, 'RANDOM');
}
