import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import { ANSWER_VARIABLE } from '../actions/sendAndWait/answerPlacement';
import { listVariables } from '../template';

/**
 * The variables of the template being edited, for the Validation Rules picker: this is where the
 * editor shows a template's variables with their defaults.
 */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const sources = ['template', 'textTemplate', 'subject'].map((name) => this.getCurrentNodeParameter(name));
	// an expression is only known per item at run time; list what the fixed parts say
	const text = sources.filter((source): source is string => typeof source === 'string' && !source.startsWith('=')).join('\n');
	let variables;
	try {
		variables = listVariables(text);
	} catch {
		// a template mid-edit (an unclosed {{) has no variable list yet; the picker stays empty
		return [];
	}
	// in Send and Wait, {{_answer}} marks where the buttons go: it is not filled from the item
	if (this.getCurrentNodeParameter('operation') === SEND_AND_WAIT_OPERATION) variables = variables.filter((variable) => variable.name !== ANSWER_VARIABLE);
	return variables.map((variable) => ({
		name: variable.name,
		value: variable.name,
		description: variable.required ? 'Required' : `Default: "${variable.default ?? ''}"`,
	}));
}
