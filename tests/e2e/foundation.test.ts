import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { ADMIN, completeSetup } from './staff-flows';
import { tellTestimony } from './survivor-flows';

/** Unique strings that must never reach the server in a readable form. */
const CANARY_AR = `كناري-${Date.now()}-سكن`;
const CANARY_EN = `canary-${Date.now()}-housing-wait`;

describe('one testimony, end to end', () => {
	let portal: RunningPortal;
	let admin: Browser;
	const survivorRequests: string[] = [];
	const survivorCookies: string[] = [];

	beforeAll(async () => {
		portal = await startPortal();
		admin = await launchBrowser();
	});

	afterAll(async () => {
		await admin?.close();
		await portal?.stop();
	});

	it('prints a one-time setup link on a database with no admin', () => {
		expect(portal.setupLink).toMatch(new RegExp(`^${portal.origin}/staff/setup#[A-Za-z0-9_-]{43}$`));
	});

	it('lets the first admin set up the portal from that link and shows a recovery key once', async () => {
		const { recoveryKey } = await completeSetup(admin.page, portal.setupLink!);
		expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
	});

	it('refuses the setup link a second time', async () => {
		const response = await fetch(`${portal.origin}/staff/api/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token: portal.setupLink!.split('#')[1] })
		});
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.status).toBeLessThan(500);
		expect((await response.json()).message).toBeTruthy();
	});

	for (const [locale, canary] of [
		['ar', CANARY_AR],
		['en', CANARY_EN]
	] as const) {
		it(`takes a testimony in ${locale}, sealed in the browser, and gives a receipt`, async () => {
			const survivor = await launchBrowser({ locale });
			survivor.context.on('request', (request) => survivorRequests.push(request.url()));
			survivor.context.on('response', async (response) => {
				const cookie = await response.headerValue('set-cookie');
				if (cookie) survivorCookies.push(`${response.url()}: ${cookie}`);
			});
			try {
				const path = locale === 'en' ? '/tell' : `/${locale}/tell`;
				const receipt = await tellTestimony(survivor.page, portal.origin + path, {
					answers: [`${canary} first answer`, null, `${canary} last answer`],
					quote: locale === 'en',
					onScreen: async (page, screen) => {
						expect.soft(await axeViolations(page), `${locale} ${screen}`).toEqual([]);
					}
				});
				expect(receipt).toMatch(/^\d{3}( \d{3}){5}$/);
				expect(await survivor.page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
				const storage = await survivor.page.evaluate(async () => ({
					cookie: document.cookie,
					local: localStorage.length,
					session: sessionStorage.length,
					databases: (await indexedDB.databases()).length,
					serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
					caches: (await caches.keys()).length
				}));
				expect(storage).toEqual({ cookie: '', local: 0, session: 0, databases: 0, serviceWorkers: 0, caches: 0 });
				expect(await survivor.context.cookies()).toEqual([]);
			} finally {
				await survivor.close();
			}
		});
	}

	it('made survivor pages request nothing from another origin and set no cookie', () => {
		expect(survivorRequests.length).toBeGreaterThan(5);
		const foreign = survivorRequests.filter(
			(url) => !url.startsWith(portal.origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')
		);
		expect(foreign).toEqual([]);
		expect(survivorCookies).toEqual([]);
	});

	it('keeps the canaries out of the SQLite file, its WAL and shared memory, and the server output', () => {
		const files = databaseFiles(portal);
		expect(files.length).toBeGreaterThan(0);
		for (const canary of [CANARY_AR, CANARY_EN]) {
			expect(files.includes(Buffer.from(canary, 'utf8'))).toBe(false);
			expect(files.includes(Buffer.from(canary, 'utf16le'))).toBe(false);
			expect(portal.output()).not.toContain(canary);
		}
	});

	it('lets the admin read both testimonies decrypted, the Arabic one right to left', async () => {
		const { page } = admin;
		await page.goto(`${portal.origin}/staff`);
		// A full page load empties the worker: the keys must be unlocked again.
		await page.getByLabel('Passphrase').fill(ADMIN.passphrase);
		await page.getByRole('button', { name: 'Unlock' }).click();
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
		const links = page.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ });
		await expect.poll(() => links.count()).toBe(2);

		const seen = new Map<string, { text: string; direction: string; lang: string | null }>();
		for (let index = 0; index < 2; index++) {
			await page
				.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ })
				.nth(index)
				.click();
			const answer = page.locator('.answer-text').first();
			await answer.waitFor({ timeout: 30_000 });
			const text = (await page.locator('.answer-text').allTextContents()).join('\n');
			seen.set(text.includes(CANARY_AR) ? 'ar' : 'en', {
				text,
				direction: await answer.evaluate((element) => getComputedStyle(element).direction),
				lang: await answer.getAttribute('lang')
			});
			await page.getByRole('link', { name: '← Inbox' }).click();
			await page.getByRole('heading', { name: 'Inbox' }).waitFor();
		}
		expect(seen.get('ar')?.text).toContain(`${CANARY_AR} first answer`);
		expect(seen.get('ar')?.text).toContain(`${CANARY_AR} last answer`);
		expect(seen.get('ar')?.direction).toBe('rtl');
		expect(seen.get('ar')?.lang).toBe('ar');
		expect(seen.get('en')?.text).toContain(`${CANARY_EN} first answer`);
		expect(seen.get('en')?.direction).toBe('ltr');
	});

	it('marks opened testimonies as in review', async () => {
		await admin.page.goto(`${portal.origin}/staff`);
		await admin.page.getByLabel('Passphrase').fill(ADMIN.passphrase);
		await admin.page.getByRole('button', { name: 'Unlock' }).click();
		await admin.page.getByRole('heading', { name: 'Inbox' }).waitFor();
		await expect.poll(() => admin.page.locator('.inbox .status', { hasText: 'In review' }).count()).toBe(2);
	});

	it('still keeps the canaries out of every file after staff read them', () => {
		const files = databaseFiles(portal);
		for (const canary of [CANARY_AR, CANARY_EN]) {
			expect(files.includes(Buffer.from(canary, 'utf8'))).toBe(false);
			expect(portal.output()).not.toContain(canary);
		}
	});
});
