import { readResponseSettings } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/responseSettings';
import { PAGE_CSS_VARIABLES } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/pageLayout';

/** Parameters as n8n stores them: only what differs from the defaults. */
const reader =
	(parameters: Record<string, unknown>) =>
	<T>(name: string, fallback: T): T =>
		(name in parameters ? parameters[name] : fallback) as T;

describe('the response settings of a Send and Wait node', () => {
	it('defaults: approve only, in English, with the attribution', () => {
		const settings = readResponseSettings(reader({}));
		expect(settings.type).toBe('approval');
		expect(settings.approval).toEqual({ approve: { label: 'Approve', style: 'primary' } });
		expect(settings.look).toMatchObject({ language: 'en', customCss: '', attribution: { text: 'This message was sent automatically with n8n', url: 'https://n8n.io' } });
		expect(settings.confirmApproval).toBe(false);
		expect(settings.limit).toBeUndefined();
	});

	it('labels left empty take the page language; the ones set are kept', () => {
		const settings = readResponseSettings(reader({ approvalOptions: { values: { approvalType: 'double', disapproveLabel: 'Nein danke', buttonDisapprovalStyle: 'primary' } }, options: { pageLanguage: 'de', appendAttribution: false } }));
		expect(settings.approval).toEqual({ approve: { label: 'Genehmigen', style: 'primary' }, decline: { label: 'Nein danke', style: 'primary' } });
		expect(settings.look.attribution).toBeUndefined();
	});

	it('Free Text is a form with one required text area answering as "text"', () => {
		const settings = readResponseSettings(reader({ responseType: 'freeText', options: { pageLanguage: 'es', responseFormTitle: 'Gastos' } }));
		expect(settings.form).toMatchObject({ linkLabel: 'Responder', title: 'Gastos', buttonLabel: 'Enviar', fields: [{ key: 'text', label: 'Respuesta', type: 'textarea', required: true }] });
	});

	it('Custom Form from the node\u2019s Form Elements', () => {
		const settings = readResponseSettings(reader({ responseType: 'customForm', formFields: { values: [{ fieldLabel: 'Amount', fieldType: 'number' }] } }));
		expect(settings.form?.fields.map((field) => field.key)).toEqual(['Amount']);
		expect(settings.form?.title).toBe('Your answer');
	});

	it('the Custom Styling option left at its default adds nothing; a changed one is kept', () => {
		expect(readResponseSettings(reader({ options: { responseFormCustomCss: PAGE_CSS_VARIABLES } })).look.customCss).toBe('');
		expect(readResponseSettings(reader({ options: { responseFormCustomCss: ':root{--mailshit-button:#e85d04}' } })).look.customCss).toBe(':root{--mailshit-button:#e85d04}');
	});

	it.each([
		['an unknown response type', { responseType: 'poll' }, 'Response Type must be one of approval, freeText, customForm'],
		['an unknown page language', { options: { pageLanguage: 'xx' } }, 'Page Language "xx"'],
		['a label with "{{"', { responseType: 'freeText', options: { messageButtonLabel: 'Go {{now}}' } }, 'Message Button Label "Go {{now}}" contains "{{"'],
		['a custom form without fields', { responseType: 'customForm' }, 'The form has no fields'],
	])('refuses %s', (_case, parameters, message) => {
		expect(() => readResponseSettings(reader(parameters))).toThrow(message);
	});
});
