/**
 * Which template an item uses, read from the node's parameters (or from a file of the input
 * item), and what a template problem means for that item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { Memo } from '../shared/memo';
import { fail, ok } from '../shared/result';
import { MAX_TEMPLATE_BYTES, MissingVariablesError, TemplateError, type PartialDefinition, type TemplateFormat, type TemplateSpec } from '../template';
import { findSwallowedVariables, swallowedVariablesMessage } from '../template/expressionMode';
import type { ValidationFailure, ValidationResult } from '../validation/errors';
import { availableBinaryProperties, binarySize, ownBinary } from './binaryData';
import type { ItemParameters } from './itemParameters';

const BINARY_FIELD = 'templateBinaryProperty';

/**
 * The template parameters of each item (they may be expressions: a template per item is fine),
 * for one execution. A template file is decoded once per file, not once per item.
 */
export class TemplateSources {
	/** Decoded template files by their binary data id (or, held in memory, their base64 text). */
	private readonly files = new Memo<string, Promise<ValidationResult<string>>>(16);

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly params: ItemParameters,
	) {}

	/** `urlSchemes`: the URL Schemes option of the operation, as typed ("tel, sms"). */
	async read(itemIndex: number, item: INodeExecutionData, urlSchemes: unknown): Promise<ValidationResult<TemplateSpec>> {
		const { params } = this;
		const format = params.get<TemplateFormat>('templateFormat', itemIndex, 'mjml');
		const fromFile = params.get<string>('templateSource', itemIndex, 'parameter') === 'binary';
		const body = fromFile ? await this.readFile(itemIndex, item, format) : ok(params.get<string>('template', itemIndex, ''));
		if (!body.ok) return body;
		const custom = format !== 'text' && params.get<string>('textMode', itemIndex, 'auto') === 'custom';
		const textTemplate = custom ? params.get<string>('textTemplate', itemIndex, '') : undefined;
		const partials = params.get<{ partial?: PartialDefinition[] }>('partials', itemIndex, {}).partial;
		const schemes = typeof urlSchemes === 'string' ? urlSchemes.split(',').filter((scheme) => scheme.trim()) : [];
		return ok({
			format,
			body: body.value,
			...(textTemplate && { textTemplate }),
			...(partials?.length && { partials }),
			...(schemes.length && { urlSchemes: schemes }),
		});
	}

	private async readFile(itemIndex: number, item: INodeExecutionData, format: TemplateFormat): Promise<ValidationResult<string>> {
		const property = String(this.params.get<string>(BINARY_FIELD, itemIndex, 'data') ?? '').trim();
		const binary = ownBinary(item.binary, property);
		if (!binary) {
			return fail({ field: BINARY_FIELD, error: `Template Source is a file, but the item has no binary property "${property}" (${availableBinaryProperties(item.binary)})` });
		}
		const name = binary.fileName ?? property;
		const extension = (binary.fileExtension ?? name.split('.').pop() ?? '').toLowerCase();
		const mismatch = formatMismatch(extension, format);
		if (mismatch) return fail({ field: 'templateFormat', error: `The template file ${name} ${mismatch}` });
		const size = await binarySize(binary, itemIndex, this.context.helpers);
		if (size > MAX_TEMPLATE_BYTES) {
			return fail({ field: BINARY_FIELD, error: `The template file ${name} is ${(size / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit for a template` });
		}
		return this.files.get(binary.id ?? binary.data, async () => decodeTemplate(await this.context.helpers.getBinaryDataBuffer(itemIndex, property), name));
	}
}

/** A file whose extension says it is another format than Template Format: almost surely a wrong setting. */
function formatMismatch(extension: string, format: TemplateFormat): string | undefined {
	if (extension === 'mjml' && format !== 'mjml') return 'is MJML, but Template Format is not: set Template Format to MJML';
	if ((extension === 'html' || extension === 'htm') && format === 'mjml') return 'is HTML, but Template Format is MJML: set Template Format to HTML';
	return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeTemplate(buffer: Buffer, name: string): ValidationResult<string> {
	if (buffer.length > MAX_TEMPLATE_BYTES) {
		return fail({ field: BINARY_FIELD, error: `The template file ${name} is ${(buffer.length / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit for a template` });
	}
	try {
		// TextDecoder drops a leading byte-order mark, which editors on Windows write
		return ok(utf8.decode(buffer));
	} catch {
		return fail({ field: BINARY_FIELD, error: `The template file ${name} is not UTF-8 text: save it as UTF-8` });
	}
}

/**
 * A template error caught while compiling, checking or rendering an item, as that item's
 * failure; undefined for anything else (a bug, a library failure), which the caller rethrows.
 * MissingVariablesError is a TemplateError, so it is asked first: its field is the first
 * missing variable, the one the user has to supply.
 */
export function templateFailure(error: unknown): ValidationFailure | undefined {
	if (error instanceof MissingVariablesError) return { field: error.variables[0], error: error.message };
	if (error instanceof TemplateError) return { field: error.field, error: error.message };
	return undefined;
}

/** Template fields whose mailshit variables n8n would swallow in Expression mode, with their labels. */
const TEMPLATE_PARAMETERS = [
	['template', 'Template', 'template'],
	['textTemplate', 'Text Template', 'text'],
	['subject', 'Subject', '_subject'],
] as const;

/**
 * Checked once per execution (it depends on the stored parameters, not on items): a mailshit
 * {{variable}} inside a parameter in Expression mode would be emptied by n8n without a trace.
 */
export function expressionModeProblem(params: ItemParameters): ValidationFailure | undefined {
	const fromFile = params.raw('templateSource') === 'binary';
	for (const [name, label, field] of TEMPLATE_PARAMETERS) {
		// a template read from a file leaves the Template field unused (and hidden)
		if (name === 'template' && fromFile) continue;
		const swallowed = findSwallowedVariables(params.raw(name));
		if (swallowed.length) return { field, error: swallowedVariablesMessage(label, swallowed) };
	}
	const partials = params.raw('partials.partial');
	for (const partial of Array.isArray(partials) ? (partials as Array<{ name?: unknown; content?: unknown }>) : []) {
		const swallowed = findSwallowedVariables(partial?.content);
		if (swallowed.length) return { field: 'partials', error: swallowedVariablesMessage(`Partial "${String(partial.name ?? '')}"`, swallowed) };
	}
	return undefined;
}
