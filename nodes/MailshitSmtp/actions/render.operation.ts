import { updateDisplayOptions, type IBinaryKeyData, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { renderOptionFields } from '../descriptions/render.fields';
import { templateFields } from '../descriptions/template.fields';
import { validationFailed, type CallbackResult } from '../results';
import { createTemplateCache, type TemplateCache } from '../template';
import { fail, ok } from '../shared/result';
import type { ValidationFailure, ValidationResult } from '../validation/errors';
import { templateHints } from '../helpers/executionHints';
import { ItemParameters } from '../helpers/itemParameters';
import { itemValidationError, resultItems, unexpectedError } from '../helpers/nodeOutput';
import { emailFiles, type EmailFiles } from '../helpers/emailFiles';
import { expressionModeProblem, templateFailure, TemplateSources } from '../helpers/templateSource';
import { readVariables } from '../helpers/variableValues';
import { ParsedTemplates, resolveSubject } from '../helpers/headerTemplates';

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: ['render'] } }, [
	...templateFields,
	...renderOptionFields,
]);

interface RenderOptions {
	includeVariables?: boolean;
	useItemOverrides?: boolean;
	emailFiles?: EmailFiles;
	urlSchemes?: string;
}

interface RenderContext {
	exec: IExecuteFunctions;
	node: INode;
	params: ItemParameters;
	sources: TemplateSources;
	templates: TemplateCache;
	parsed: ParsedTemplates;
	sharedProblem: ValidationFailure | undefined;
}

type Rendered = { result: CallbackResult; binary?: IBinaryKeyData };

async function renderItem(context: RenderContext, index: number, item: INodeExecutionData, options: RenderOptions): Promise<ValidationResult<Rendered>> {
	const { params } = context;
	if (context.sharedProblem) return fail(context.sharedProblem);
	const variables = readVariables(params, index, item);
	if (!variables.ok) return variables;
	const subject = resolveSubject(params, context.parsed, index, variables.value, options.useItemOverrides === false ? undefined : item.json);
	if (!subject.ok) return subject;
	const spec = await context.sources.read(index, item, options.urlSchemes);
	if (!spec.ok) return spec;
	try {
		const template = await context.templates.get(spec.value);
		const rendered = await template.render(variables.value);
		const result: CallbackResult = { success: true, type: 'callback', html: rendered.html ?? '', text: rendered.text, subject: subject.value };
		// the .eml of a preview: what Send would compose from it, without addresses
		const binary = await emailFiles(context.exec, options.emailFiles ?? 'html', { subject: subject.value, ...rendered });
		return ok({ result: options.includeVariables ? { ...result, variables: template.variables } : result, ...(binary && { binary }) });
	} catch (error) {
		const failure = templateFailure(error);
		if (failure) return fail(failure);
		throw unexpectedError(context.node, error, index);
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
	const context: RenderContext = {
		exec: this,
		node,
		params,
		sources: new TemplateSources(this, params),
		templates: createTemplateCache(),
		parsed: new ParsedTemplates(),
		sharedProblem: expressionModeProblem(params),
	};
	const output: INodeExecutionData[] = [];

	for (let index = 0; index < items.length; index++) {
		const options = params.get<RenderOptions>('renderOptions', index, {});
		const outcome = await renderItem(context, index, items[index], options);
		if (outcome.ok) {
			const { result, binary } = outcome.value;
			output.push({ ...resultItem(index, result), ...(binary && { binary }) });
			continue;
		}
		if (!this.continueOnFail()) throw itemValidationError(node, index, outcome.failure);
		output.push(resultItem(index, validationFailed(outcome.failure)));
	}
	this.addExecutionHints(...templateHints(context.templates.compiled));
	return [output];
}
