import type { INodeProperties } from 'n8n-workflow';
import { emailFilesOption, urlSchemesOption } from './emailOutput.fields';

/** Render's own options; the template fields are shared with Send (template.fields.ts). */
export const renderOptionFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'renderOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Apply Item Subject',
				name: 'useItemOverrides',
				type: 'boolean',
				default: true,
				description: 'Whether a _subject field in the input item replaces the Subject set on this node',
			},
			emailFilesOption('html'),
			{
				displayName: 'Include Variable List',
				name: 'includeVariables',
				type: 'boolean',
				default: false,
				description: 'Whether to add "variables": the name, default and required flag of every {{variable}} in the template, with lists and conditions of sections',
			},
			urlSchemesOption,
		],
	},
];
