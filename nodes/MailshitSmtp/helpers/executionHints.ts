/**
 * What the engine decided, told where n8n shows it: the execution hints above the node's output
 * (as Postgres v2 reports its query batching). Today: templates that had to be compiled per item,
 * which is the slow path a user can usually avoid by moving a variable.
 */
import type { NodeExecutionHint } from 'n8n-workflow';
import type { CompiledTemplate } from '../template';

export function templateHints(templates: readonly CompiledTemplate[]): NodeExecutionHint[] {
	const hints: NodeExecutionHint[] = [];
	for (const template of templates) {
		const { compiles, perItemRenders } = template.stats;
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
