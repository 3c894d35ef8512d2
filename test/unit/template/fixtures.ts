/** Templates shared by the template tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TemplateError } from '../../../nodes/MailshitSmtp/template';

/** A ~100-line newsletter with five variables, the shape of a real campaign. */
export const NEWSLETTER_MJML = `<mjml>
  <mj-head>
    <mj-title>Your order {{order.id}} has shipped</mj-title>
    <mj-preview>Hi {{first_name|there}}, your parcel is on its way</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="22px" color="#333333" />
      <mj-button background-color="#1a73e8" color="#ffffff" font-weight="bold" />
    </mj-attributes>
    <mj-style>
      .footer-link { color: #888888; text-decoration: underline; }
      .order-table td { padding: 4px 0; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#f4f4f4" width="600px">
    <mj-section background-color="#ffffff" padding="20px 0">
      <mj-column>
        <mj-image src="https://cdn.example.com/logo.png" alt="Example Shop" width="120px" href="https://shop.example.com" />
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 0 20px">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold">
          Good news, {{first_name|there}}!
        </mj-text>
        <mj-text>
          Your order <strong>#{{order.id}}</strong> left our warehouse today. You can follow
          the parcel with the button below; the tracking page updates a few times a day.
        </mj-text>
        <mj-button href="{{tracking_url}}">Track my parcel</mj-button>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 0 20px">
      <mj-column width="60%">
        <mj-text font-weight="bold">Order summary</mj-text>
        <mj-table css-class="order-table">
          <tr>
            <td>Order</td>
            <td style="text-align:right">#{{order.id}}</td>
          </tr>
          <tr>
            <td>Total</td>
            <td style="text-align:right">{{order.total}}</td>
          </tr>
          <tr>
            <td>Shipping</td>
            <td style="text-align:right">Free</td>
          </tr>
        </mj-table>
      </mj-column>
      <mj-column width="40%">
        <mj-image src="https://cdn.example.com/parcel.png" alt="Parcel" width="160px" />
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff">
      <mj-column>
        <mj-divider border-color="#eeeeee" border-width="1px" />
        <mj-text>
          Questions? Reply to this email or visit our
          <a href="https://shop.example.com/help">help centre</a>.
        </mj-text>
      </mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-raw>
          <!--[if mso]><p style="margin:0">Viewing in Outlook? <a href="https://shop.example.com/view/{{order.id}}">Open in browser</a></p><![endif]-->
        </mj-raw>
        <mj-social font-size="13px" icon-size="24px" mode="horizontal">
          <mj-social-element name="facebook-noshare" href="https://facebook.com/example">Facebook</mj-social-element>
          <mj-social-element name="instagram" href="https://instagram.com/example">Instagram</mj-social-element>
        </mj-social>
        <mj-text align="center" font-size="12px" color="#888888">
          Example Shop, 1 Example Street, Springfield
        </mj-text>
        <mj-text align="center" font-size="12px">
          <a class="footer-link" href="{{unsubscribe_url}}">Unsubscribe</a>
          ·
          <a class="footer-link" href="https://shop.example.com/preferences">Preferences</a>
        </mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="10px 0">
      <mj-column>
        <mj-spacer height="10px" />
        <mj-text align="center" font-size="11px" color="#aaaaaa">
          You receive this email because you ordered at Example Shop.
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

export const NEWSLETTER_VALUES = {
	first_name: 'Ada',
	order: { id: 'A-1042', total: '€ 59.90' },
	tracking_url: 'https://track.example.com/?id=A-1042&lang=en',
	unsubscribe_url: 'https://shop.example.com/unsubscribe?u=ada%40example.com&sig=abc',
};

/** A minimal document around some mj-column content (and optional mj-head content). */
export function mjmlDocument(column: string, head = ''): string {
	return `<mjml>${head ? `<mj-head>${head}</mj-head>` : ''}<mj-body><mj-section><mj-column>${column}</mj-column></mj-section></mj-body></mjml>`;
}

/** Every component of MJML's standard set with most of their attributes, in one document. */
export const ALL_COMPONENTS_MJML = readFileSync(path.join(__dirname, 'allComponents.mjml'), 'utf8');

/**
 * Templates the cached path serves (compile once, fill per item), one per thing MJML treats
 * specially. `{{v|}}`: optional, so the empty value is a value, not a missing variable.
 */
export const CACHED_TEMPLATES: Array<[string, string]> = [
	['text', mjmlDocument('<mj-text>Hello {{v|}}, welcome</mj-text>')],
	['text, variable alone', mjmlDocument('<mj-text>\n  {{v|}}\n</mj-text>')],
	['text, raw HTML', mjmlDocument('<mj-text><p>{{{v|}}}</p></mj-text>')],
	['button href and label', mjmlDocument('<mj-button href="{{v|}}">Go {{v|}}</mj-button>')],
	['image src, href, alt, title', mjmlDocument('<mj-image src="https://cdn.x/{{v|}}.png" href="{{v|}}" alt="{{v|}}" title="{{v|}}" />')],
	['mj-title and mj-preview', mjmlDocument('<mj-text>x</mj-text>', '<mj-title>{{v|}} - Shop</mj-title><mj-preview>{{v|}}</mj-preview>')],
	[
		'background-url, duplicated into Outlook VML',
		'<mjml><mj-body><mj-section background-url="https://cdn.x/{{v|}}.jpg"><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>',
	],
	['mso conditional in mj-raw', mjmlDocument('<mj-raw><!--[if mso]><p>{{v|}}</p><![endif]--></mj-raw><mj-text>x</mj-text>')],
	['comment', mjmlDocument('<!-- sent to {{v|}} --><mj-text>x</mj-text>')],
	['social element (share link built with String.replace)', mjmlDocument('<mj-social><mj-social-element name="facebook" href="{{v|}}">{{v|}}</mj-social-element></mj-social>')],
	['navbar link', mjmlDocument('<mj-navbar base-url="https://x.io"><mj-navbar-link href="/{{v|}}">{{v|}}</mj-navbar-link></mj-navbar>')],
	['table', mjmlDocument('<mj-table><tr><td>{{v|}}</td><td>{{{v|}}}</td></tr></mj-table>')],
	['accordion', mjmlDocument('<mj-accordion><mj-accordion-element><mj-accordion-title>{{v|}}</mj-accordion-title><mj-accordion-text>{{v|}}</mj-accordion-text></mj-accordion-element></mj-accordion>')],
	['carousel', mjmlDocument('<mj-carousel><mj-carousel-image src="https://cdn.x/{{v|}}.png" alt="{{v|}}" /></mj-carousel>')],
	['mj-style CSS', mjmlDocument('<mj-text css-class="c">x</mj-text>', "<mj-style>.c div { background: url('{{v|}}'); }</mj-style>")],
	['inline mj-style with an escaped variable', mjmlDocument('<mj-text css-class="c">x {{v|}}</mj-text>', '<mj-style inline="inline">.c { color: red; }</mj-style>')],
	['mj-attributes default href', mjmlDocument('<mj-button>Go</mj-button>', '<mj-attributes><mj-button href="{{v|}}" /></mj-attributes>')],
	['mj-raw written inside mj-text (text to MJML)', mjmlDocument('<mj-text>Hello <mj-raw>{{v|}}</mj-raw></mj-text>')],
	['unquoted attributes inside mj-text', mjmlDocument('<mj-text><a href={{v|}} title={{v|}}>x</a></mj-text>')],
	['file-start mj-raw', '<mjml><mj-raw position="file-start">{{v|}}</mj-raw><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>'],
];

/** Templates only the per-item path can serve: [name, template, the reason the node gives]. */
export const PER_ITEM_TEMPLATES: Array<[string, string, string]> = [
	['raw MJML between sections', '<mjml><mj-body>{{{v|}}}<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>', 'inserts markup between <mj-body> tags'],
	['typed attribute', mjmlDocument('<mj-text padding="{{v|10px}}">x</mj-text>'), 'is in the padding attribute of <mj-text>'],
	['unit inside an attribute', mjmlDocument('<mj-image width="{{v|100}}px" src="a.png" />'), 'is in the width attribute of <mj-image>'],
	['color attribute', '<mjml><mj-body><mj-section background-color="{{v|#fff}}"><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>', 'background-color attribute of <mj-section>'],
	[
		'css-class (MJML derives Outlook class names from each word)',
		'<mjml><mj-body><mj-section><mj-column css-class="{{v|}}"><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>',
		'css-class attribute of <mj-column>',
	],
	['font-family (decides the web fonts)', mjmlDocument('<mj-text font-family="{{v|Lato}}">x</mj-text>'), 'font-family attribute'],
	['inside mj-html-attributes', mjmlDocument('<mj-text css-class="c">x</mj-text>', '<mj-html-attributes><mj-selector path=".c div"><mj-html-attribute name="data-v">{{v|}}</mj-html-attribute></mj-selector></mj-html-attributes>'), 'inside <mj-html-attributes>'],
	['raw value with inline mj-style', mjmlDocument('<mj-text css-class="c">{{{v|}}}</mj-text>', '<mj-style inline="inline">.c { color: red; }</mj-style>'), 're-serialise the whole document'],
];

/** The TemplateError `run` throws (a test fails when it throws none). */
export function thrownBy(run: () => unknown): TemplateError {
	try {
		run();
	} catch (error) {
		return error as TemplateError;
	}
	throw new Error('expected an error');
}
