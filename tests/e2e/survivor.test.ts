import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, type RunningPortal } from './harness';
import { portalWithModerator, readRows, sendReply } from './staff-api';
import { continueFromSafety, finishAfterReceipt, tellTestimony } from './survivor-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

const SAFE_URL = 'https://www.timeanddate.com/weather/';
const locales: string[] = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')).locales;
const localePath = (locale: string, path: string) => (locale === 'en' ? path : `/${locale}${path}`);

/** Writes ASCII digits in another script, as a survivor's keyboard might type them. */
const toScript = (digits: string, zero: number) =>
	digits.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));

let portal: RunningPortal;
let moderatorCookie: string;

beforeAll(async () => {
	({ portal, moderatorCookie } = await portalWithModerator());
});

afterAll(async () => {
	await portal?.stop();
});

const submissionIds = () => readRows<{ id: string }>(portal, 'select id from submission').map((row) => row.id);

async function expectNoAxeViolations(page: Page, where: string) {
	expect.soft(await axeViolations(page), where).toEqual([]);
}

describe('the whole survivor path', () => {
	// A Latin script left to right, Arabic right to left, Ge'ez: the flow's logic is the same in
	// every locale, and every locale's screens up to sending are walked under axe below. The
	// jitless test walks it whole again in French.
	for (const locale of ['en', 'ar', 'ti']) {
		it(`works in ${locale}: consent, text and voice, receipt, a reply, a follow-up, and withdrawal`, async () => {
			const canary = `canary-${locale}-${Date.now()}`;
			const before = new Set(submissionIds());
			const survivor = await launchBrowser({ locale, fakeMicrophone: true, width: 360 });
			try {
				const { page } = survivor;
				const receipt = await tellTestimony(page, portal.origin + localePath(locale, '/tell'), {
					answers: [`${canary} papers`, null, `${canary} housing`],
					voiceAt: [1],
					replies: true,
					context: true,
					onScreen: (current, screen) => expectNoAxeViolations(current, `${locale} ${screen}`)
				});
				expect(receipt).toMatch(/^\d{3}( \d{3}){5}$/);
				// On the survivor's own device the receipt may be copied (a kiosk device does not offer it).
				const copy = readSurvivorCatalogue(locale).receipt_copy;
				expect(await page.getByRole('button', { name: copy }).count()).toBe(1);

				const [id] = submissionIds().filter((known) => !before.has(known));
				expect(id).toBeDefined();
				const voice = readRows<{ stored: number }>(
					portal,
					'select uploaded as stored from attachment where submission_id = ?',
					id
				);
				expect(voice).toEqual([{ stored: 1 }]);

				await finishAfterReceipt(page);
				await page.waitForURL((url) => !url.pathname.includes('/tell'));

				await sendReply(portal, moderatorCookie, id, `reply to ${locale}: ቐጽሉ / keep going`);

				await page.goto(portal.origin + localePath(locale, '/check'));
				await expectNoAxeViolations(page, `${locale} check`);
				const typed = locale === 'ar' ? toScript(receipt, 0x0660) : receipt.replace(/ /g, '-');
				await page.locator('#receipt').fill(typed);
				await page.locator('main form button[type="submit"]').click();
				await page.locator('.status-text').waitFor({ timeout: 30_000 });
				await expect
					.poll(() => page.locator('.thread .to_survivor .message-text').textContent())
					.toContain(`reply to ${locale}`);
				await expectNoAxeViolations(page, `${locale} check, opened`);

				await page.locator('#message').fill(`${canary} follow-up`);
				await page.locator('main section').nth(1).locator('button[type="submit"]').click();
				// Sending waits for the message's proof of work: seconds on a loaded machine.
				await expect
					.poll(
						() =>
							readRows(portal, "select id from message where submission_id = ? and direction = 'from_survivor'", id)
								.length,
						{ timeout: 30_000 }
					)
					.toBe(1);

				const withdrawnBefore = await withdrawnInInbox();
				await page.locator('.withdraw button.secondary').click();
				await expectNoAxeViolations(page, `${locale} withdrawal confirmation`);
				await page.locator('.withdraw button.danger').click();
				await page.locator('main .withdraw').waitFor({ state: 'detached' });
				expect(readRows(portal, 'select id from submission where id = ?', id)).toEqual([]);
				expect(readRows(portal, 'select id from attachment where submission_id = ?', id)).toEqual([]);
				expect(readRows(portal, 'select id from message where submission_id = ?', id)).toEqual([]);
				expect(databaseFiles(portal).includes(Buffer.from(canary))).toBe(false);
				// The moderators' inbox still counts it, though nothing of it is left to list.
				expect(await withdrawnInInbox()).toBe(withdrawnBefore + 1);
			} finally {
				await survivor.close();
			}
		});
	}

	/** The "Withdrawn" count the moderator's inbox shows at its top, as its live counts give it. */
	async function withdrawnInInbox(): Promise<number> {
		const response = await fetch(`${portal.origin}/staff/api/inbox/counts`, { headers: { cookie: moderatorCookie } });
		expect(response.status).toBe(200);
		return ((await response.json()) as { counts: { withdrawn: number } }).counts.withdrawn;
	}
});

describe('traces on a shared device', () => {
	/** What this origin keeps in sessionStorage, with the browser's own keys and nothing else. */
	const sessionKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage));
	/** The tab goes to the background (another app, another tab): SvelteKit saves state then. */
	const hide = (page: Page) =>
		page.evaluate(async () => {
			Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
			document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
			await new Promise((resolve) => setTimeout(resolve, 50));
			delete (document as { visibilityState?: unknown }).visibilityState;
		});

	it('leaves survivor sessionStorage empty after a walk, a hidden tab and page loads', async () => {
		const survivor = await launchBrowser({ width: 360 });
		try {
			const { page } = survivor;
			await page.goto(`${portal.origin}/fr/`);
			await hide(page);
			expect(await sessionKeys(page)).toEqual([]);

			await tellTestimony(page, `${portal.origin}/fr/tell`, { answers: ['Un mot.'], stopAtReview: true });
			await page.mouse.wheel(0, 400);
			await hide(page);
			expect(await sessionKeys(page)).toEqual([]);

			await page.goto(`${portal.origin}/fr/check`);
			await page.locator('html[data-ready]').waitFor();
			expect(await sessionKeys(page)).toEqual([]);
			await page.reload();
			await page.locator('html[data-ready]').waitFor();
			expect(await sessionKeys(page)).toEqual([]);
		} finally {
			await survivor.close();
		}
	});
});

describe('quick exit', () => {
	async function startFlow(): Promise<{ page: Page; close: () => Promise<void> }> {
		const { page, context, close } = await launchBrowser();
		await context.route(`${SAFE_URL}**`, (route) =>
			route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny.</p>' })
		);
		await page.goto(`${portal.origin}/`);
		await page.locator('main a.button').click();
		await continueFromSafety(page);
		// The flow's buttons work once its script runs (each page load starts it again).
		await page.locator('html[data-ready]').waitFor();
		await page.locator('main input[type="checkbox"]').first().check();
		return { page, close };
	}

	async function expectLeft(page: Page) {
		await page.waitForURL(SAFE_URL);
		expect(await page.title()).toBe('Weather');
		await page.goBack().catch(() => {});
		expect(page.url().startsWith(portal.origin)).toBe(false);
	}

	it('leaves for the neutral site with the button, leaving the flow out of history', async () => {
		const { page, close } = await startFlow();
		try {
			await page.getByRole('button', { name: 'Exit this page' }).click();
			await expectLeft(page);
		} finally {
			await close();
		}
	});

	it('leaves with the skip link, the first thing in focus order', async () => {
		const { page, close } = await startFlow();
		try {
			await page.reload();
			// Before hydration the link is a plain link (it would add a history entry).
			await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
			await page.keyboard.press('Tab');
			expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-exit');
			await page.keyboard.press('Enter');
			await expectLeft(page);
		} finally {
			await close();
		}
	});

	it('leaves when Shift is pressed three times, announcing the count', async () => {
		const { page, close } = await startFlow();
		try {
			await page.keyboard.press('Shift');
			await expect.poll(() => page.locator('header [role="status"]').textContent()).toContain('1');
			await page.keyboard.press('Shift');
			await page.keyboard.press('Shift');
			await expectLeft(page);
		} finally {
			await close();
		}
	});

	it('does not count a Shift used for a capital letter', async () => {
		const { page, close } = await startFlow();
		try {
			await page.keyboard.press('Shift');
			await page.keyboard.press('Shift+A');
			await page.keyboard.press('Shift');
			await page.waitForTimeout(300);
			expect(page.url().startsWith(portal.origin)).toBe(true);
		} finally {
			await close();
		}
	});

	it('works without JavaScript as a plain link', async () => {
		const response = await fetch(`${portal.origin}/ar/tell`);
		const html = await response.text();
		expect(html).toMatch(/<a class="exit-button" href="https:\/\/www\.timeanddate\.com\/weather\/" role="button"/);
	});
});

describe('every survivor page in every locale', () => {
	/**
	 * axe-core's verdict on a screen depends on its markup and on how its script lays out, not on
	 * which words fill it: every string's presence is a unit test of the catalogues. So each
	 * screen is walked by axe in one locale of each script and direction, and in every locale the
	 * home page (its lang attribute), the direction and the width of every screen at 320 px.
	 */
	const AXE_EVERY_SCREEN = ['en', 'cs', 'ar', 'ckb', 'ti', 'bn', 'zh', 'uk'];

	async function checkLocale(page: Page, locale: string) {
		const axeEveryScreen = AXE_EVERY_SCREEN.includes(locale);
		await page.goto(portal.origin + localePath(locale, '/'));
		const rtl = ['ar', 'fa-AF', 'ps', 'ur', 'ckb'].includes(locale);
		expect(await page.evaluate(() => document.documentElement.dir)).toBe(rtl ? 'rtl' : 'ltr');
		expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
		await expectNoAxeViolations(page, `${locale} home`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		await tellTestimony(page, portal.origin + localePath(locale, '/tell'), {
			answers: [],
			stopAtReview: true,
			onScreen: async (current, screen) => {
				if (axeEveryScreen) await expectNoAxeViolations(current, `${locale} ${screen}`);
				expect
					.soft(await current.evaluate(() => document.documentElement.dir), `${locale} ${screen}`)
					.toBe(rtl ? 'rtl' : 'ltr');
				expect
					.soft(await current.evaluate(() => document.documentElement.scrollWidth), `${locale} ${screen} width`)
					.toBeLessThanOrEqual(320);
			}
		});
		await page.goto(portal.origin + localePath(locale, '/check'));
		if (axeEveryScreen) await expectNoAxeViolations(page, `${locale} check`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	}

	it('has no accessibility violations and is laid out in the locale direction at 320 px', async () => {
		expect(AXE_EVERY_SCREEN.every((locale) => locales.includes(locale as (typeof locales)[number]))).toBe(true);
		// Two browsers take every other locale each: one waits on the server or a navigation while
		// the other runs axe, which took a fifth to a third off on two cores.
		const halves = [0, 1].map((half) => locales.filter((_, index) => index % 2 === half));
		await Promise.all(
			halves.map(async (half) => {
				const { page, close } = await launchBrowser({ width: 320 });
				try {
					for (const locale of half) await checkLocale(page, locale);
				} finally {
					await close();
				}
			})
		);
	}, 300_000);
});

describe('the microphone', () => {
	it('explains plainly when it is refused, and the text field stays usable', async () => {
		const { page, context, close } = await launchBrowser({ locale: 'fr' });
		const consoleErrors: string[] = [];
		page.on('console', (entry) => entry.type() === 'error' && consoleErrors.push(entry.text()));
		try {
			await context.clearPermissions();
			await tellTestimony(page, `${portal.origin}/fr/tell`, {
				answers: [],
				stopAtReview: true,
				onScreen: async (current, screen) => {
					if (screen !== 'question') return;
					await current.locator('main .voice button').first().click();
					await expect.poll(() => current.locator('main .voice button').count()).toBe(0);
					const fr = readSurvivorCatalogue('fr');
					expect([fr.voice_mic_denied, fr.voice_mic_unavailable]).toContain(
						(await current.locator('main .voice [role="status"]').textContent())?.trim()
					);
					await current.locator('textarea').fill('Réponse écrite malgré le micro bloqué.');
				}
			});
			await expect.poll(() => page.locator('ol.review').textContent()).toContain('Réponse écrite');
			expect(consoleErrors.filter((text) => /Content Security Policy/.test(text))).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('sending on a bad line', () => {
	it('lets the survivor retry after a lost answer without creating a duplicate', async () => {
		const before = new Set(submissionIds());
		const { page, context, close } = await launchBrowser();
		try {
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', {
				offline: false,
				latency: 400,
				downloadThroughput: 50 * 1024,
				uploadThroughput: 50 * 1024
			});
			let dropped = 0;
			// The first upload reaches the server, but its answer is lost on the way back.
			await context.route('**/api/submissions', async (route) => {
				if (dropped++ === 0) {
					await route.fetch();
					await route.abort('connectionreset');
				} else {
					await route.continue();
				}
			});
			await tellTestimony(page, `${portal.origin}/tell`, { answers: ['A retry test answer.'], stopAtReview: true });
			await page.locator('button.send').click();
			await page.locator('main .error').waitFor({ timeout: 60_000 });
			await page.locator('button.send').click();
			await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
			expect(submissionIds().filter((id) => !before.has(id))).toHaveLength(1);
		} finally {
			await close();
		}
	});
});
