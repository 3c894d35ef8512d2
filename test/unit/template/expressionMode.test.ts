import { findSwallowedVariables } from '../../../nodes/MailshitSmtp/template/expressionMode';

describe('findSwallowedVariables: mailshit variables n8n would evaluate in Expression mode', () => {
	it.each([
		['Fixed mode is never touched by n8n', 'Hi {{name}}', []],
		['a bare variable', '=Hi {{name}}', ['name']],
		['with spaces, a default, a dotted path', '=Hi {{ name | Guest }}, order {{order.id}}', ['name', 'order.id']],
		['an empty default', '=Hi {{nick|}}', ['nick']],
		['n8n expressions stay n8n', '=Hi {{ $json.name }} at {{ $now.toISO() }}', []],
		['function calls and operators are expressions', '=Total {{ Math.round(3.2) }} {{ a + b }}', []],
		['JS globals and literals on their own', '={{ Math }} {{ true }} {{ null }}', []],
		['the documented escape', '=Hi {{ "{{" }}name}}', []],
		['repeated names are listed once', '={{name}} {{name}}', ['name']],
		['not a string', 42, []],
		['sections, {{else}}, partials and loop variables', '={{#each items}}{{@index}} {{title}}{{else}}none{{/each}} {{> footer}} {{urlencode q}}', ['#each items', '@index', 'title', 'else', '/each', '> footer', 'urlencode q']],
	])('%s', (_label, raw, expected) => {
		expect(findSwallowedVariables(raw)).toEqual(expected);
	});
});
