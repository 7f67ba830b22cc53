import type { Page } from 'playwright-core';

export const ADMIN = {
	username: 'amina.admin',
	passphrase: 'quiet harbour lantern orchard 42',
	channelName: 'Lyon support network',
	country: 'FR'
};

/** Completes first-run setup from the printed link, as an admin would, and lands in the inbox. */
export async function completeSetup(page: Page, setupLink: string): Promise<string> {
	await page.goto(setupLink);
	await page.getByLabel('Username').fill(ADMIN.username);
	await page.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
	await page.getByLabel('Passphrase again').fill(ADMIN.passphrase);
	await page.getByLabel('Channel name').fill(ADMIN.channelName);
	await page.getByLabel(/^Country/).fill(ADMIN.country);
	await page.locator('#passphrase-strength', { hasText: /Strong|Very strong/ }).waitFor();
	await page.getByRole('button', { name: 'Create portal' }).click();
	const recoveryKey = page.getByLabel('Recovery key', { exact: true });
	await recoveryKey.waitFor({ timeout: 60_000 });
	const text = (await recoveryKey.textContent())?.trim() ?? '';
	await page.getByLabel('I have saved my recovery key').check();
	await page.getByRole('button', { name: 'Continue to the inbox' }).click();
	await page.getByRole('heading', { name: 'Inbox' }).waitFor();
	return text;
}

export async function signIn(page: Page, origin: string, username: string, passphrase: string) {
	await page.goto(`${origin}/staff/login`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Passphrase').fill(passphrase);
	await page.getByRole('button', { name: 'Sign in' }).click();
}
