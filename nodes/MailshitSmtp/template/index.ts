/**
 * mailshit's templating layer: variables, sections and partials, MJML compiling and the
 * per-execution template cache. Plain TypeScript without n8n imports, so it can be tested and
 * reused on its own.
 */
export {
	TemplateError,
	TemplateValueError,
	MissingVariablesError,
	MjmlValidationError,
	missingVariablesMessage,
	type MjmlProblem,
	type SourcePosition,
} from './errors';
export { parseTemplate, describeToken, type ParsedTemplate, type VariableToken } from './parseTemplate';
export { parseProgram, fillProgram, expandProgram, MAX_STRUCTURES, type TemplateProgram } from './program';
export { PartialLibrary, MAX_PARTIAL_DEPTH, type PartialDefinition } from './sections/partials';
export { isTruthy } from './sections/scope';
export { listVariables, type TemplateVariable } from './listVariables';
export { fillVariables, type FillMode } from './fillVariables';
export { lookupEvery, lookupPath, lookupVariable, formatValue, isMissing } from './values';
export { escapeHtml, toHeaderSafe } from './escape';
export { encodeUrlComponent, urlSchemePolicy, type UrlSchemePolicy } from './urlEncoding';
export { htmlToText } from './htmlToText';
export { compileMjml, type CompileMjmlOptions } from './mjmlCompile';
export type { RenderPath } from './bodyRenderer';
export {
	BODY_FIELD,
	TEXT_FIELD,
	MAX_TEMPLATE_BYTES,
	compileTemplate,
	type CompiledTemplate,
	type RenderedEmail,
	type RenderStats,
	type TemplateFormat,
	type TemplateSpec,
} from './compiledTemplate';
export { createTemplateCache, type TemplateCache } from './templateCache';
