import { compileTemplate, TemplateError, type TemplateSpec } from '../../../../nodes/MailshitSmtp/template';
import type { AnswerBlock } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/answerBlock';
import { placeAnswerBlock } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/answerPlacement';

const APPROVE = 'https://n8n.example/webhook-waiting/7/node?approved=true&signature=aa';
const DECLINE = 'https://n8n.example/webhook-waiting/7/node?approved=false&signature=bb';

const block: AnswerBlock = {
	buttons: [
		{ label: 'Approve <now>', url: APPROVE, style: 'primary' },
		{ label: 'Decline', url: DECLINE, style: 'secondary' },
	],
	attribution: { text: 'This message was sent automatically with n8n', url: 'https://n8n.io' },
};
const withoutAttribution: AnswerBlock = { buttons: block.buttons };

const mjml = (inner: string, head = '') => `<mjml>${head}<mj-body>${inner}</mj-body></mjml>`;
const section = (inner: string) => `<mj-section><mj-column>${inner}</mj-column></mj-section>`;

async function render(spec: TemplateSpec) {
	const template = await compileTemplate(spec);
	return template.render({ name: 'Ada' });
}

describe('where the answer block goes in an MJML template', () => {
	it.each([
		['inside an <mj-column>: <mj-button>s under each other', section('<mj-text>Hi</mj-text>{{_answer}}'), /<mj-column><mj-text>Hi<\/mj-text><mj-button href=/],
		['between sections: a section of its own', `${section('<mj-text>Hi</mj-text>')}\n{{_answer}}`, /<\/mj-section>\n<mj-section>\n<mj-column><mj-button [^>]*align="right"/],
		['inside <mj-wrapper>: a section of its own', `<mj-wrapper>{{ _answer }}</mj-wrapper>`, /<mj-wrapper><mj-section>/],
		['inside <mj-text>: HTML buttons', section('<mj-text>Hi {{{_answer}}}</mj-text>'), /<mj-text>Hi <table role="presentation"/],
	])('%s', (_case, body, expected) => {
		const placed = placeAnswerBlock({ format: 'mjml', body: mjml(body) }, withoutAttribution);
		expect(placed.body).toMatch(expected);
		expect(placed.body).not.toContain('_answer');
	});

	it('without {{_answer}}: a button section, then the attribution, before </mj-body>', () => {
		const placed = placeAnswerBlock({ format: 'mjml', body: mjml(section('<mj-text>Hi</mj-text>')) }, block);
		expect(placed.body).toMatch(/<\/mj-section><mj-section>\n<mj-column><mj-button[^>]*>Approve &lt;now&gt;<\/mj-button><\/mj-column>\n<mj-column>[\s\S]*<mj-text align="center" font-size="12px"[^>]*><a href="https:\/\/n8n.io"[^>]*>This message was sent automatically with n8n<\/a><\/mj-text>[\s\S]*\n<\/mj-body><\/mjml>$/);
	});

	it('escapes labels and URLs; a primary button has no colours of its own, a secondary one is outlined', () => {
		const placed = placeAnswerBlock({ format: 'mjml', body: mjml(section('{{_answer}}')) }, withoutAttribution);
		expect(placed.body).toContain(`<mj-button href="${APPROVE.replace('&', '&amp;')}" target="_blank">Approve &lt;now&gt;</mj-button>`);
		// as high as the filled one: MJML's inner padding less the 2px outline
		expect(placed.body).toContain(`<mj-button href="${DECLINE.replace('&', '&amp;')}" target="_blank" background-color="#ffffff" color="#414141" border="2px solid #414141" inner-padding="8px 23px">Decline</mj-button>`);
	});

	it("follows the template's styling: <mj-attributes> colour for the outline, mj-class hooks when defined", () => {
		const head = '<mj-head><mj-attributes><mj-button background-color="#e85d04" inner-padding="12px 30px" /><mj-class name="mailshit-primary" font-weight="700" /></mj-attributes></mj-head>';
		const placed = placeAnswerBlock({ format: 'mjml', body: mjml(section('{{_answer}}'), head) }, withoutAttribution);
		expect(placed.body).toMatch(/<mj-button [^>]*mj-class="mailshit-primary">Approve/);
		expect(placed.body).toMatch(/<mj-button [^>]*color="#e85d04" border="2px solid #e85d04" inner-padding="10px 28px">Decline/);
		// a padding not in pixels is left to MJML
		const em = placeAnswerBlock({ format: 'mjml', body: mjml(section('{{_answer}}'), head.replace('12px 30px', '1em')) }, withoutAttribution);
		expect(em.body).toMatch(/border="2px solid #e85d04">Decline/);
	});

	it.each([
		['in an attribute', section('<mj-button href="{{_answer}}">x</mj-button>'), /is in <mj-button>/],
		['directly in <mj-section>', '<mj-section>{{_answer}}</mj-section>', /at line 1:28 is directly in <mj-section>/],
		['in <mj-button> content', section('<mj-button href="x">{{_answer}}</mj-button>'), /is in <mj-button>, where MJML cannot show buttons/],
	])('refuses a placeholder %s, naming the line', (_case, body, message) => {
		expect(() => placeAnswerBlock({ format: 'mjml', body: mjml(body) }, block)).toThrow(message);
	});

	it('refuses an MJML template without </mj-body> when it has to append', () => {
		expect(() => placeAnswerBlock({ format: 'mjml', body: '<mjml><mj-body /></mjml>' }, block)).toThrow(TemplateError);
	});

	it('compiles with MJML: the buttons are real MJML buttons in the HTML, and the derived text keeps each link', async () => {
		const rendered = await render(placeAnswerBlock({ format: 'mjml', body: mjml(section('<mj-text>Hi {{name}}</mj-text>{{_answer}}')) }, block));
		expect(rendered.html).toMatch(/<a\s+href="https:\/\/n8n\.example\/webhook-waiting\/7\/node\?approved=true&amp;signature=aa"[^>]*target="_blank"/);
		expect(rendered.text).toContain(`Approve <now> [${APPROVE}]`);
		expect(rendered.text).toContain(`Decline [${DECLINE}]`);
		expect(rendered.text).toContain('This message was sent automatically with n8n [https://n8n.io]');
	});
});

describe('HTML and plain-text templates', () => {
	it('HTML: buttons at {{_answer}}, the attribution before </body>', () => {
		const placed = placeAnswerBlock({ format: 'html', body: '<html><body><p>Hi</p>{{_answer}}<p>Bye</p></body></html>' }, block);
		expect(placed.body).toMatch(/^<html><body><p>Hi<\/p><table role="presentation"[\s\S]*>Decline<\/a><\/td><\/tr><\/table><p>Bye<\/p><p style="[^"]*">[\s\S]*n8n<\/a><\/p>\n<\/body><\/html>$/);
	});

	it('HTML without {{_answer}} or </body>: appended', () => {
		const placed = placeAnswerBlock({ format: 'html', body: '<p>Hi</p>' }, withoutAttribution);
		expect(placed.body).toMatch(/^<p>Hi<\/p>\n<table role="presentation"/);
	});

	it('a custom text template gets "Label: URL" lines too, and labels are never read as variables or $-patterns', async () => {
		const dollar: AnswerBlock = { buttons: [{ label: 'Pay $1 $&', url: APPROVE, style: 'primary' }] };
		const spec = placeAnswerBlock({ format: 'html', body: '<p>Hi</p>', textTemplate: 'Hi {{name}}\n{{_answer}}\nBye' }, dollar);
		expect(spec.textTemplate).toBe(`Hi {{name}}\nPay $1 $&: ${APPROVE}\nBye`);
		expect((await render(spec)).text).toBe(`Hi Ada\nPay $1 $&: ${APPROVE}\nBye`);
	});

	it('plain text without {{_answer}}: the links and the attribution appended as paragraphs', () => {
		const placed = placeAnswerBlock({ format: 'text', body: 'Hi {{name}}\n\n' }, block);
		expect(placed.body).toBe(`Hi {{name}}\n\nApprove <now>: ${APPROVE}\nDecline: ${DECLINE}\n\nThis message was sent automatically with n8n: https://n8n.io`);
	});
});
