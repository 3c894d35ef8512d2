/**
 * The answer block of a Send and Wait email — the buttons (Approve / Decline, or one Respond link)
 * and the optional attribution line — written for each place it can go: MJML components, email
 * HTML, plain text. Where it goes is answerPlacement.ts's business. Pure: no n8n imports.
 *
 * MJML buttons are real <mj-button>s, so they render as bulletproof buttons in Outlook too, and a
 * primary button carries no colours of its own: it looks like every other <mj-button> of the
 * template (its <mj-attributes>). A template can restyle both kinds with
 * <mj-class name="mailshit-primary" …/> and <mj-class name="mailshit-secondary" …/>.
 */
import { escapeHtml } from '../../template';

export type ButtonStyle = 'primary' | 'secondary';

export interface AnswerButton {
	label: string;
	/** The signed resume URL this button opens. */
	url: string;
	style: ButtonStyle;
}

export interface AnswerBlock {
	buttons: readonly AnswerButton[];
	/** The attribution line, when Append n8n Attribution is on. */
	attribution?: { text: string; url: string };
}

/** MJML's own default <mj-button> colour and inner padding, for a secondary button when the template sets none. */
const MJML_BUTTON_COLOUR = '#414141';
const MJML_BUTTON_PADDING = '10px 25px';
const OUTLINE_PX = 2;
const MUTED = '#6b7280';
const HTML_FONT = 'Arial, Helvetica, sans-serif';

/** What of the template's own styling the MJML buttons follow. */
export interface MjmlButtonLook {
	/** The template defines <mj-class name="mailshit-primary|secondary">. */
	classes: ReadonlySet<ButtonStyle>;
	/** background-color of <mj-button> in the template's <mj-attributes>, for the outline of a secondary button. */
	buttonColour: string;
	/**
	 * The inner padding of a secondary button: the template's (or MJML's) less the outline, so an
	 * outlined button is exactly as high as a filled one beside it. Undefined when not in pixels.
	 */
	outlinedPadding?: string;
}

/** "10px 25px" → "8px 23px": every value less the outline width; undefined unless all are px. */
function lessOutline(padding: string): string | undefined {
	const values = padding.trim().split(/\s+/);
	if (!values.every((value) => /^\d+(\.\d+)?px$/.test(value))) return undefined;
	return values.map((value) => `${Math.max(0, parseFloat(value) - OUTLINE_PX)}px`).join(' ');
}

/** Reads the template's button styling from its source (the answer block is added before compiling). */
export function mjmlButtonLook(source: string): MjmlButtonLook {
	const classes = new Set<ButtonStyle>();
	for (const style of ['primary', 'secondary'] as const) {
		if (new RegExp(`<mj-class\\b[^>]*\\bname\\s*=\\s*["']mailshit-${style}["']`, 'i').test(source)) classes.add(style);
	}
	const attributes = /<mj-attributes\b[^>]*>([\s\S]*?)<\/mj-attributes\s*>/i.exec(source)?.[1] ?? '';
	const buttonDefaults = /<mj-button\b[^>]*>/i.exec(attributes)?.[0] ?? '';
	const colour = /\bbackground-color\s*=\s*["']([^"']+)["']/i.exec(buttonDefaults)?.[1];
	const padding = /\binner-padding\s*=\s*["']([^"']+)["']/i.exec(buttonDefaults)?.[1] ?? MJML_BUTTON_PADDING;
	const outlinedPadding = lessOutline(padding);
	return {
		classes,
		buttonColour: colour && /^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(colour) ? colour : MJML_BUTTON_COLOUR,
		...(outlinedPadding ? { outlinedPadding } : {}),
	};
}

function mjmlButton(button: AnswerButton, look: MjmlButtonLook, align?: string): string {
	const attributes = [`href="${escapeHtml(button.url)}"`, 'target="_blank"'];
	if (align) attributes.push(`align="${align}"`);
	if (look.classes.has(button.style)) {
		attributes.push(`mj-class="mailshit-${button.style}"`);
	} else if (button.style === 'secondary') {
		const colour = escapeHtml(look.buttonColour);
		attributes.push('background-color="#ffffff"', `color="${colour}"`, `border="${OUTLINE_PX}px solid ${colour}"`);
		if (look.outlinedPadding) attributes.push(`inner-padding="${look.outlinedPadding}"`);
	}
	return `<mj-button ${attributes.join(' ')}>${escapeHtml(button.label)}</mj-button>`;
}

/** Buttons for a place inside an <mj-column> (or <mj-hero>): one under the other. */
export function mjmlButtons(block: AnswerBlock, look: MjmlButtonLook): string {
	return block.buttons.map((button) => mjmlButton(button, look)).join('\n');
}

/** A whole <mj-section> for a place between sections: two buttons side by side, stacked on phones. */
export function mjmlButtonSection(block: AnswerBlock, look: MjmlButtonLook): string {
	const { buttons } = block;
	const columns =
		buttons.length === 1
			? [`<mj-column>${mjmlButton(buttons[0], look, 'center')}</mj-column>`]
			: buttons.map((button, index) => `<mj-column>${mjmlButton(button, look, index === 0 ? 'right' : 'left')}</mj-column>`);
	return `<mj-section>\n${columns.join('\n')}\n</mj-section>`;
}

export function mjmlAttributionSection(block: AnswerBlock): string {
	if (!block.attribution) return '';
	return `<mj-section><mj-column><mj-text align="center" font-size="12px" color="${MUTED}">${attributionLink(block)}</mj-text></mj-column></mj-section>`;
}

function attributionLink(block: AnswerBlock): string {
	const { text, url } = block.attribution!;
	return `<a href="${escapeHtml(url)}" target="_blank" style="color:${MUTED};text-decoration:underline">${escapeHtml(text)}</a>`;
}

/** Email-safe HTML buttons (a table of padded cells, what Outlook's Word engine still draws). */
export function htmlButtons(block: AnswerBlock): string {
	const cells = block.buttons.map((button) => {
		const primary = button.style === 'primary';
		const background = primary ? MJML_BUTTON_COLOUR : '#ffffff';
		const colour = primary ? '#ffffff' : MJML_BUTTON_COLOUR;
		const link =
			`<a href="${escapeHtml(button.url)}" target="_blank" style="display:inline-block;padding:10px 25px;font-family:${HTML_FONT};` +
			`font-size:15px;line-height:1.2;color:${colour};text-decoration:none;border-radius:3px;border:2px solid ${MJML_BUTTON_COLOUR}">` +
			`${escapeHtml(button.label)}</a>`;
		return `<td style="border-radius:3px;background:${background}" bgcolor="${background}">${link}</td>`;
	});
	return (
		'<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:16px 0"><tr>' +
		cells.join('<td style="width:12px">&nbsp;</td>') +
		'</tr></table>'
	);
}

export function htmlAttribution(block: AnswerBlock): string {
	if (!block.attribution) return '';
	return `<p style="margin:24px 0 0;font-family:${HTML_FONT};font-size:12px;color:${MUTED};text-align:center">${attributionLink(block)}</p>`;
}

/** One "Label: URL" line per button: a text part's links stay whole and readable. */
export function textButtons(block: AnswerBlock): string {
	return block.buttons.map((button) => `${button.label}: ${button.url}`).join('\n');
}

export function textAttribution(block: AnswerBlock): string {
	return block.attribution ? `${block.attribution.text}: ${block.attribution.url}` : '';
}
