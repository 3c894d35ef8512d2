/**
 * ItemParameters reads a parameter that only references a field of the item (`={{ $json.email }}`)
 * from the item itself, skipping n8n's expression sandbox. What it returns must be what n8n's own
 * getNodeParameter returns: a node of the test's own asks both, per item, in n8n's engine.
 */
import { NodeConnectionTypes, type IDataObject, type IExecuteFunctions, type INodeType } from 'n8n-workflow';
import { fieldReference, ItemParameters } from '../../nodes/MailshitSmtp/helpers/itemParameters';
import { jsonItems, runMailshitNode, type NodeUnderTest } from '../helpers/n8nEngine';

const bothWays: INodeType = {
	description: {
		displayName: 'Both ways',
		name: 'bothWays',
		group: ['transform'],
		version: 1,
		description: 'A parameter read through ItemParameters and through getNodeParameter',
		defaults: { name: 'Both ways' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions) {
		const params = new ItemParameters(this);
		// n8n's sandbox refuses some expressions: then both ways must refuse, with n8n's message
		const outcome = (read: () => unknown) => {
			try {
				return { value: read() };
			} catch (error) {
				return { error: (error as Error).message };
			}
		};
		return [
			this.getInputData().map((_item, index) => ({
				json: { ours: outcome(() => params.get('value', index, '')), n8n: outcome(() => this.getNodeParameter('value', index, '')) } as IDataObject,
			})),
		];
	},
};
const probe: NodeUnderTest = { type: bothWays, version: 1, credentialType: 'none' };

const ROWS: IDataObject[] = [
	{ email: 'ada@example.com', 'e-mail': 'bob@example.com', contact: { email: 'cy@example.com' } },
	{ email: 'Tom {{plan}} <tom@example.com>', contact: { email: '' } },
	{ email: ['a@example.com', 'b@example.com'], contact: { email: 42 } },
	{ email: 42, contact: 'not an object' },
	{ email: null },
	{},
	{ email: { address: 'ada@example.com' } },
];

describe('a parameter that references a field of the item: the same value as n8n resolves', () => {
	it.each([
		'={{ $json.email }}',
		'={{$json.email}}',
		'={{ $json["e-mail"] }}',
		"={{ $json['e-mail'] }}",
		'={{ $json.contact.email }}',
		'={{ $json.constructor }}',
		'={{ $json.__proto__ }}',
		'={{ $json.email.toLowerCase() }}',
		'=To: {{ $json.email }}',
	])('%s', async (expression) => {
		const run = await runMailshitNode({ node: probe, items: jsonItems(ROWS), parameters: { value: expression } });
		expect(run.error).toBeUndefined();
		expect(run.main).toHaveLength(ROWS.length);
		for (const item of run.main) expect(item.json.ours).toEqual(item.json.n8n);
	});
});

describe('fieldReference: which expressions are only a field of the item', () => {
	it.each([
		['={{ $json.email }}', ['email']],
		['={{$json.email}}', ['email']],
		['={{ $json.contact.email }}', ['contact', 'email']],
		['={{ $json["e-mail"] }}', ['e-mail']],
		["={{ $json['first name'].x }}", ['first name', 'x']],
		['={{ $json.email }} ', undefined],
		['={{ $json }}', undefined],
		['={{ $json.email.toLowerCase() }}', undefined],
		['={{ $json.email || "x" }}', undefined],
		['={{ $json[0] }}', undefined],
		['={{ $("Node").item.json.email }}', undefined],
		['{{ $json.email }}', undefined],
		['=x{{ $json.email }}', undefined],
		[42, undefined],
	])('%p → %p', (raw, path) => {
		expect(fieldReference(raw)).toEqual(path);
	});
});
