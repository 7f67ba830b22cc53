import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { launchBrowser, type RunningPortal } from './harness';
import { startPortalWithChannel } from './staff-flows';
import { continueFromSafety, tellTestimony } from './survivor-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

/** Back, Forward, reload and leaving in the middle of telling: nothing is lost without a warning. */
const SAFE_URL = 'https://www.timeanddate.com/weather/';
const en = readSurvivorCatalogue('en');
let portal: RunningPortal;

beforeAll(async () => {
	portal = await startPortalWithChannel();
});

afterAll(async () => {
	await portal?.stop();
});

const heading = (page: Page) => page.locator('main h1').textContent();
const FLOW = () => `${portal.origin}/tell/steps`;

/** The safety page, then on to the testimony's first step (the consent) once its code runs. */
async function openFlow(page: Page) {
	await page.goto(`${portal.origin}/tell`);
	await continueFromSafety(page);
	await page.locator('html[data-ready]').waitFor();
}
const answerBox = (page: Page) => page.locator('main textarea');

/** Opens the safety page and the flow and goes through consent and the choice of mode. */
async function startTelling(page: Page) {
	await openFlow(page);
	await page.getByLabel(en.consent_research_label).check();
	await page.getByLabel(en.consent_check_yes).check();
	await page.getByRole('button', { name: en.consent_continue }).click();
	await page.locator('button.mode').first().click();
	await answerBox(page).waitFor();
}

/** Types an answer and goes on with Next. */
async function answer(page: Page, text: string) {
	await answerBox(page).fill(text);
	await page.getByRole('button', { name: en.question_next }).click();
}

/** Collects the browser's dialogs (beforeunload, confirm), answering each as told. */
function dialogs(page: Page, accept: boolean): string[] {
	const seen: string[] = [];
	page.on('dialog', (dialog) => {
		seen.push(dialog.type());
		void (accept ? dialog.accept() : dialog.dismiss());
	});
	return seen;
}

describe('moving through the steps with the browser', () => {
	it('goes Back to the previous step with the answers intact, and Forward again', async () => {
		const { page, close } = await launchBrowser({ width: 360 });
		try {
			await startTelling(page);
			const first = await page.locator('main h1 label').textContent();
			await answer(page, 'First answer: the agency kept my papers.');
			const second = await page.locator('main h1 label').textContent();
			expect(second).not.toBe(first);
			await answer(page, 'Second answer: we slept in the warehouse.');

			await page.goBack();
			await expect.poll(() => page.locator('main h1 label').textContent()).toBe(second);
			expect(await answerBox(page).inputValue()).toBe('Second answer: we slept in the warehouse.');
			// Focus moves to the step's heading, so a screen reader says where the person is.
			expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

			await page.goBack();
			await expect.poll(() => page.locator('main h1 label').textContent()).toBe(first);
			expect(await answerBox(page).inputValue()).toBe('First answer: the agency kept my papers.');

			await page.goForward();
			await expect.poll(() => page.locator('main h1 label').textContent()).toBe(second);
			expect(await answerBox(page).inputValue()).toBe('Second answer: we slept in the warehouse.');

			// Back through the mode and consent steps keeps the choices made there.
			await page.goBack();
			await page.goBack();
			await expect.poll(() => heading(page)).toBe(en.mode_title);
			await page.goBack();
			await expect.poll(() => heading(page)).toBe(en.consent_title);
			expect(await page.getByLabel(en.consent_research_label).isChecked()).toBe(true);
			expect(page.url()).toBe(FLOW());
			expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
		} finally {
			await close();
		}
	});

	it('asks before Back leaves the first step while answers are unsent, and keeps them when the person stays', async () => {
		const { page, close } = await launchBrowser();
		try {
			const seen = dialogs(page, false);
			await startTelling(page);
			await answer(page, 'An answer that must not vanish.');
			for (const title of [null, en.mode_title, en.consent_title]) {
				await page.goBack();
				if (title) await expect.poll(() => heading(page)).toBe(title);
			}
			// One more Back would leave the portal: the browser asks, and the person stays.
			await page.goBack({ timeout: 3000 }).catch(() => {});
			await expect.poll(() => seen).toEqual(['beforeunload']);
			expect(page.url()).toBe(FLOW());
			for (let step = 0; step < 2; step++) await page.goForward();
			await expect.poll(() => answerBox(page).inputValue()).toBe('An answer that must not vanish.');
		} finally {
			await close();
		}
	});

	it('lets the person leave without asking before anything is written', async () => {
		const { page, close } = await launchBrowser();
		try {
			const seen = dialogs(page, false);
			await openFlow(page);
			await expect.poll(() => heading(page)).toBe(en.consent_title);
			// The safety page's entry was replaced by the flow's: one Back leaves the portal.
			await page.goBack();
			await page.waitForURL('about:blank');
			expect(seen).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('Back at moments that matter', () => {
	it('does not cut off a recording in progress', async () => {
		const { page, close } = await launchBrowser({ fakeMicrophone: true });
		try {
			await startTelling(page);
			await answer(page, 'Before the recording.');
			await page.getByRole('button', { name: en.voice_record }).click();
			await page.getByRole('button', { name: en.voice_stop }).waitFor();
			await page.goBack();
			await page.waitForTimeout(1500);
			await page.getByRole('button', { name: en.voice_stop }).click();
			await page.locator('main .voice audio').waitFor();
			// Once stopped, Back works again, and the recording stays with its question.
			await page.goBack();
			await expect.poll(() => answerBox(page).inputValue()).toBe('Before the recording.');
			await page.goForward();
			await page.locator('main .voice audio').waitFor();
		} finally {
			await close();
		}
	});

	it('keeps the receipt until it is written down, then Back finishes', async () => {
		const { page, close } = await launchBrowser();
		try {
			const receipt = await tellTestimony(page, `${portal.origin}/tell`, { answers: ['A short testimony.'] });
			await page.goBack();
			await page.getByRole('alert').filter({ hasText: en.receipt_write_down_required }).waitFor();
			expect(await page.getByTestId('receipt').textContent()).toBe(receipt);
			await page.getByLabel(en.receipt_write_down).check();
			await page.goBack();
			await page.waitForURL(`${portal.origin}/`);
			expect(await page.content()).not.toContain(receipt);
		} finally {
			await close();
		}
	});
});

describe('a reload in the middle', () => {
	it('warns first, then says on screen that the answers were not kept, and keeps nothing in storage', async () => {
		const { page, close } = await launchBrowser({ width: 320 });
		try {
			const seen = dialogs(page, true);
			await startTelling(page);
			await answer(page, 'canary-reload: words that must stay only in memory.');
			await page.reload();
			await page.locator('html[data-ready]').waitFor();
			expect(seen).toEqual(['beforeunload']);
			await expect.poll(() => page.getByRole('status').filter({ hasText: en.tell_not_kept }).count()).toBe(1);
			expect(await heading(page)).toBe(en.consent_title);
			expect(await page.content()).not.toContain('canary-reload');
			expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
			expect(await axeViolations(page)).toEqual([]);
			// Starting again hides the notice.
			await page.getByLabel(en.consent_research_label).check();
			await page.getByLabel(en.consent_check_yes).check();
			await page.getByRole('button', { name: en.consent_continue }).click();
			await expect.poll(() => heading(page)).toBe(en.mode_title);
			expect(await page.getByText(en.tell_not_kept).count()).toBe(0);
		} finally {
			await close();
		}
	});
});

describe('quick exit after several steps', () => {
	it('leaves no step of the flow behind Back, nor behind Forward', async () => {
		const { page, context, close } = await launchBrowser();
		await context.route(`${SAFE_URL}**`, (route) =>
			route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny.</p>' })
		);
		try {
			const seen = dialogs(page, false);
			await startTelling(page);
			await answer(page, 'canary-exit: first answer.');
			await answer(page, 'canary-exit: second answer.');
			// Back once, so that steps wait behind Forward too.
			await page.goBack();
			await expect.poll(() => answerBox(page).inputValue()).toBe('canary-exit: second answer.');
			await page.getByRole('button', { name: en.exit_button }).click();
			await page.waitForURL(SAFE_URL);
			expect(await page.title()).toBe('Weather');
			expect(seen).toEqual([]);

			await page.goBack().catch(() => {});
			expect(page.url().startsWith(portal.origin)).toBe(false);

			// Forward from there (twice: back to the safe site, then onwards) never shows the portal.
			for (let step = 0; step < 2; step++) {
				await page.goForward().catch(() => {});
				await page.waitForURL((url) => !url.href.startsWith(portal.origin), { timeout: 10_000 });
			}
			expect(await page.content()).not.toContain('canary-exit');
		} finally {
			await close();
		}
	});
});
