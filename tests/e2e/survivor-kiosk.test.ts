import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, startPortal, type RunningPortal } from './harness';
import { createKioskSession } from './kiosk-session';
import { readRows } from './staff-api';
import { completeSetup } from './staff-flows';
import { continueFromSafety, tellTestimony } from './survivor-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

/** A facilitator's shared device: long recordings, and testimonies sent while the line is down. */
const en = readSurvivorCatalogue('en');
let portal: RunningPortal;
let kioskUrl = '';

beforeAll(async () => {
	portal = await startPortal();
	const staff = await launchBrowser({ width: 1280 });
	try {
		const admin = await completeSetup(staff.page, portal.setupLink!);
		kioskUrl = await createKioskSession(staff.page, portal, admin);
	} finally {
		await staff.close();
	}
});

afterAll(async () => {
	await portal?.stop();
});

/** Lets `seconds` of the page's time pass, ten seconds at a time, every timer firing in order. */
async function letTimePass(page: Page, seconds: number) {
	for (let passed = 0; passed < seconds; passed += 10) await page.clock.runFor(10_000);
}

const idleWarning = (page: Page) => page.getByRole('alertdialog');

describe('a recording on a kiosk device', () => {
	it('keeps going for four minutes without an idle warning or a wipe, and the recording survives', async () => {
		const { page, close } = await launchBrowser({ fakeMicrophone: true, width: 800 });
		try {
			// The page's clocks (Date, timers, performance.now) run fast: four minutes pass in
			// seconds, while the fake microphone keeps recording in real time.
			await page.clock.install();
			await page.goto(kioskUrl);
			await continueFromSafety(page);
			await page.locator('html[data-ready]').waitFor();
			await page.getByLabel(en.consent_research_label).check();
			await page.getByLabel(en.consent_check_yes).check();
			await page.getByRole('button', { name: en.consent_continue }).click();
			await page.locator('button.mode').first().click();
			await page.locator('main textarea').fill('I will say the rest out loud.');

			await page.getByRole('button', { name: en.voice_record }).click();
			await page.getByRole('button', { name: en.voice_stop }).waitFor();
			await page.waitForTimeout(1500);
			await letTimePass(page, 4 * 60);
			expect(await idleWarning(page).count()).toBe(0);
			// Still on the testimony, not wiped back to the start.
			expect(page.url()).toBe(kioskUrl.replace('/tell?', '/tell/steps?'));
			await page.getByRole('button', { name: en.voice_stop }).click();
			await page.locator('main .voice audio').waitFor();
			expect(await page.locator('main .voice [role="status"]').textContent()).toMatch(/\(4:0\d\)/);
			expect(await page.locator('main textarea').inputValue()).toBe('I will say the rest out loud.');

			// Listening back counts as activity too, however long the recording.
			await page.locator('main .voice audio').evaluate((audio: HTMLAudioElement) => {
				audio.loop = true;
				return audio.play();
			});
			await letTimePass(page, 4 * 60);
			expect(await idleWarning(page).count()).toBe(0);
			await page.locator('main .voice audio').evaluate((audio: HTMLAudioElement) => audio.pause());

			// Once nothing happens, the device still warns (after three minutes), and the person can stay.
			await letTimePass(page, 3 * 60 + 10);
			await idleWarning(page).waitFor();
			expect(await axeViolations(page)).toEqual([]);
			await page.getByRole('button', { name: en.kiosk_still_here }).click();
			await idleWarning(page).waitFor({ state: 'detached' });
			expect(await page.locator('main .voice audio').count()).toBe(1);
		} finally {
			await close();
		}
	});
});

describe('a receipt on a kiosk device without a line', () => {
	it('says the testimony is waiting to be sent, and says it was sent once the server has it', async () => {
		const { page, context, close } = await launchBrowser({ width: 800 });
		const arrived = () => readRows(portal, 'select id from submission').length;
		const before = arrived();
		try {
			// The page's timers can be moved forward: the device's 30-second sending timer is checked
			// below without waiting half a minute for it.
			await page.clock.install();
			// The safety page is server-rendered only; the testimony page prepares the device.
			await page.goto(kioskUrl);
			await continueFromSafety(page);
			await page.locator('html[data-offline-ready]').waitFor({ state: 'attached', timeout: 60_000 });
			await context.setOffline(true);
			// Chromium applies offline emulation to the service worker a moment late: refuse the API too.
			const noLine = (route: Route) => route.abort('internetdisconnected');
			await context.route('**/api/**', noLine);

			const receipt = await tellTestimony(page, kioskUrl, { answers: ['canary-kiosk-receipt: no line today.'] });
			expect(receipt).toMatch(/^\d{3}( \d{3}){5}$/);
			const title = page.locator('.receipt-page h1');
			expect(await title.textContent()).toBe(en.receipt_title_waiting);
			expect(await title.textContent()).not.toBe(en.receipt_title);
			await page.locator('.receipt-page [role="status"]', { hasText: en.kiosk_queued }).waitFor();
			// The next person at this device could paste a copied receipt: printing and writing it
			// down are offered, copying is not.
			expect(await page.getByRole('button', { name: en.receipt_copy }).count()).toBe(0);
			expect(await page.getByRole('button', { name: en.receipt_print }).count()).toBe(1);
			expect(await axeViolations(page)).toEqual([]);

			await context.unroute('**/api/**', noLine);
			await context.setOffline(false);
			// Chromium's offline emulation raises no 'online' event: this send is the device's
			// 30-second timer, the one test that checks it (sessions.test.ts raises the event). The
			// page's clock is moved past it rather than waited for.
			await expect
				.poll(
					async () => {
						await page.clock.runFor(10_000);
						return arrived();
					},
					{ timeout: 90_000, interval: 1_000 }
				)
				.toBe(before + 1);
			await expect.poll(() => title.textContent(), { timeout: 30_000 }).toBe(en.receipt_title);
			await page.locator('.receipt-page [role="status"]', { hasText: en.kiosk_arrived }).waitFor();
			// The receipt stays on screen until the person has written it down.
			expect(await page.getByTestId('receipt').textContent()).toBe(receipt);
		} finally {
			await close();
		}
		expect(databaseFiles(portal).includes(Buffer.from('canary-kiosk-receipt'))).toBe(false);
	});
});
