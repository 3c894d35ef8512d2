import { updateDisplayOptions, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { renderOptionFields } from '../descriptions/render.fields';
import { templateFields } from '../descriptions/template.fields';
import { validationFailed, type CallbackResult } from '../results';
import { createTemplateCache, type TemplateCache } from '../template';
import { fail, ok } from '../shared/result';
import type { ValidationFailure, ValidationResult } from '../validation/errors';
import { templateHints } from '../helpers/executionHints';
import { ItemParameters } from '../helpers/itemParameters';
import { itemValidationError, resultItems, unexpectedError } from '../helpers/nodeOutput';
import { expressionModeProblem, readTemplateSpec, templateFailure } from '../helpers/templateSource';
import { readVariables } from '../helpers/variableValues';
import { ParsedTemplates, resolveSubject } from '../helpers/headerTemplates';

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: ['render'] } }, [
	...templateFields,
	...renderOptionFields,
]);

interface RenderOptions {
	includeVariables?: boolean;
	useItemOverrides?: boolean;
}

async function renderItem(
	node: INode,
	params: ItemParameters,
	templates: TemplateCache,
	parsed: ParsedTemplates,
	index: number,
	item: INodeExecutionData,
	options: RenderOptions,
	sharedProblem: ValidationFailure | undefined,
): Promise<ValidationResult<CallbackResult>> {
	if (sharedProblem) return fail(sharedProblem);
	const variables = readVariables(params, index, item);
	if (!variables.ok) return variables;
	const subject = resolveSubject(params, parsed, index, variables.value, options.useItemOverrides === false ? undefined : item.json);
	if (!subject.ok) return subject;
	try {
		const template = await templates.get(readTemplateSpec(params, index));
		const rendered = await template.render(variables.value);
		const result: CallbackResult = { success: true, type: 'callback', html: rendered.html ?? '', text: rendered.text, subject: subject.value };
		return ok(options.includeVariables ? { ...result, variables: template.variables } : result);
	} catch (error) {
		const failure = templateFailure(error);
		if (failure) return fail(failure);
		throw unexpectedError(node, error, index);
	}
}

/**
 * Render only (mailshit's callback output): the same template path as Send, no credential, no
 * network. Useful to preview, or to hand html/text/subject to another sender.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// once: getNode() deep-copies the node, template included
	const node = this.getNode();
	const resultItem = resultItems(node);
	const params = new ItemParameters(this);
	const templates = createTemplateCache();
	const parsed = new ParsedTemplates();
	const sharedProblem = expressionModeProblem(params);
	const output: INodeExecutionData[] = [];

	for (let index = 0; index < items.length; index++) {
		const options = params.get<RenderOptions>('renderOptions', index, {});
		const outcome = await renderItem(node, params, templates, parsed, index, items[index], options, sharedProblem);
		if (outcome.ok) {
			output.push(resultItem(index, outcome.value));
			continue;
		}
		if (!this.continueOnFail()) throw itemValidationError(node, index, outcome.failure);
		output.push(resultItem(index, validationFailed(outcome.failure)));
	}
	this.addExecutionHints(...templateHints(templates.compiled));
	return [output];
}
