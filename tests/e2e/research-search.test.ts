import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '../../src/lib/crypto';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { fillCodings, fillCorpus } from './research-corpus';
import { completeSetup, openStaffPage, signIn, type EnrolledStaff } from './staff-flows';

/*
 * Searching the research corpus end to end: 2,100 sealed records (two corpus pages) with 600
 * codings, opened in Chromium. A few records carry words and emoji the tests look for.
 */

const RECORDS = 2100;
const SPECIAL: Record<number, string> = {
	3: 'The landlord kept my passport 😢 and said I owed him rent. Later he kept my passport again.',
	4: 'At the border a guard took my passport. I prayed 🙏🏽 for my son every night.',
	5: 'The agency promised a passport in two weeks; it never came 😢.'
};

let portal: RunningPortal;
let admin: EnrolledStaff;
let browser: Browser;
let page: Page;

/** Counts the operations the page posts to its crypto workers, by name. */
async function countWorkerMessages(target: Page) {
	await target.addInitScript(() => {
		const counts: Record<string, number> = {};
		Object.assign(window, { workerMessages: counts });
		const post = Worker.prototype.postMessage as (this: Worker, ...args: unknown[]) => void;
		Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
			const op = (args[0] as { op?: string })?.op ?? 'other';
			counts[op] = (counts[op] ?? 0) + 1;
			post.apply(this, args);
		} as typeof Worker.prototype.postMessage;
	});
}

const workerMessages = (op: string) =>
	page.evaluate(
		(name) => (window as unknown as { workerMessages: Record<string, number> }).workerMessages[name] ?? 0,
		op
	);

const resultCount = () => page.getByTestId('result-count').textContent();

async function search(query: string) {
	await page.getByLabel('Search the corpus').fill(query);
	await expect.poll(resultCount, { timeout: 30_000 }).not.toContain('Searching');
}

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const setup = await launchBrowser();
	admin = await completeSetup(setup.page, portal.setupLink!);
	await setup.close();
	fillCorpus(portal, admin, RECORDS, (record, answer) =>
		answer === 0 && SPECIAL[record] ? SPECIAL[record] : `Record ${record} answer ${answer}: the office sent a letter.`
	);
	fillCodings(portal, 600);
	browser = await launchBrowser({ width: 1280 });
	page = browser.page;
	await countWorkerMessages(page);
	await signIn(page, portal.origin, admin);
	await page.waitForURL((url) => !url.pathname.endsWith('/login'));
});

afterAll(async () => {
	await browser?.close();
	await portal?.stop();
});

describe('the research records list', () => {
	it('lists and searches the first records while the last corpus page is still on its way', async () => {
		let releaseLastPage = () => {};
		const lastPageHeld = new Promise<void>((resolve) => (releaseLastPage = resolve));
		await page.route('**/staff/api/research/corpus?after=*', async (route) => {
			await lastPageHeld;
			await route.continue();
		});
		await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
		await page.getByTestId('opening').waitFor({ timeout: 60_000 });
		await expect.poll(() => page.getByText(/^Still opening: [\d,]+ of 2,100 records decrypted/).count()).toBe(1);
		await search('office');
		const early = Number((await resultCount())?.match(/^\d+/)?.[0]);
		expect(early).toBeGreaterThan(0);
		expect(early).toBeLessThan(RECORDS);
		releaseLastPage();
		await page.getByTestId('opened').waitFor({ timeout: 60_000 });
		await expect.poll(resultCount, { timeout: 30_000 }).toBe(`${RECORDS.toLocaleString('en')} records match.`);
		await page.unroute('**/staff/api/research/corpus?after=*');
	});

	it('sends the codings to the worker once, not again with every page load, so a search is not kept waiting', async () => {
		// The layout's data comes again on each move between workspace pages.
		await page.getByRole('link', { name: 'Codebook' }).click();
		await page
			.getByRole('heading', { name: /codebook/i })
			.first()
			.waitFor();
		await page.getByRole('link', { name: 'Records' }).click();
		await page.getByLabel('Search the corpus').waitFor();
		await page.waitForTimeout(1000);
		expect(await workerMessages('research.setCodings')).toBeLessThanOrEqual(2);
		await search('passport');
		expect(await resultCount()).toBe('3 records match.');
	});

	it('shows each hit in its passage, marked, with several hits of one record', async () => {
		await search('passport');
		const row = page.locator('tr', { has: page.getByText('The landlord kept my', { exact: false }) });
		await expect.poll(() => row.locator('.kwic mark').allTextContents()).toEqual(['passport', 'passport']);
		expect(await row.locator('.kwic .hint').textContent()).toBe('2 hits');
		expect(await axeViolations(page)).toEqual([]);
	});

	it('finds the records holding an emoji, not every record, and says when there is nothing to search', async () => {
		await search('😢');
		expect(await resultCount()).toBe('2 records match.');
		await search('🙏');
		expect(await resultCount()).toBe('1 record matches.');
		await search('?!');
		expect(await resultCount()).toBe(
			'Nothing to search for: type a word, a number or an emoji. Punctuation alone is not searched.'
		);
	});

	it('codes every hit the researcher kept after reviewing them, and undoes it', async () => {
		await search('passport');
		await page.getByRole('button', { name: 'Code all hits…' }).click();
		const panel = page.getByRole('region', { name: 'Code all hits of “passport”' });
		await expect.poll(() => panel.getByRole('checkbox').count()).toBe(4);
		await panel.getByLabel('Code', { exact: true }).selectOption('sentence');
		// Two hits in one sentence each are still four sentences.
		await expect.poll(() => panel.getByRole('checkbox').count()).toBe(4);
		await panel.getByRole('checkbox').nth(1).uncheck();
		await panel.getByLabel('With the code').selectOption({ label: 'Papers' });
		expect(await axeViolations(page)).toEqual([]);
		await panel.getByRole('button', { name: 'Apply Papers to 3 hits' }).click();
		await expect
			.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 })
			.toContain('Coded 3 hits with Papers.');
		const database = new Database(portal.databasePath, { readonly: true });
		const papers = () =>
			(
				database
					.prepare("select count(*) as n from coding join code on code.id = coding.code_id where code.name = 'Papers'")
					.get() as { n: number }
			).n;
		const before = 600 / 5;
		expect(papers()).toBe(before + 3);
		await panel.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(papers, { timeout: 30_000 }).toBe(before);
		database.close();
	});
});
