/**
 * mailshit's templating layer: variables, MJML compiling and the per-execution template cache.
 * Plain TypeScript without n8n imports, so it can be tested and reused on its own.
 */
export { TemplateError, MissingVariablesError, MjmlValidationError, missingVariablesMessage, type MjmlProblem, type SourcePosition } from './errors';
export { parseTemplate, describeToken, type ParsedTemplate, type VariableToken } from './parseTemplate';
export { listVariables, type TemplateVariable } from './listVariables';
export { fillVariables, resolveValues, type FillMode } from './fillVariables';
export { lookupPath, lookupVariable, formatValue, isMissing } from './values';
export { escapeHtml, toHeaderSafe } from './escape';
export { htmlToText } from './htmlToText';
export { compileMjml, type CompileMjmlOptions } from './mjmlCompile';
export type { RenderPath } from './bodyRenderer';
export {
	BODY_FIELD,
	TEXT_FIELD,
	compileTemplate,
	type CompiledTemplate,
	type RenderedEmail,
	type RenderStats,
	type TemplateFormat,
	type TemplateSpec,
} from './compiledTemplate';
export { createTemplateCache, type TemplateCache } from './templateCache';
