import type { Page } from 'playwright-core';

export type TellOptions = {
	/** Answers by question position; missing ones are skipped. */
	answers: (string | null)[];
	quote?: boolean;
	replies?: boolean;
	/** Called on every screen of the flow, for checks such as accessibility. */
	onScreen?: (page: Page, screen: string) => Promise<void>;
};

/**
 * Walks the survivor flow by role and position rather than by English text, so the same steps
 * work in every locale: safety note, consent, each question, review, send.
 */
export async function tellTestimony(page: Page, url: string, options: TellOptions): Promise<string> {
	const screen = async (name: string) => options.onScreen?.(page, name);
	await page.goto(url);
	const main = page.locator('main');
	await screen('safety');
	await main.getByRole('button').first().click();
	await screen('consent');
	const checks = main.getByRole('checkbox');
	await checks.nth(0).check();
	if (options.quote) await checks.nth(1).check();
	if (options.replies) await checks.nth(2).check();
	await main.locator('form button[type="submit"]').click();
	for (const answer of options.answers) {
		const box = main.getByRole('textbox');
		await box.waitFor();
		if (answer !== null) await box.fill(answer);
		await screen('question');
		await main.locator('form button[type="submit"]').click();
	}
	await main.locator('ol.review').waitFor();
	await screen('review');
	await main.getByRole('button').last().click();
	const receipt = page.getByTestId('receipt');
	await receipt.waitFor({ timeout: 60_000 });
	await screen('receipt');
	return (await receipt.textContent())?.trim() ?? '';
}
