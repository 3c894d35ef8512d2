/**
 * Who is following an approval link: a person's browser, or a machine that fetches every link of
 * an email (Outlook Safe Links, Proofpoint and Mimecast gateways, antivirus, chat previews, Office's
 * link discovery, scripts). A machine must never approve, so the check leans one way: a request is
 * from a person only if it looks like a browser, and anything else gets a page with a button
 * instead of a recorded answer. A person misjudged as a machine loses one click; a scanner
 * misjudged as a person would approve for someone. Pure: no n8n imports.
 */

/** Words in a User-Agent that no person's browser sends (matched case-insensitively, as substrings). */
const AUTOMATION_MARKERS = [
	'bot',
	'crawl',
	'spider',
	'slurp',
	'preview',
	'scan',
	'headless',
	'phantomjs',
	'lighthouse',
	'validator',
	'monitor',
	'fetch',
	'proxy',
	'curl',
	'wget',
	'python',
	'java/',
	'okhttp',
	'go-http-client',
	'axios',
	'undici',
	'libwww',
	'httpclient',
	'http_request',
	'postman',
	'insomnia',
	'facebookexternalhit',
	'whatsapp',
	'telegram',
	'slack',
	'discord',
	'skype',
	'teams',
	'ms-office',
	'msoffice',
	'microsoft office',
	'office existence',
	'outlook-ios',
	'proofpoint',
	'mimecast',
	'barracuda',
	'symantec',
	'trendmicro',
	'trend micro',
	'sophos',
	'forcepoint',
	'fireeye',
	'ironport',
	'safelinks',
	'safe links',
	'virustotal',
] as const;

/** Headers a browser adds when it fetches a page ahead of a click (speculative prefetch, link previews). */
const PREFETCH_HEADERS = ['purpose', 'sec-purpose', 'x-purpose', 'x-moz'] as const;

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: RequestHeaders, name: string): string {
	const value = headers[name];
	return (Array.isArray(value) ? value.join(' ') : (value ?? '')).toLowerCase();
}

/** Why the request looks automated, or undefined when it looks like a person's browser. */
export function automatedRequestReason(headers: RequestHeaders): string | undefined {
	for (const name of PREFETCH_HEADERS) {
		if (/prefetch|preview|prerender/.test(header(headers, name))) return `${name} header asks for a prefetch`;
	}
	const userAgent = header(headers, 'user-agent').trim();
	if (!userAgent) return 'no User-Agent';
	// every browser of the last fifteen years starts its User-Agent so
	if (!userAgent.startsWith('mozilla/5.0')) return `User-Agent "${userAgent.slice(0, 40)}" is not a browser's`;
	const marker = AUTOMATION_MARKERS.find((word) => userAgent.includes(word));
	return marker ? `User-Agent contains "${marker}"` : undefined;
}

export function looksAutomated(headers: RequestHeaders): boolean {
	return automatedRequestReason(headers) !== undefined;
}
