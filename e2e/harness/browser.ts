/**
 * A real browser for the editor suite (`npm run test:ui`): Debian's chromium driven by
 * playwright-core, which downloads no browser of its own.
 *
 * Chromium runs headless with a fresh profile. Without --disable-background-networking (and the
 * component-update and sync flags) it keeps calling Google's services, which a closed network
 * answers with a flood of refused connections. It is launched over a pipe: when this process dies,
 * even by SIGKILL, the pipe closes and chromium exits with it (checked), so no watchdog is needed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.MAILSHIT_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface EditorBrowser {
	context: BrowserContext;
	page: Page;
	/** Console errors and failed requests the pages reported, for the suite to judge. */
	problems: string[];
	close(): Promise<void>;
}

export interface BrowserOptions {
	/** Only these origins are reachable; anything else (the npm registry the editor asks about community nodes) is aborted. */
	allowedOrigins: string[];
	viewport?: { width: number; height: number };
	/** Default for every wait of the page (clicks, fills, waitFor). */
	timeoutMs?: number;
	/** The browser's User-Agent; default: chromium's own (headless chromium says "HeadlessChrome"). */
	userAgent?: string;
}

export async function launchEditorBrowser(options: BrowserOptions): Promise<EditorBrowser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium), or set MAILSHIT_CHROMIUM`);
	}
	// n8n marks its elements with data-test-id, not Playwright's default data-testid
	selectors.setTestIdAttribute('data-test-id');
	const profile = mkdtempSync(path.join(tmpdir(), 'mailshit-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: options.viewport ?? { width: 1440, height: 900 },
			...(options.userAgent ? { userAgent: options.userAgent } : {}),
			timeout: 60_000,
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	const problems: string[] = [];
	const allowed = (url: string) => url.startsWith('data:') || url.startsWith('blob:') || options.allowedOrigins.some((origin) => url.startsWith(origin));
	await context.route(
		(url) => !allowed(url.href),
		(route) => route.abort('blockedbyclient'),
	);
	context.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`);
	});
	context.on('requestfailed', (request) => {
		if (allowed(request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
	});
	context.on('response', (response) => {
		if (response.status() >= 400 && allowed(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
	});
	const page = context.pages()[0] ?? (await context.newPage());
	context.setDefaultTimeout(options.timeoutMs ?? 20_000);
	let closed = false;
	return {
		context,
		page,
		problems,
		close: async () => {
			if (closed) return;
			closed = true;
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
