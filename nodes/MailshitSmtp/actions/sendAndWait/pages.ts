/**
 * The pages a recipient sees after following a link of a Send and Wait email, except the form
 * itself (formPage.ts): answer recorded, confirm, expired, invalid, unavailable. Every text is the
 * node's own label or a phrase of the page language. Pure: no n8n imports.
 */
import { escapeHtml } from '../../template';
import { renderPage, type PageLook, type ResponsePage } from './pageLayout';
import { fillPhrase, type PageLanguage } from './phrases';

function messagePage(look: PageLook, status: number, icon: { symbol: string; tone: 'done' | 'stop' }, title: string, lines: string[]): ResponsePage {
	const body = [
		`<div class="icon ${icon.tone}" aria-hidden="true">${icon.symbol}</div>`,
		`<h1>${escapeHtml(title)}</h1>`,
		...lines.map((line, index) => `<p${index === lines.length - 1 ? ' class="muted"' : ''}>${line}</p>`),
	].join('\n');
	return renderPage(look, status, title, body);
}

const DONE = { symbol: '&#10003;', tone: 'done' } as const;
const STOP = { symbol: '&#9888;', tone: 'stop' } as const;

/** After an approval link: the choice, in the words of the button that was pressed. */
export function recordedPage(look: PageLook, chosenLabel: string): ResponsePage {
	const { phrases } = look;
	const choice = fillPhrase(escapeHtml(phrases.youChose), { label: `<strong>${escapeHtml(chosenLabel)}</strong>` });
	return messagePage(look, 200, DONE, phrases.recordedTitle, [choice, escapeHtml(phrases.canClose)]);
}

/** After a form was submitted. */
export function thanksPage(look: PageLook): ResponsePage {
	const { phrases } = look;
	return messagePage(look, 200, DONE, phrases.thanksTitle, [escapeHtml(phrases.thanksText), escapeHtml(phrases.canClose)]);
}

/**
 * For a request that may not be a person's click (a link scanner, a preview, a prefetch), or when
 * the node asks for confirmation: nothing is recorded until the button is pressed, which posts
 * back to the same signed URL. Scanners follow links; they do not submit forms.
 */
export function confirmPage(look: PageLook, label: string): ResponsePage {
	const { phrases } = look;
	// the page's one action, so always the filled button (a Decline styled secondary in the email too)
	const body = [
		`<h1>${escapeHtml(phrases.confirmTitle)}</h1>`,
		`<p class="muted">${escapeHtml(phrases.confirmText)}</p>`,
		`<form method="post"><button type="submit" class="button primary">${escapeHtml(label)}</button></form>`,
	].join('\n');
	return renderPage(look, 200, phrases.confirmTitle, body);
}

/** A link followed after the wait's limit, before n8n's wait tracker has resumed the execution. */
export function expiredPage(look: PageLook, deadline: Date, timeZone: string): ResponsePage {
	const { phrases } = look;
	const date = escapeHtml(formatDeadline(deadline, look.language, timeZone));
	return messagePage(look, 410, STOP, phrases.expiredTitle, [fillPhrase(escapeHtml(phrases.expiredText), { date })]);
}

/** A signed link whose query does not fit this node (edited by hand, or the node was changed since). */
export function invalidLinkPage(look: PageLook): ResponsePage {
	const { phrases } = look;
	return messagePage(look, 400, STOP, phrases.invalidTitle, [escapeHtml(phrases.invalidText)]);
}

/** The node's settings cannot be read any more (edited since the email went out): nothing is recorded. */
export function unavailablePage(look: PageLook): ResponsePage {
	const { phrases } = look;
	return messagePage(look, 500, STOP, phrases.unavailableTitle, [escapeHtml(phrases.unavailableText)]);
}

/** "1. März 2026, 09:00 (Europe/Berlin)": the deadline as the page's readers write dates. */
export function formatDeadline(deadline: Date, language: PageLanguage, timeZone: string): string {
	const format = (zone: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(deadline);
	try {
		return `${format(timeZone)} (${timeZone})`;
	} catch {
		return `${format('UTC')} (UTC)`;
	}
}
