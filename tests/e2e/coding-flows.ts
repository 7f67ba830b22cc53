import type { ConsoleMessage, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningPortal } from './harness';
import { readRows } from './staff-api';
import { openStaffPage, type EnrolledStaff } from './staff-flows';

/** Collects every console error and uncaught page error of a page, for tests that allow none. */
export function watchErrors(page: Page): { errors: string[]; forget(pattern: RegExp): void } {
	const errors: string[] = [];
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
	return {
		errors,
		forget: (pattern) => {
			const kept = errors.filter((error) => !pattern.test(error));
			errors.splice(0, errors.length, ...kept);
		}
	};
}

/** The admin invites a researcher and reads the one-time link off the page. */
export async function inviteResearcher(page: Page, origin: string, admin: EnrolledStaff): Promise<string> {
	await openStaffPage(page, `${origin}/staff/admin/users`, admin.passphrase);
	const invite = page.getByRole('region', { name: 'Invite someone' });
	await invite.getByLabel('Researcher (reads the redacted research corpus)').check();
	await invite.getByRole('button', { name: 'Create invitation link' }).click();
	return (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
}

/** The admin seals the corpus key to a newcomer on the key grants page. */
export async function grantCorpusKey(page: Page, origin: string, admin: EnrolledStaff, username: string) {
	await openStaffPage(page, `${origin}/staff/grants`, admin.passphrase);
	await page.getByLabel(`${username} read me this same fingerprint`).first().check();
	await page
		.getByRole('button', { name: `Grant to ${username}` })
		.first()
		.click();
	await page
		.getByRole('status')
		.filter({ hasText: `Granted to ${username}` })
		.waitFor();
}

/** Moves within the workspace without reloading: a reload locks the keys and closes the corpus. */
export async function section(page: Page, name: string) {
	await page.getByRole('navigation', { name: 'Research workspace' }).getByRole('link', { name }).click();
	await expect
		.poll(() =>
			page.getByRole('navigation', { name: 'Research workspace' }).locator('[aria-current="page"]').textContent()
		)
		.toBe(name);
}

/** The id of a code of the default codebook, by name. */
export function codeId(portal: RunningPortal, name: string): string {
	return readRows<{ id: string }>(portal, 'select id from code where name = ?', name)[0].id;
}

/**
 * Selects code points [start, end) of a record's first field with the keyboard, as its reader
 * would: in a right-to-left text the caret moves forward with the left arrow. Right after an
 * in-app navigation SvelteKit moves focus to the page's start once it settles; if that lands
 * between our keys, the selection is made again.
 */
export async function selectByKeyboard(page: Page, start: number, end: number) {
	const toggle = page.getByRole('button', { name: 'Select with the keyboard' }).first();
	const area = page.getByLabel('Text to select (Shift and arrow keys), then choose codes');
	const wanted = `characters ${start}–${end}`;
	const selected = async () =>
		(await page.getByTestId('selection').count()) > 0 &&
		((await page.getByTestId('selection').textContent({ timeout: 1000 })) ?? '').includes(wanted);
	for (let attempt = 1; attempt <= 3; attempt++) {
		if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
		await area.focus();
		const forward = (await area.evaluate((element) => element.matches(':dir(rtl)'))) ? 'ArrowLeft' : 'ArrowRight';
		await page.keyboard.press('Control+Home');
		for (let step = 0; step < start; step++) await page.keyboard.press(forward);
		for (let step = start; step < end; step++) await page.keyboard.press(`Shift+${forward}`);
		for (let wait = 0; wait < 20; wait++) {
			if (await selected()) return;
			await page.waitForTimeout(150);
		}
	}
	const state = await page.evaluate(() => ({
		focused: document.activeElement?.outerHTML.slice(0, 120),
		selection: document.querySelector('[data-testid="selection"]')?.textContent,
		textareas: document.querySelectorAll('textarea').length
	}));
	throw new Error(`The keyboard selection ${wanted} was not taken: ${JSON.stringify(state)}`);
}

/** The coloured layers of one code in a field, as drawn. */
export function highlights(page: Page, field: string, code: string) {
	return page.locator(`.coded-text[data-field="${field}"] mark.coding-layer[data-code="${code}"]`);
}

/** What the focused element is, in words a failure message can show. */
export function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const element = document.activeElement;
		if (!element || element === document.body) return 'body';
		return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`;
	});
}
