/**
 * What the engine decided, told where n8n shows it: the execution hints above the node's output
 * (as Postgres v2 reports its query batching): templates that had to be compiled per item,
 * which is the slow path a user can usually avoid by moving a variable, how many structures
 * the sections of a template gave (each compiled once), and messages signed for a domain their
 * From does not align with.
 */
import type { NodeExecutionHint } from 'n8n-workflow';
import { misalignmentWarning } from '../smtp/dkim/alignment';
import type { DkimSettings } from '../smtp/dkim/dkimSettings';
import { MAX_STRUCTURES, type CompiledTemplate } from '../template';
import { domainOf } from '../validation/addresses';

export function templateHints(templates: readonly CompiledTemplate[]): NodeExecutionHint[] {
	const hints: NodeExecutionHint[] = [];
	for (const template of templates) {
		const { compiles, perItemRenders, cachedRenders, structures } = template.stats;
		if (template.sectioned && template.format === 'mjml' && structures > 1) {
			const again = structures > MAX_STRUCTURES ? ` More than ${MAX_STRUCTURES} structures are not kept at once, so some were compiled again.` : '';
			hints.push({
				type: 'info',
				location: 'outputPane',
				message: `The template's sections gave ${structures} different structures (list lengths, branches taken), each compiled once: ${compiles} MJML compiles for ${cachedRenders + perItemRenders} items.${again}`,
			});
		}
		if (template.mode === 'per-item' && perItemRenders > 0) {
			hints.push({
				type: 'info',
				location: 'outputPane',
				message: `The MJML template was compiled for each item (${compiles} compiles) because ${template.perItemReason ?? 'of where its variables are'}; templates whose variables sit only in text and in href/src/alt/title are compiled once.`,
			});
		} else if (template.mode === 'cached' && perItemRenders > 0) {
			hints.push({
				type: 'info',
				location: 'outputPane',
				message: `${perItemRenders} item${perItemRenders === 1 ? ' was' : 's were'} compiled on its own because its values change how MJML renders (outer spaces, "true"/"false" attributes, raw markup or a font-family); the other items used the template compiled once.`,
			});
		}
	}
	return hints;
}

/**
 * One warning per From domain the DKIM signature does not align with: those messages are signed
 * and sent, but a receiver's DMARC check counts them as unsigned.
 */
export function dkimAlignmentHints(dkim: DkimSettings | undefined, fromAddresses: readonly string[]): NodeExecutionHint[] {
	if (!dkim) return [];
	const itemsByDomain = new Map<string, number>();
	for (const address of fromAddresses) {
		const domain = domainOf(address).toLowerCase();
		itemsByDomain.set(domain, (itemsByDomain.get(domain) ?? 0) + 1);
	}
	const hints: NodeExecutionHint[] = [];
	for (const [domain, items] of itemsByDomain) {
		const warning = misalignmentWarning(dkim.domain, domain, `the From of ${items} item${items === 1 ? '' : 's'}`);
		if (warning) hints.push({ type: 'warning', location: 'outputPane', message: `${warning}.` });
	}
	return hints;
}
