/** Templates shared by the template tests. */
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

/** The TemplateError `run` throws (a test fails when it throws none). */
export function thrownBy(run: () => unknown): TemplateError {
	try {
		run();
	} catch (error) {
		return error as TemplateError;
	}
	throw new Error('expected an error');
}
