/**
 * Which web fonts MJML may link to.
 *
 * Left alone, MJML links Google Fonts for any of five families it finds in the output — and its
 * own default mj-text font is "Ubuntu, Helvetica, Arial", so every email would make the
 * recipient's mail client call fonts.googleapis.com although the author never asked for a web
 * font. We pass MJML only the families the template itself names in a font-family (attribute,
 * mj-attributes or CSS); fonts declared with <mj-font> are always honoured (MJML adds those itself).
 */

// mjml-core 5.4's built-in map (src/index.js), so a template naming "Lato" gets the same link as with plain MJML.
const MJML_DEFAULT_FONTS: Readonly<Record<string, string>> = {
	'Open Sans': 'https://fonts.googleapis.com/css?family=Open+Sans:300,400,500,700',
	'Droid Sans': 'https://fonts.googleapis.com/css?family=Droid+Sans:300,400,500,700',
	Lato: 'https://fonts.googleapis.com/css?family=Lato:300,400,500,700',
	Roboto: 'https://fonts.googleapis.com/css?family=Roboto:300,400,500,700',
	Ubuntu: 'https://fonts.googleapis.com/css?family=Ubuntu:300,400,500,700',
};

// font-family="…" / font-family='…' (MJML attributes) and font-family: … (CSS in mj-style or style="").
// CSS names may be quoted either way ("Open Sans", 'Lato').
const FONT_FAMILY_DECLARATION = /font-family\s*(?:=\s*(?:"[^"]*"|'[^']*')|:(?:[^;}<>"]|"[^"]*")*)/gi;

/**
 * A fresh object on every call: MJML adds <mj-font> declarations into the object it is given,
 * so a shared one would carry one template's fonts into the next.
 */
export function chooseFonts(mjmlSource: string): Record<string, string> {
	const declarations = (mjmlSource.match(FONT_FAMILY_DECLARATION) ?? []).join('\n').toLowerCase();
	const fonts: Record<string, string> = {};
	for (const [name, url] of Object.entries(MJML_DEFAULT_FONTS)) {
		if (declarations.includes(name.toLowerCase())) fonts[name] = url;
	}
	return fonts;
}
