import type { Page } from 'playwright-core';
import type { EnrolledStaff } from '$lib/demo/portal-api';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { TestAuthenticator } from './totp';

export const ADMIN = {
	username: 'amina.admin',
	passphrase: 'quiet harbour lantern orchard 42',
	channelName: 'Lyon support network',
	country: 'FR'
};

export type { EnrolledStaff } from '$lib/demo/portal-api';

/** Reads the authenticator key off the page and answers with a fresh code, as a phone app would. */
async function confirmAuthenticator(page: Page, submit: string): Promise<TestAuthenticator> {
	const key = (await page.locator('.totp-secret').textContent()) ?? '';
	const authenticator = new TestAuthenticator(key);
	await page.getByLabel('Six-digit code').fill(await authenticator.code());
	await page.getByRole('button', { name: submit }).click();
	return authenticator;
}

async function saveRecoveryKit(
	page: Page,
	continueLabel: string
): Promise<{ recoveryKey: string; recoveryCodes: string[] }> {
	const recoveryKey = page.getByLabel('Recovery key', { exact: true });
	// Making the account's keys runs Argon2id twice in the worker: slow on a loaded two-core machine.
	await recoveryKey.waitFor({ timeout: 120_000 });
	const text = (await recoveryKey.textContent())?.trim() ?? '';
	const recoveryCodes = (await page.locator('.recovery-codes code').allTextContents()).map((code) => code.trim());
	await page.getByLabel('I have saved my recovery kit').check();
	await page.getByRole('button', { name: continueLabel }).click();
	return { recoveryKey: text, recoveryCodes };
}

async function choosePassphrase(page: Page, username: string, passphrase: string) {
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
	await page.getByLabel('Passphrase again').fill(passphrase);
	await page.locator('#passphrase-strength', { hasText: /Strong|Very strong/ }).waitFor();
}

/**
 * A built portal on a fresh database whose first-run setup is done in a browser of its own, so it
 * has a channel and the survivor pages show what a survivor sees (consent, questions).
 */
export async function startPortalWithChannel(env: Record<string, string> = {}): Promise<RunningPortal> {
	const portal = await startPortal(env);
	const admin = await launchBrowser();
	try {
		await completeSetup(admin.page, portal.setupLink!);
	} finally {
		await admin.close();
	}
	return portal;
}

/**
 * Completes first-run setup from the printed link, as an admin would, and lands in the inbox.
 * Also returns the two-factor recovery codes shown with the recovery kit, and the authenticator
 * key as the page showed it.
 */
export async function completeSetup(
	page: Page,
	setupLink: string
): Promise<EnrolledStaff & { recoveryCodes: string[]; totpKey: string }> {
	await page.goto(setupLink);
	await choosePassphrase(page, ADMIN.username, ADMIN.passphrase);
	await page.getByLabel('Channel name').fill(ADMIN.channelName);
	await page.getByLabel(/^Country/).fill(ADMIN.country);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.locator('.totp-secret').waitFor();
	const totpKey = ((await page.locator('.totp-secret').textContent()) ?? '').trim();
	const authenticator = await confirmAuthenticator(page, 'Create portal');
	const { recoveryKey, recoveryCodes } = await saveRecoveryKit(page, 'Continue to the inbox');
	await page.getByRole('heading', { name: 'Inbox' }).waitFor();
	return {
		username: ADMIN.username,
		passphrase: ADMIN.passphrase,
		recoveryKey,
		authenticator,
		recoveryCodes,
		totpKey
	};
}

/** Follows an invitation link: passphrase, authenticator, recovery kit. */
export async function enrol(page: Page, link: string, username: string, passphrase: string): Promise<EnrolledStaff> {
	await page.goto(link);
	await choosePassphrase(page, username, passphrase);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.locator('.totp-secret').waitFor();
	const authenticator = await confirmAuthenticator(page, 'Create my account');
	const { recoveryKey } = await saveRecoveryKit(page, 'Continue');
	await page.getByRole('heading', { name: 'Your account' }).waitFor();
	return { username, passphrase, recoveryKey, authenticator };
}

export async function signIn(page: Page, origin: string, staff: EnrolledStaff) {
	await page.goto(`${origin}/staff/login`);
	await page.getByLabel('Username').fill(staff.username);
	await page.getByLabel('Passphrase').fill(staff.passphrase);
	await page.getByLabel(/^Code from your authenticator/).fill(await staff.authenticator.code());
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** After a reload the keys are locked; the passphrase unlocks them without a new sign-in. */
export async function unlock(page: Page, passphrase: string) {
	await page.getByLabel('Passphrase').fill(passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
}

/**
 * Opens a staff page with a full page load, as typing its address does: the tab's keys are
 * then locked, so the passphrase unlocks them (the session survives).
 */
export async function openStaffPage(page: Page, url: string, passphrase: string) {
	await page.goto(url);
	const unlockHeading = page.getByRole('heading', { name: 'Unlock your keys' });
	await unlockHeading.or(page.locator('main h1').first()).first().waitFor();
	if (await unlockHeading.isVisible()) {
		await unlock(page, passphrase);
		await unlockHeading.waitFor({ state: 'detached' });
	}
}

/** The admin invites a moderator of the first channel and reads the one-time link off the page. */
export async function inviteModerator(page: Page, origin: string, admin: EnrolledStaff): Promise<string> {
	await openStaffPage(page, `${origin}/staff/admin/users`, admin.passphrase);
	const invite = page.getByRole('region', { name: 'Invite someone' });
	await invite.getByLabel(`Moderator of ${ADMIN.channelName} (FR)`).check();
	await invite.getByRole('button', { name: 'Create invitation link' }).click();
	return (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
}
