import type { IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

function rawParameter(parameters: INodeParameters, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), parameters);
}

/**
 * getNodeParameter per item and per parameter costs tens of microseconds (expression machinery,
 * copies); for 10,000 items and a dozen parameters that is seconds. A parameter holding no
 * expression is the same for every item, so it is resolved once; expressions still resolve per item.
 */
export class ItemParameters {
	private readonly fixed = new Map<string, unknown>();

	private readonly expression = new Map<string, boolean>();

	/** The stored parameters, read once: getNode() deep-copies the whole node on every call. */
	private readonly parameters: INodeParameters;

	constructor(private readonly context: IExecuteFunctions) {
		this.parameters = context.getNode().parameters;
	}

	/** The parameter as stored in the workflow, before n8n resolves expressions. */
	raw(name: string): unknown {
		return rawParameter(this.parameters, name);
	}

	get<T = NodeParameterValueType>(name: string, itemIndex: number, fallback?: T): T {
		if (this.fixed.has(name)) return this.fixed.get(name) as T;
		const value = this.context.getNodeParameter(name, itemIndex, fallback) as T;
		let isExpression = this.expression.get(name);
		if (isExpression === undefined) {
			isExpression = holdsExpression(this.raw(name));
			this.expression.set(name, isExpression);
		}
		if (!isExpression) this.fixed.set(name, value);
		return value;
	}
}
