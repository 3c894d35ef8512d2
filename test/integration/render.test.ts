/**
 * Render (mailshit's callback output) through n8n's engine: no credential, no network.
 */
import type { CallbackResult } from '../../nodes/MailshitSmtp/results';
import { jsonItems, runMailshitNode } from '../helpers/n8nEngine';

const MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hi {{name|friend}}, {{{badge|}}} total {{order.total}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

describe('Render: html, text and subject per item, nothing sent', () => {
	it('returns the callback shape for every item, paired', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'Ada & Co', order: { total: '€12' }, badge: '<b>VIP</b>' }, { order: { total: '€3' } }]),
			parameters: { operation: 'render', template: MJML, subject: 'Receipt for {{name|you}}' },
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(2);
		const [first, second] = result.main.map((item) => item.json as unknown as CallbackResult);
		expect(first).toEqual({ success: true, type: 'callback', html: expect.stringMatching(/^<!doctype html>/i), text: 'Hi Ada & Co, VIP total €12', subject: 'Receipt for Ada & Co' });
		expect(first.html).toContain('Hi Ada &amp; Co, <b>VIP</b> total €12');
		expect(second.subject).toBe('Receipt for you');
		expect(second.text).toBe('Hi friend, total €3');
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('lists the template variables when asked', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ order: { total: '1' } }]),
			parameters: { operation: 'render', template: MJML, subject: 'x', renderOptions: { includeVariables: true } },
		});
		expect(result.main[0].json.variables).toEqual([
			{ name: 'name', required: false, default: 'friend', raw: false },
			{ name: 'badge', required: false, default: '', raw: true },
			{ name: 'order.total', required: true, raw: false },
		]);
	});

	it('a missing required variable throws naming item and variable, or is a validation_failed item', async () => {
		const items = jsonItems([{ order: { total: '1' } }, { name: 'no order' }]);
		const thrown = await runMailshitNode({ items, parameters: { operation: 'render', template: MJML, subject: 'x' } });
		expect(thrown.error).toMatchObject({ name: 'NodeOperationError', message: 'Item 1: Missing variable: order.total', context: { itemIndex: 1 } });
		expect(thrown.main).toHaveLength(0);

		const continued = await runMailshitNode({ items, parameters: { operation: 'render', template: MJML, subject: 'x' }, onError: 'continueRegularOutput' });
		expect(continued.main[1].json).toEqual({ success: false, type: 'validation_failed', error: 'Missing variable: order.total', field: 'order.total' });
	});

	it('n8n expressions and mailshit variables live together: {{ "{{" }}name}} passes a variable through Expression mode', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'Ada', plan: 'pro' }]),
			parameters: {
				operation: 'render',
				templateFormat: 'text',
				// n8n resolves {{ $json.plan… }} and turns {{ "{{" }}name}} into the literal {{name}}, which is ours
				template: '=Plan {{ $json.plan.toUpperCase() }} for {{ "{{" }}name}}',
				subject: 'x',
			},
		});
		expect(result.main[0].json.text).toBe('Plan PRO for Ada');
	});

	it('a bare {{name}} in Expression mode would be emptied by n8n: refused with the fix', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'Ada', plan: 'pro' }]),
			parameters: { operation: 'render', templateFormat: 'text', template: '=Plan {{ $json.plan }} for {{name}}', subject: 'x' },
			onError: 'continueRegularOutput',
		});
		expect(result.main[0].json).toEqual({
			success: false,
			type: 'validation_failed',
			field: 'template',
			error: 'Template is in Expression mode, so n8n evaluated {{name}} itself as JavaScript and the mailshit variable never reached the template: switch Template to Fixed (pasting text with {{…}} switches a field to Expression), or keep the expression and write {{ "{{" }}name}}',
		});
	});

	it('n8n syntax in a fixed-mode template is explained, not silently emptied', async () => {
		const result = await runMailshitNode({
			items: jsonItems([{ name: 'Ada' }]),
			parameters: { operation: 'render', templateFormat: 'text', template: 'Hi {{ $json.name }}', subject: 'x' },
			onError: 'continueRegularOutput',
		});
		expect(result.main[0].json).toMatchObject({ success: false, type: 'validation_failed', field: 'template' });
		expect(String(result.main[0].json.error)).toContain('Expression');
	});
});

describe('Render tells why a template was compiled per item', () => {
	it('adds an execution hint naming the variable that forced it', async () => {
		const perItem = '<mjml><mj-body><mj-section><mj-column><mj-text font-size="{{size}}px">Hi</mj-text></mj-column></mj-section></mj-body></mjml>';
		const result = await runMailshitNode({
			items: jsonItems([{ size: 12 }, { size: 14 }]),
			parameters: { operation: 'render', template: perItem, subject: 'x' },
		});
		expect(result.error).toBeUndefined();
		expect(result.hints).toEqual([
			expect.objectContaining({ message: expect.stringMatching(/^The MJML template was compiled for each item \(3 compiles\) because \{\{size\}\} \(line 1:\d+\) is in the font-size attribute of <mj-text>/) }),
		]);
	});

	it('adds none for a template compiled once', async () => {
		const result = await runMailshitNode({ items: jsonItems([{ order: { total: '1' } }]), parameters: { operation: 'render', template: MJML, subject: 'x' } });
		expect(result.hints).toEqual([]);
	});
});
