import { formPage } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/formPage';
import { checkFormFields } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/formFields';
import { PAGE_HEADERS, type PageLook } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/pageLayout';
import { confirmPage, expiredPage, formatDeadline, recordedPage, thanksPage } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/pages';
import { PAGE_LANGUAGES, phrasesFor, type Phrases } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/phrases';

const look = (language: PageLook['language'] = 'en', customCss = ''): PageLook => ({ language, phrases: phrasesFor(language), customCss });

describe('response pages', () => {
	it('every language has every phrase, and its placeholders', () => {
		const keys = Object.keys(phrasesFor('en')) as Array<keyof Phrases>;
		for (const language of PAGE_LANGUAGES) {
			const phrases = phrasesFor(language);
			expect(Object.keys(phrases).sort()).toEqual([...keys].sort());
			for (const key of keys) expect(phrases[key].trim()).not.toBe('');
			expect(phrases.youChose).toContain('{label}');
			expect(phrases.expiredText).toContain('{date}');
		}
	});

	it('a page: its language, its title, no script, nothing loaded from elsewhere', () => {
		const { status, html } = recordedPage(look('nl'), 'Goedkeuren');
		expect(status).toBe(200);
		expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
		expect(html).toContain('<title>Antwoord opgeslagen</title>');
		expect(html).toContain('<p>Uw keuze: <strong>Goedkeuren</strong>.</p>');
		expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
		expect(PAGE_HEADERS['Content-Security-Policy']).toContain("default-src 'none'");
	});

	it('escapes labels and the user\u2019s CSS cannot end its <style> element', () => {
		const { html } = confirmPage(look('en', 'body{color:red}</style><script>alert(1)</script>'), '<b>Pay</b> & go');
		expect(html).toContain('<button type="submit" class="button primary">&lt;b&gt;Pay&lt;/b&gt; &amp; go</button>');
		expect(html).not.toContain('</style><script>');
		expect(html).toContain('body{color:red}\\3c /style>\\3c script>alert(1)\\3c /script>');
	});

	it('the attribution line only when it is on, with no Referer for the signed link', () => {
		expect(thanksPage(look()).html).not.toContain('<footer>');
		const { html } = thanksPage({ ...look(), attribution: { text: 'This message was sent automatically with n8n', url: 'https://n8n.io' } });
		expect(html).toContain('<footer><a href="https://n8n.io" target="_blank" rel="noopener noreferrer">This message was sent automatically with n8n</a></footer>');
	});

	it('the expired page gives the deadline in the language and zone of the workflow', () => {
		const deadline = new Date('2026-03-01T14:00:00Z');
		expect(formatDeadline(deadline, 'de', 'Europe/Berlin')).toBe('1. März 2026 um 15:00 (Europe/Berlin)');
		const { status, html } = expiredPage(look('de'), deadline, 'Europe/Berlin');
		expect(status).toBe(410);
		expect(html).toContain('Die Frist zum Antworten endete am 1. März 2026 um 15:00 (Europe/Berlin). Ihre Antwort wurde nicht gespeichert.');
	});

	it('the form: labelled fields, required ones said in words, posted values and errors kept on a refused submission', () => {
		const fields = checkFormFields(
			[
				{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
				{ fieldLabel: 'Team', fieldType: 'radio', fieldOptions: { values: [{ option: 'A' }, { option: 'B' }] } },
				{ fieldLabel: 'Note "x"', fieldType: 'textarea', placeholder: 'why?' },
				{ fieldLabel: 'Centre', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'Sales' }] } },
			],
			'Form Elements',
		);
		const content = { title: 'Expense <7>', description: 'Line 1\nLine 2', buttonLabel: 'Send', fields };
		const fresh = formPage(look(), content);
		expect(fresh.status).toBe(200);
		expect(fresh.html).toContain('<h1>Expense &lt;7&gt;</h1>');
		expect(fresh.html).toContain('<label for="field-0">Amount <span class="required">(required)</span></label>');
		expect(fresh.html).toContain('<input id="field-0" name="field-0" required type="number" value="" step="any" inputmode="decimal">');
		expect(fresh.html).toContain('<legend>Team</legend>');
		expect(fresh.html).toContain('<textarea id="field-2" name="field-2" rows="6" placeholder="why?"></textarea>');
		// a dropdown starts on an empty choice that says what to do
		expect(fresh.html).toContain('<select id="field-3" name="field-3">\n<option value="" selected>Choose…</option>\n<option value="Sales">Sales</option>\n</select>');

		const refused = formPage(look(), content, { posted: { 'field-0': 'abc', 'field-1': 'B', 'field-2': '</textarea>' }, errors: new Map([[0, 'Enter a number.']]) });
		expect(refused.status).toBe(422);
		expect(refused.html).toContain('<div class="summary" role="alert"><p>Please correct the marked fields.</p><ul><li><a href="#field-0">Amount: Enter a number.</a></li></ul></div>');
		expect(refused.html).toContain('<input id="field-0" name="field-0" required aria-invalid="true" aria-describedby="field-0-error" type="number" value="abc"');
		expect(refused.html).toContain('<p class="error" id="field-0-error">Enter a number.</p>');
		expect(refused.html).toContain('<input type="radio" id="field-1-1" name="field-1" value="B" checked>');
		expect(refused.html).toContain('>&lt;/textarea&gt;</textarea>');
	});
});
