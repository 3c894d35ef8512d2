import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import { ANSWER_VARIABLE } from '../actions/sendAndWait/answerPlacement';
import { listVariables, parseProgram, PartialLibrary, type PartialDefinition, type TemplateProgram, type TemplateVariable } from '../template';

/**
 * The variables of the template being edited, for the Validation Rules picker: this is where the
 * editor shows a template's variables with their defaults. Sections are understood: a field of
 * each list element is offered as `order.items.*.sku` (a rule on it checks every element), the
 * list itself and the names {{#if}} tests are marked as such.
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fromFile = this.getCurrentNodeParameter('templateSource') === 'binary';
	// an expression is only known per item at run time; list what the fixed parts say (a template
	// read from a file is only known at run time too)
	const fixed = (name: string) => {
		const value = this.getCurrentNodeParameter(name);
		return typeof value === 'string' && !value.startsWith('=') ? value : undefined;
	};
	let variables: TemplateVariable[];
	try {
		const partials = new PartialLibrary(fixedPartials(this.getCurrentNodeParameter('partials')));
		const programs: TemplateProgram[] = [];
		for (const name of [...(fromFile ? [] : ['template']), 'textTemplate', 'subject']) {
			const source = fixed(name);
			if (source) programs.push(parseProgram(source, name, partials));
		}
		variables = listVariables(programs);
	} catch {
		// a template mid-edit (an unclosed {{ or {{#each}}) has no variable list yet; the picker stays empty
		return [];
	}
	// in Send and Wait, {{_answer}} marks where the buttons go: it is not filled from the item
	if (this.getCurrentNodeParameter('operation') === SEND_AND_WAIT_OPERATION) variables = variables.filter((variable) => variable.name !== ANSWER_VARIABLE);
	// a list itself is no text to match: its elements' fields (list.*.field) are offered instead
	return variables.filter((variable) => variable.usage !== 'list').map((variable) => ({ name: variable.name, value: variable.name, description: describe(variable) }));
}

function describe(variable: TemplateVariable): string {
	if (variable.usage === 'condition') return 'Tested by {{#if}} / {{#unless}}; may be missing';
	const each = variable.name.includes('.*') ? ', checked in every element of the list' : '';
	return variable.required ? `Required${each}` : `Default: "${variable.default ?? ''}"${each}`;
}

function fixedPartials(value: unknown): PartialDefinition[] {
	const list = (value as { partial?: unknown } | undefined)?.partial;
	if (!Array.isArray(list)) return [];
	return (list as Array<{ name?: unknown; content?: unknown }>)
		.filter((partial) => typeof partial?.content === 'string' && !partial.content.startsWith('='))
		.map((partial) => ({ name: String(partial.name ?? ''), content: String(partial.content) }));
}
