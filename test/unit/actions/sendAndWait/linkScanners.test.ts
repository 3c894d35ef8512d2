import { automatedRequestReason } from '../../../../nodes/MailshitSmtp/actions/sendAndWait/linkScanners';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

describe('who may answer with one click', () => {
	it.each([
		['Chrome on Windows', CHROME],
		['Edge', `${CHROME} Edg/124.0.0.0`],
		['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'],
		['Safari on iPhone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'],
		['Samsung Internet', 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36'],
	])('%s: a person', (_who, userAgent) => {
		expect(automatedRequestReason({ 'user-agent': userAgent })).toBeUndefined();
	});

	it.each([
		['no User-Agent', {}, 'no User-Agent'],
		['curl', { 'user-agent': 'curl/8.5.0' }, 'is not a browser'],
		["Node's fetch", { 'user-agent': 'node' }, 'is not a browser'],
		['python-requests', { 'user-agent': 'python-requests/2.31.0' }, 'is not a browser'],
		['Office link discovery', { 'user-agent': 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)' }, 'is not a browser'],
		['Googlebot', { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }, '"bot"'],
		['Slack unfurling', { 'user-agent': 'Mozilla/5.0 (compatible; Slackbot-LinkExpanding 1.0; +https://api.slack.com/robots)' }, '"bot"'],
		['Teams / Skype preview', { 'user-agent': 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5' }, '"preview"'],
		['Headless Chrome', { 'user-agent': CHROME.replace('Chrome/', 'HeadlessChrome/') }, '"headless"'],
		['a gateway that admits itself', { 'user-agent': `${CHROME} (Mimecast)` }, '"mimecast"'],
		['Gmail image proxy', { 'user-agent': 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' }, '"proxy"'],
		['a prefetch', { 'user-agent': CHROME, 'sec-purpose': 'prefetch;prerender' }, 'prefetch'],
		['a Firefox prefetch', { 'user-agent': CHROME, 'x-moz': 'prefetch' }, 'prefetch'],
	])('%s: automated', (_who, headers, reason) => {
		expect(automatedRequestReason(headers)).toContain(reason);
	});
});
