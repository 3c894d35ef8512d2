/**
 * What a person does in the n8n 2.x editor, as Playwright steps on n8n's own `data-test-id`s
 * (the ones n8n's Playwright suite uses, packages/testing/playwright/pages, checked against the
 * 2.41 editor): the owner form, the credential modal, the node creator, the canvas and the node
 * details view (NDV). Every wait is bounded by the page's default timeout; none sleeps.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';
import type { CredentialTestResult } from '../harness/n8nRest';

/** n8n's banner text for a credential test with status OK (CredentialConfig.vue, locale string
 * credentialEdit.credentialConfig.connectionTestedSuccessfully): fixed, whatever the test says. */
export const TEST_OK_BANNER = 'Connection tested successfully';
/** The error banner's title; the test's own message is its details, behind "More details". */
export const TEST_ERROR_BANNER = /Couldn.t connect with these settings/;

/** Numbered PNGs of every step, in a folder the suite prints. */
export class Screenshots {
	private count = 0;
	readonly files: string[] = [];

	constructor(readonly dir: string) {
		mkdirSync(dir, { recursive: true });
	}

	async take(page: Page, name: string, options: { fullPage?: boolean; locator?: Locator } = {}): Promise<string> {
		const file = path.join(this.dir, `${String(++this.count).padStart(2, '0')}-${name}.png`);
		// transitions (a dropdown fading out, a modal sliding in) are finished first: what is shown is where they end
		if (options.locator) await options.locator.screenshot({ path: file, animations: 'disabled' });
		else await page.screenshot({ path: file, fullPage: options.fullPage, animations: 'disabled' });
		this.files.push(file);
		return file;
	}
}

export class N8nEditor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	// ------------------------------------------------------------------ owner setup

	/** The form n8n shows on a fresh instance (/setup). */
	async setupOwner(owner: { email: string; firstName: string; lastName: string; password: string }): Promise<void> {
		await this.page.goto(`${this.baseUrl}/`);
		await this.page.waitForURL(/\/setup/);
		const form = this.page.getByTestId('setup-form');
		await form.locator('input[name=email]').fill(owner.email);
		await form.locator('input[name=firstName]').fill(owner.firstName);
		await form.locator('input[name=lastName]').fill(owner.lastName);
		await form.locator('input[name=password]').fill(owner.password);
	}

	async submitOwnerSetup(): Promise<void> {
		const setup = this.page.waitForResponse((r) => r.url().endsWith('/rest/owner/setup'));
		await this.page.getByTestId('form-submit-button').click();
		const response = await setup;
		if (!response.ok()) throw new Error(`owner setup answered HTTP ${response.status()}: ${await response.text()}`);
		await this.page.waitForURL((url) => !url.pathname.startsWith('/setup'));
	}

	/** Settings > Personal > Theme, as a user switches it (n8n keeps the choice in localStorage N8N_THEME). */
	async chooseTheme(theme: 'Light' | 'Dark' | 'System default'): Promise<void> {
		await this.page.goto(`${this.baseUrl}/settings/personal`);
		await this.selectOption(this.page.getByTestId('theme-select'), theme);
		await this.page.getByTestId('save-settings-button').click();
		if (theme !== 'System default') await this.page.locator(`body[data-theme="${theme.toLowerCase()}"]`).waitFor({ state: 'attached' });
	}

	// ------------------------------------------------------------------ credentials

	get credentialModal(): Locator {
		return this.page.getByTestId('editCredential-modal');
	}

	/** Overview > Credentials > Create credential > search the type > Continue. */
	async openNewCredential(typeDisplayName: string, search: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/home/credentials`);
		await this.page.getByTestId('add-resource-credential').first().click();
		const picker = this.page.getByTestId('selectCredential-modal');
		await picker.getByRole('combobox').fill(search);
		// exactly this type: "mailshit SMTP" is also the start of "mailshit SMTP OAuth2 API"
		await this.page
			.getByTestId('new-credential-type-select-option')
			.filter({ has: this.page.getByText(typeDisplayName, { exact: true }) })
			.click();
		await this.page.getByTestId('new-credential-type-button').click();
		await this.credentialModal.waitFor();
		await this.credentialParameter('provider').waitFor();
	}

	async renameCredential(name: string): Promise<void> {
		await this.credentialModal.getByTestId('credential-name').click();
		const input = this.credentialModal.getByTestId('credential-name').getByTestId('inline-edit-input');
		await input.fill(name);
		await input.press('Enter');
	}

	credentialParameter(name: string): Locator {
		return this.credentialModal.getByTestId(`parameter-input-${name}`);
	}

	/** Fills fields and leaves each (a number field takes its value on blur, not on input). */
	async fillCredential(values: Record<string, string | number>): Promise<void> {
		for (const [name, value] of Object.entries(values)) {
			const input = this.credentialParameter(name).locator('input, textarea').first();
			await input.fill(String(value));
			await input.blur();
		}
	}

	/** Flips a boolean field as a user does, on its switch (the checkbox inside it is visually hidden). */
	async toggleCredentialSwitch(name: string): Promise<void> {
		await this.credentialParameter(name).locator('.el-switch').click();
	}

	/** Whether a field hides what is typed: a password input, or a multi-line field n8n masks with CSS. */
	async isCredentialFieldMasked(name: string): Promise<boolean> {
		// runs in the page: the DOM's types, written out (this project compiles without lib.dom)
		type PageElement = { getAttribute(name: string): string | null };
		type PageWindow = { getComputedStyle(element: PageElement): { getPropertyValue(property: string): string } };
		return this.credentialParameter(name)
			.locator('input, textarea')
			.first()
			.evaluate((element) => {
				const field = element as unknown as PageElement;
				const style = (globalThis as unknown as PageWindow).getComputedStyle(field);
				return field.getAttribute('type') === 'password' || style.getPropertyValue('-webkit-text-security') === 'disc';
			});
	}

	/**
	 * Picks an option of an n8n select: an `options` parameter, or a node's credential (its option also
	 * names the type). An option's name runs on into its description ("Send Render the template…"), so
	 * one whose own title is longer ("Send and Wait for Response") is left out by that title.
	 */
	async selectOption(input: Locator, option: string): Promise<void> {
		await input.click();
		const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const otherTitle = this.page.locator('.option-headline', { hasNotText: new RegExp(`^\\s*${escaped}\\s*$`) });
		const choice = this.page.getByRole('option', { name: new RegExp(`^${escaped}(\\s|$)`) }).filter({ hasNot: otherTitle });
		await choice.click();
		await choice.waitFor({ state: 'hidden' });
	}

	/** The names of the credential's fields that are on screen, in order. */
	async visibleCredentialFields(): Promise<string[]> {
		// runs in the page: the DOM's types, written out (this project compiles without lib.dom)
		type PageElement = { offsetParent: unknown; getAttribute(name: string): string | null; querySelector(selector: string): PageElement | null };
		return this.credentialModal.getByTestId('credential-connection-parameter').evaluateAll((forms) =>
			(forms as unknown as PageElement[])
				.map((form) => form.querySelector('[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])'))
				.filter((input): input is PageElement => !!input && input.offsetParent !== null)
				.map((input) => String(input.getAttribute('data-test-id')).replace('parameter-input-', '')),
		);
	}

	/**
	 * Save, as the user clicks it: n8n stores the credential, then runs its test
	 * (POST /rest/credentials/test). Resolves with what the test returned to the editor.
	 */
	async saveCredential(): Promise<{ result: CredentialTestResult; response: Response }> {
		const tested = this.page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST');
		await this.credentialModal.getByTestId('credential-save-button').click();
		const response = await tested;
		const body = (await response.json()) as { data: CredentialTestResult };
		return { result: body.data, response };
	}

	get testOkBanner(): Locator {
		return this.credentialModal.getByTestId('credentials-config-container-test-success');
	}

	/** The error banner, opened: its details are the test's message. */
	async openTestErrorDetails(): Promise<Locator> {
		const banner = this.credentialModal.getByText(TEST_ERROR_BANNER).first();
		await banner.waitFor();
		await this.credentialModal.getByText('More details', { exact: true }).click();
		return this.credentialModal.getByTestId('node-credentials-config-container');
	}

	async closeCredentialModal(): Promise<void> {
		await this.credentialModal.getByRole('button', { name: 'Close this dialog' }).click();
		await this.credentialModal.waitFor({ state: 'hidden' });
	}

	// ------------------------------------------------------------------ canvas and node creator

	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.getByTestId('canvas-plus-button').waitFor();
	}

	get nodeCreator(): Locator {
		return this.page.getByTestId('node-creator');
	}

	nodeCreatorItem(name: string): Locator {
		return this.nodeCreator.getByTestId('item-iterator-item').filter({ has: this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) });
	}

	async searchNodes(text: string): Promise<void> {
		await this.page.getByTestId('node-creator-search-bar').fill(text);
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** The + at a node's output, which opens the node creator for "What happens next?". */
	async openNodeCreatorAfter(nodeName: string): Promise<void> {
		await this.page.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${nodeName}"] [data-test-id="canvas-handle-plus"]`).first().click();
		await this.page.getByTestId('node-creator-search-bar').waitFor();
	}

	// ------------------------------------------------------------------ node details view

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	nodeParameter(name: string): Locator {
		return this.ndv.getByTestId(`parameter-input-${name}`);
	}

	/** Types into a node's text field key by key, as a person does (a paste would differ: see README). */
	async typeNodeParameter(name: string, text: string): Promise<void> {
		const input = this.nodeParameter(name).locator('input, textarea').first();
		await input.fill('');
		await input.pressSequentially(text);
	}

	/** Replaces the text of a field that is not empty (n8n's default template). */
	async replaceNodeParameter(name: string, text: string): Promise<void> {
		await this.nodeParameter(name).locator('input, textarea').first().fill(text);
	}

	/** Whether n8n switched the field to an expression (its inline expression editor is shown). */
	async isExpression(name: string): Promise<boolean> {
		return (await this.nodeParameter(name).getByTestId('inline-expression-editor-input').count()) > 0;
	}

	/** Opens a node of the canvas in the node details view, as a double-click does. */
	async openNode(name: string): Promise<void> {
		await this.canvasNode(name).dblclick();
		await this.ndv.waitFor();
	}

	async closeNdv(): Promise<void> {
		await this.ndv.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	get outputPanel(): Locator {
		return this.ndv.getByTestId('output-panel');
	}

	/**
	 * The output panel's Binary view, then "View" on the file in binary property `property` of
	 * the first item: n8n's binary viewer, as a user opens it. Resolves with the viewer's window.
	 */
	async openBinaryViewer(property: string): Promise<Locator> {
		await this.outputPanel.getByTestId('radio-button-binary').click();
		const card = this.outputPanel.getByTestId('ndv-binary-data_0').filter({ hasText: property }).first();
		await card.waitFor();
		await card.getByTestId('ndv-view-binary-data').click();
		const viewer = this.page.locator('.binary-data-window');
		await viewer.waitFor();
		return viewer;
	}

	/**
	 * "Execute step" in the NDV, then the output panel in JSON view once it shows `expected`
	 * (text of this run only, so an earlier run's output is never taken for it). A node error
	 * shown instead fails with its message.
	 */
	async executeStep(expected: RegExp): Promise<string> {
		const started = this.page.waitForResponse((r) => /\/rest\/workflows\/[^/]+\/run/.test(r.url()) && r.request().method() === 'POST');
		await this.ndv.getByTestId('node-execute-button').click();
		const response = await started;
		if (!response.ok()) throw new Error(`run answered HTTP ${response.status()}: ${await response.text()}`);
		const error = this.outputPanel.getByTestId('node-error-message');
		const jsonView = this.outputPanel.getByTestId('radio-button-json');
		await jsonView.or(error).first().waitFor();
		if (await error.isVisible()) throw new Error(`the node failed: ${await this.outputPanel.innerText()}`);
		await jsonView.click();
		const data = this.outputPanel.getByTestId('ndv-data-container');
		await data.filter({ hasText: expected }).or(error).first().waitFor();
		if (await error.isVisible()) throw new Error(`the node failed: ${await this.outputPanel.innerText()}`);
		return data.innerText();
	}
}
