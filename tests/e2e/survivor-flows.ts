import type { Page } from 'playwright-core';

/** Labels of the survivor flow in the locales these tests walk through. */
export const SURVIVOR_LABELS = {
	en: { safety: 'I understand, continue', research: /used for research/, next: 'Next', skip: 'Skip this question', send: 'Send' }
} as const;

export type TellOptions = {
	/** Answers by question position; missing ones are skipped. */
	answers: (string | null)[];
	quote?: boolean;
	replies?: boolean;
};

/**
 * Walks the survivor flow by role and position rather than by English text, so the same steps
 * work in every locale: safety note, consent, each question, review, send.
 */
export async function tellTestimony(page: Page, url: string, options: TellOptions): Promise<string> {
	await page.goto(url);
	const main = page.locator('main');
	await main.getByRole('button').first().click();
	const checks = main.getByRole('checkbox');
	await checks.nth(0).check();
	if (options.quote) await checks.nth(1).check();
	if (options.replies) await checks.nth(2).check();
	await main.locator('form button[type="submit"]').click();
	for (const answer of options.answers) {
		const box = main.getByRole('textbox');
		await box.waitFor();
		if (answer !== null) await box.fill(answer);
		await main.locator('form button[type="submit"]').click();
	}
	await main.locator('ol.review').waitFor();
	await main.getByRole('button').last().click();
	const receipt = page.getByTestId('receipt');
	await receipt.waitFor({ timeout: 60_000 });
	return (await receipt.textContent())?.trim() ?? '';
}
