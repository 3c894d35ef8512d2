import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { getTemplateVariables } from '../../../nodes/MailshitSmtp/methods/loadOptions';

/** The node as the editor holds it while the picker opens: its current parameters. */
function pickerFor(parameters: Record<string, unknown>): ILoadOptionsFunctions {
	return { getCurrentNodeParameter: (name: string) => parameters[name] } as unknown as ILoadOptionsFunctions;
}

describe('the Validation Rules picker lists the template\u2019s variables', () => {
	const template = '<p>Hi {{name}}, {{amount|0}}</p>{{_answer}}';

	it('in Send, {{_answer}} is a variable like any other', async () => {
		const names = (await getTemplateVariables.call(pickerFor({ operation: 'send', template }))).map((option) => option.name);
		expect(names).toEqual(['name', 'amount', '_answer']);
	});

	it('in Send and Wait, {{_answer}} is where the buttons go, not a variable', async () => {
		const options = await getTemplateVariables.call(pickerFor({ operation: 'sendAndWait', template, subject: 'About {{topic}}' }));
		expect(options.map((option) => option.name)).toEqual(['name', 'amount', 'topic']);
		expect(options[1].description).toBe('Default: "0"');
	});
});
