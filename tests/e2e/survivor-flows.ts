import type { Page } from 'playwright-core';

export type TellOptions = {
	/** Answers by question position; missing or null ones are skipped. */
	answers: (string | null)[];
	/** Positions of the questions that also get a voice note (from Chromium's fake microphone). */
	voiceAt?: number[];
	/** How long each voice note records; two seconds unless told. */
	voiceSeconds?: number;
	/** Tell everything in one piece instead of answering question by question. */
	free?: boolean;
	quote?: boolean;
	replies?: boolean;
	/** Picks the first option of each context question instead of leaving them unanswered. */
	context?: boolean;
	/** Called on every screen of the flow, for checks such as accessibility. */
	onScreen?: (page: Page, screen: string) => Promise<void>;
	/** Stop on the review screen without sending. */
	stopAtReview?: boolean;
	/** Called right after Send is pressed, before waiting for the receipt (the sending screen). */
	onSending?: (page: Page) => Promise<void>;
	/** How long Send may take to show the receipt; a minute unless told. */
	receiptTimeout?: number;
};

/**
 * Walks the survivor flow by role and position rather than by English text, so the same steps
 * work in every locale: safety note, consent, mode, each question, context, review, send.
 */
export async function tellTestimony(page: Page, url: string, options: TellOptions): Promise<string> {
	const screen = async (name: string) => options.onScreen?.(page, name);
	await page.goto(url);
	const main = page.locator('main');
	await screen('safety');
	await continueFromSafety(page);
	await page.locator('html[data-ready]').waitFor({ timeout: 60_000 });

	await main.getByRole('radio').first().waitFor();
	await screen('consent');
	const checks = main.getByRole('checkbox');
	await checks.nth(0).check();
	if (options.quote) await checks.nth(1).check();
	if (options.replies) await checks.nth(2).check();
	await main.getByRole('radio').first().check();
	await main.locator('form button[type="submit"]').click();

	await main.locator('button.mode').first().waitFor();
	await screen('mode');
	await main
		.locator('button.mode')
		.nth(options.free ? 1 : 0)
		.click();

	for (let index = 0; ; index++) {
		const box = main.locator('textarea');
		const context = main.locator('fieldset.choice-group').first();
		await box.or(context).first().waitFor();
		if (!(await box.isVisible())) break;
		const answer = options.answers[index];
		if (answer) await box.fill(answer);
		if (options.voiceAt?.includes(index)) await recordVoiceNote(page, options.voiceSeconds);
		if (index === 0) await screen('question');
		await main.locator('form button[type="submit"]').click();
	}

	await screen('context');
	if (options.context) {
		const groups = main.locator('fieldset.choice-group');
		for (let group = 0; group < (await groups.count()); group++) {
			await groups.nth(group).getByRole('radio').first().check();
		}
	}
	await main.locator('form button[type="submit"]').click();

	await main.locator('ol.review').waitFor();
	await screen('review');
	if (options.stopAtReview) return '';
	await main.locator('button.send').click();
	await options.onSending?.(page);
	const receipt = page.getByTestId('receipt');
	await receipt.waitFor({ timeout: options.receiptTimeout ?? 60_000 });
	await screen('receipt');
	return (await receipt.textContent())?.trim() ?? '';
}

/**
 * The safety note is a page of its own, rendered by the server; its one link leads on to the
 * testimony (and replaces the entry when JavaScript runs).
 */
export async function continueFromSafety(page: Page): Promise<void> {
	await page.locator('main .actions a').click();
	await page.waitForURL((url) => url.pathname.endsWith('/tell/steps'));
}

/** Records about two seconds from the fake microphone, then stops. */
export async function recordVoiceNote(page: Page, seconds = 2): Promise<void> {
	const recorder = page.locator('main .voice');
	await recorder.getByRole('button').first().click();
	await recorder.locator('button[data-focus-target]').waitFor();
	await page.waitForTimeout(seconds * 1000);
	await recorder.locator('button[data-focus-target]').click();
	await recorder.locator('audio').waitFor();
}

/**
 * Leaves the receipt screen the way a survivor does: confirm it is written down, then finish.
 * Finishing first walks back over the flow's history entries, so it ends once the page has left.
 */
export async function finishAfterReceipt(page: Page): Promise<void> {
	const main = page.locator('main');
	await main.getByRole('checkbox').check();
	await main.locator('.receipt-page > button').last().click();
	await page.waitForURL((url) => !url.pathname.includes('/tell'));
}

/**
 * Opens the check page at `url` and the thread of `receipt`, as a survivor coming back does.
 * The receipt's Argon2id runs before the status shows; without JIT that takes far longer.
 */
export async function openThread(page: Page, url: string, receipt: string, timeout = 30_000): Promise<void> {
	await page.goto(url);
	await page.locator('html[data-ready]').waitFor();
	await page.locator('#receipt').fill(receipt);
	await page.locator('main form button[type="submit"]').click();
	await page.locator('.status-text').waitFor({ timeout });
}
