// n8n's community-node rules, set up the way @n8n/node-cli's `configWithoutCloudSupport` does it.
// "Without cloud support" because this package needs runtime dependencies (nodemailer, mjml,
// html-to-text) and Node built-ins (net, tls, dns): n8n Cloud allows neither, self-hosted n8n does.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityNodes = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

/** The one documented exception: SMTP, MJML and HTML-to-text need real libraries at run time. */
const runtimeDependencyException = { '@n8n/community-nodes/no-runtime-dependencies': 'off' };

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'gulpfile.js', 'jest.config.js'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, communityNodes],
		rules: {
			...runtimeDependencyException,
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		files: ['package.json'],
		extends: [communityNodes],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules, ...runtimeDependencyException },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// The node's webhooks are n8n's restart webhooks: the resume links of an execution waiting
		// in Send and Wait (as in n8n's own Send Email node), served by n8n under /webhook-waiting/.
		// Nothing is registered with another service, so there is no checkExists/create/delete.
		files: ['nodes/MailshitSmtp/MailshitSmtp.node.ts'],
		rules: { '@n8n/community-nodes/webhook-lifecycle-complete': 'off' },
	},
	{
		// Pure modules (no n8n imports, by design) rethrow what they do not handle; the node layer
		// (actions/ and helpers/) turns every error into a NodeOperationError or NodeApiError.
		files: ['nodes/MailshitSmtp/{template,validation,verification,smtp,shared,transport}/**/*.ts', 'test/**/*.ts', 'bench/**', 'scripts/**', 'e2e/**'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// tests, benchmarks and dev scripts print and use timers; the community rules target the shipped node
		files: ['test/**/*.ts', 'bench/**', 'scripts/**', 'e2e/**'],
		rules: { 'no-console': 'off', '@n8n/community-nodes/no-dangerous-functions': 'off' },
	},
);
