/**
 * The response side of a Send and Wait node — response type, button labels and styles, the form,
 * the page language and styling — read from its parameters and checked. Read once when the email is
 * built and again by the webhook when a link is followed, through the same function, so the page
 * says what the email said. Pure: the caller hands in a parameter reader.
 *
 * Parameter names follow n8n's own Send and Wait (responseType, approvalOptions, defineForm,
 * formFields, jsonOutput, options.*): n8n itself looks at `responseType: 'customForm'` (2.x then
 * accepts only multipart posts), and a user who knows n8n's node finds the same settings here.
 */
import { ConfigurationError } from '../../shared/configurationError';
import type { ButtonStyle } from './answerBlock';
import { checkFormFields, parseFormFieldsJson, type FormField, type RawFormField } from './formFields';
import type { FormContent } from './formPage';
import { PAGE_CSS_VARIABLES, type PageLook } from './pageLayout';
import { isPageLanguage, phrasesFor, type PageLanguage } from './phrases';
import type { WaitLimitValues } from './waitLimit';
import { settingText } from '../../shared/settingText';

export const RESPONSE_TYPES = ['approval', 'freeText', 'customForm'] as const;

export type ResponseType = (typeof RESPONSE_TYPES)[number];

/** Reads one parameter (evaluated for the first item), or gives the fallback when it is not set. */
export type ParameterReader = <T>(name: string, fallback: T) => T;

export interface Choice {
	label: string;
	style: ButtonStyle;
}

export interface ResponseSettings {
	type: ResponseType;
	look: PageLook;
	/** Approval only: the approve button and, for Approve and Decline, the decline button. */
	approval?: { approve: Choice; decline?: Choice };
	/** Free Text and Custom Form: the form, and the label of the one link in the email. */
	form?: FormContent & { linkLabel: string };
	/** Approval only: every approval link opens a page with a button instead of answering at once. */
	confirmApproval: boolean;
	limit?: WaitLimitValues;
}

interface SendAndWaitOptions {
	limitWaitTime?: { values?: WaitLimitValues };
	appendAttribution?: boolean;
	pageLanguage?: string;
	confirmApproval?: boolean;
	messageButtonLabel?: string;
	responseFormTitle?: string;
	responseFormDescription?: string;
	responseFormButtonLabel?: string;
	responseFormCustomCss?: string;
	responseFieldLabel?: string;
}

interface ApprovalValues {
	approvalType?: string;
	approveLabel?: string;
	buttonApprovalStyle?: string;
	disapproveLabel?: string;
	buttonDisapprovalStyle?: string;
}

export const ATTRIBUTION_URL = 'https://n8n.io';


/**
 * A label goes into the template source (the email's button) and onto the pages. A "{{" in it would
 * become a mailshit variable in the email, so it is refused rather than shown differently in each.
 */
function label(value: unknown, fallback: string, field: string): string {
	const chosen = settingText(value) || fallback;
	if (chosen.includes('{{')) {
		throw new ConfigurationError(`${field} "${chosen}" contains "{{": labels are plain text (use an n8n expression to build one per item)`, field);
	}
	return chosen;
}

function style(value: unknown, fallback: ButtonStyle): ButtonStyle {
	return value === 'primary' || value === 'secondary' ? value : fallback;
}

export function readResponseSettings(read: ParameterReader): ResponseSettings {
	const type = read<string>('responseType', 'approval');
	if (!(RESPONSE_TYPES as readonly string[]).includes(type)) {
		throw new ConfigurationError(`Response Type must be one of ${RESPONSE_TYPES.join(', ')}, not "${type}"`, 'Response Type');
	}
	const options = read<SendAndWaitOptions>('options', {}) ?? {};
	const languageSetting = settingText(options.pageLanguage) || 'en';
	if (!isPageLanguage(languageSetting)) throw new ConfigurationError(`Page Language "${languageSetting}" is not one of the page languages`, 'Page Language');
	const language: PageLanguage = languageSetting;
	const phrases = phrasesFor(language);
	const customCss = settingText(options.responseFormCustomCss);
	const look: PageLook = {
		language,
		phrases,
		customCss: customCss === PAGE_CSS_VARIABLES.trim() ? '' : customCss,
		...(options.appendAttribution === false ? {} : { attribution: { text: phrases.attribution, url: ATTRIBUTION_URL } }),
	};
	const settings: ResponseSettings = {
		type: type as ResponseType,
		look,
		confirmApproval: options.confirmApproval === true,
		...(options.limitWaitTime?.values ? { limit: options.limitWaitTime.values } : {}),
	};
	if (type === 'approval') {
		const values = read<{ values?: ApprovalValues }>('approvalOptions', {})?.values ?? {};
		const approve = { label: label(values.approveLabel, phrases.approve, 'Approve Button Label'), style: style(values.buttonApprovalStyle, 'primary') };
		const decline =
			values.approvalType === 'double'
				? { label: label(values.disapproveLabel, phrases.decline, 'Decline Button Label'), style: style(values.buttonDisapprovalStyle, 'secondary') }
				: undefined;
		settings.approval = decline ? { approve, decline } : { approve };
	} else {
		settings.form = {
			linkLabel: label(options.messageButtonLabel, phrases.respond, 'Message Button Label'),
			title: settingText(options.responseFormTitle) || phrases.formTitle,
			description: typeof options.responseFormDescription === 'string' ? options.responseFormDescription : '',
			buttonLabel: settingText(options.responseFormButtonLabel) || phrases.submit,
			fields: type === 'freeText' ? freeTextField(settingText(options.responseFieldLabel) || phrases.response) : readFormFields(read),
		};
	}
	return settings;
}

/** Free Text is a form with one required text area; its answer is `data.text`, as in n8n. */
function freeTextField(fieldLabel: string): FormField[] {
	return [{ key: 'text', label: fieldLabel, type: 'textarea', required: true, placeholder: '', options: [], multiple: false, defaultValue: '' }];
}

function readFormFields(read: ParameterReader): FormField[] {
	if (read<string>('defineForm', 'fields') === 'json') return parseFormFieldsJson(read<unknown>('jsonOutput', '[]'), 'Form Fields');
	const values = read<{ values?: RawFormField[] }>('formFields', {})?.values ?? [];
	return checkFormFields(values, 'Form Elements');
}
