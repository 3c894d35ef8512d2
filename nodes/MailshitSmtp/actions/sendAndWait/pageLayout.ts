/**
 * The frame of every response page: one small HTML document with its own CSS, no script, no
 * external request, readable on a phone and with a screen reader, and the headers it is sent with.
 * Pure: no n8n imports.
 */
import { escapeHtml } from '../../template';
import type { PageLanguage, Phrases } from './phrases';

/** What every page of one request shares: its language and the user's styling. */
export interface PageLook {
	language: PageLanguage;
	phrases: Phrases;
	/** Response Form Custom Styling: added after our CSS, so it wins. */
	customCss: string;
	attribution?: { text: string; url: string };
}

export interface ResponsePage {
	status: number;
	html: string;
}

/** The variables a user's CSS can change (also the default of the Custom Styling option). */
export const PAGE_CSS_VARIABLES = `:root {
	--mailshit-font: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
	--mailshit-background: #f3f4f6;
	--mailshit-card: #ffffff;
	--mailshit-text: #1f2937;
	--mailshit-muted: #4b5563;
	--mailshit-border: #9ca3af;
	--mailshit-button: #414141;
	--mailshit-button-text: #ffffff;
	--mailshit-focus: #2563eb;
	--mailshit-error: #b91c1c;
	--mailshit-success: #15803d;
	--mailshit-radius: 8px;
	--mailshit-width: 32rem;
}`;

const PAGE_CSS = `${PAGE_CSS_VARIABLES}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1rem;padding:1.5rem 1rem;background:var(--mailshit-background);color:var(--mailshit-text);font:1rem/1.5 var(--mailshit-font)}
main{width:100%;max-width:var(--mailshit-width);background:var(--mailshit-card);border-radius:var(--mailshit-radius);padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}
p{margin:0 0 .75rem}
.muted{color:var(--mailshit-muted)}
.icon{font-size:2rem;line-height:1;margin-bottom:.75rem}
.icon.done{color:var(--mailshit-success)}
.icon.stop{color:var(--mailshit-error)}
.description{white-space:pre-line}
form{margin:1.25rem 0 0}
.field{margin:0 0 1.25rem;border:0;padding:0}
label,legend{display:block;font-weight:600;margin:0 0 .375rem;padding:0}
.choice{display:flex;align-items:center;gap:.5rem;font-weight:400;margin:.25rem 0}
.required{font-weight:400;color:var(--mailshit-muted)}
input:not([type=radio]):not([type=checkbox]),select,textarea{display:block;width:100%;padding:.625rem .75rem;border:1px solid var(--mailshit-border);border-radius:calc(var(--mailshit-radius) / 2);font:inherit;color:inherit;background:#fff}
textarea{min-height:8rem;resize:vertical}
input[type=radio],input[type=checkbox]{width:1.125rem;height:1.125rem;margin:0}
[aria-invalid=true]{border-color:var(--mailshit-error)!important;outline:1px solid var(--mailshit-error)}
.error{color:var(--mailshit-error);font-weight:600;margin:.375rem 0 0}
.summary{border-left:4px solid var(--mailshit-error);padding:.5rem .75rem;margin:0 0 1.25rem;background:#fef2f2}
.summary p{font-weight:600;margin:0}
.summary ul{margin:.25rem 0 0;padding-left:1.25rem}
.summary a{color:var(--mailshit-error)}
.button{display:inline-block;min-width:8rem;padding:.75rem 1.5rem;border:2px solid var(--mailshit-button);border-radius:calc(var(--mailshit-radius) / 2);background:var(--mailshit-button);color:var(--mailshit-button-text);font:inherit;font-weight:600;cursor:pointer}
.button.secondary{background:transparent;color:var(--mailshit-button)}
:focus-visible{outline:3px solid var(--mailshit-focus);outline-offset:2px}
footer{font-size:.8125rem;color:var(--mailshit-muted)}
footer a{color:inherit}
@media (prefers-reduced-motion:no-preference){.button{transition:filter .15s}.button:hover{filter:brightness(1.15)}}`;

/** CSS can end its <style> element with "</style"; in CSS "\3c " is the same "<". */
function inertCss(css: string): string {
	return css.replace(/</g, '\\3c ');
}

/** A complete page: `body` is trusted markup built by the page functions, `title` is text. */
export function renderPage(look: PageLook, status: number, title: string, body: string): ResponsePage {
	const custom = look.customCss.trim() ? `\n<style>${inertCss(look.customCss)}</style>` : '';
	const footer = look.attribution
		? `\n<footer><a href="${escapeHtml(look.attribution.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(look.attribution.text)}</a></footer>`
		: '';
	const html = `<!doctype html>
<html lang="${look.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>${custom}
</head>
<body>
<main>
${body}
</main>${footer}
</body>
</html>
`;
	return { status, html };
}

/**
 * Sent with every page. No script may run and nothing loads from elsewhere; forms post back to the
 * page's own URL only; the signed link never leaves in a Referer; no cache or search engine keeps it.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'X-Robots-Tag': 'noindex, nofollow',
};
