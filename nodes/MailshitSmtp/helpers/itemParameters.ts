import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

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
 * `={{ $json.email }}`, `={{ $json.customer.email }}`, `={{ $json["e-mail"] }}`: an expression that
 * is nothing but a field of the item, as the editor writes it when a field is dragged in.
 */
const FIELD_REFERENCE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*')\])+)\s*\}\}$/;
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\]*)"|'([^'\\]*)')\]/g;

/** The field path of a parameter that only references a field of the item, or undefined. */
export function fieldReference(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = FIELD_REFERENCE.exec(raw);
	if (!match) return undefined;
	return [...match[1].matchAll(PATH_SEGMENT)].map((segment) => segment[1] ?? segment[2] ?? segment[3]);
}

/** The string at `path` in the item's own fields; undefined for anything else (n8n resolves those). */
function stringAt(json: IDataObject, path: readonly string[]): string | undefined {
	let value: unknown = json;
	for (const key of path) {
		if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' ? value : undefined;
}

/**
 * getNodeParameter per item and per parameter costs tens of microseconds (expression machinery,
 * copies); for 10,000 items and a dozen parameters that is seconds. A parameter holding no
 * expression is the same for every item, so it is resolved once; expressions still resolve per item.
 *
 * A parameter that only references a string field of the item (`={{ $json.email }}`) is read from
 * the item: n8n 2.x evaluates every expression in an isolated-vm sandbox at ~1 ms a call, which
 * measured a third of the node's CPU in a 10,000-email send in a real n8n 2.41. The result is the
 * same string n8n would return; anything that is not an own string field goes through n8n.
 */
export class ItemParameters {
	private readonly fixed = new Map<string, unknown>();

	private readonly expression = new Map<string, boolean>();

	private readonly references = new Map<string, string[] | undefined>();

	/** The stored parameters, read once: getNode() deep-copies the whole node on every call. */
	private readonly parameters: INodeParameters;

	private readonly items: INodeExecutionData[];

	constructor(private readonly context: IExecuteFunctions) {
		this.parameters = context.getNode().parameters;
		this.items = context.getInputData();
	}

	/** The parameter as stored in the workflow, before n8n resolves expressions. */
	raw(name: string): unknown {
		return rawParameter(this.parameters, name);
	}

	get<T = NodeParameterValueType>(name: string, itemIndex: number, fallback?: T): T {
		if (this.fixed.has(name)) return this.fixed.get(name) as T;
		const field = this.fieldValue(name, itemIndex);
		if (field !== undefined) return field as T;
		const value = this.context.getNodeParameter(name, itemIndex, fallback) as T;
		let isExpression = this.expression.get(name);
		if (isExpression === undefined) {
			isExpression = holdsExpression(this.raw(name));
			this.expression.set(name, isExpression);
		}
		if (!isExpression) this.fixed.set(name, value);
		return value;
	}

	private fieldValue(name: string, itemIndex: number): string | undefined {
		if (!this.references.has(name)) this.references.set(name, fieldReference(this.raw(name)));
		const path = this.references.get(name);
		const json = this.items[itemIndex]?.json;
		return path && json ? stringAt(json, path) : undefined;
	}
}
