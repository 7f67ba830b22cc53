import { afterAll, beforeAll, describe, it } from 'vitest';
import { readyCrypto } from '../src/lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from '../tests/e2e/harness';
import { fillCodings, fillCorpus } from '../tests/e2e/research-corpus';
import { completeSetup, openStaffPage, signIn, type EnrolledStaff } from '../tests/e2e/staff-flows';
import { tabHeap } from './tab-heap';

/*
 * Opening a research corpus of records of about 2 KB in Chromium, with codings, and searching
 * it. Budgets: open 10,000 records in 1.5 s and 50,000 in 6 s with the tab's JavaScript heap
 * (page and worker) under 300 MB; a search under 100 ms at 10,000 records with 5,000 codings.
 */
const rows: [string, string][] = [];

afterAll(() => {
	console.log('\nResearch corpus, measured in one run:');
	for (const [name, value] of rows) console.log(`  ${name.padEnd(66)} ${value}`);
});

function scenario(records: number, codings: number, openBudgetMs: number, searches: string[]) {
	const label = `${records.toLocaleString('en')} records, ${codings.toLocaleString('en')} codings`;
	describe(label, () => {
		let portal: RunningPortal;
		let admin: EnrolledStaff;

		beforeAll(async () => {
			await readyCrypto();
			portal = await startPortal();
			const browser = await launchBrowser();
			admin = await completeSetup(browser.page, portal.setupLink!);
			await browser.close();
			fillCorpus(portal, admin, records);
			fillCodings(portal, codings);
		});

		afterAll(async () => {
			await portal?.stop();
		});

		it(`opens and searches ${label}`, async () => {
			const browser = await launchBrowser({ width: 1280 });
			try {
				const { page } = browser;
				// Signing in lands on the inbox, which takes long with tens of thousands of testimonies.
				page.setDefaultNavigationTimeout(240_000);
				page.setDefaultTimeout(240_000);
				await signIn(page, portal.origin, admin);
				await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 120_000 });
				await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
				const opened = page.getByTestId('opened');
				await opened.waitFor({ timeout: 120_000 });
				await page.waitForFunction(
					() => document.querySelector('[data-testid="opened"][data-opened-ms]:not([data-opened-ms="0"])'),
					null,
					{
						timeout: 120_000
					}
				);
				rows.push([`${label}: records opened`, (await opened.textContent())?.match(/^[\d,]+/)?.[0] ?? '?']);
				rows.push([
					`  open: fetch + decrypt + index (budget ${openBudgetMs.toLocaleString('en')} ms)`,
					`${await opened.getAttribute('data-opened-ms')} ms`
				]);
				const first = await opened.getAttribute('data-first-usable-ms');
				if (first) rows.push(['  first records searchable after', `${first} ms`]);
				rows.push([
					'    waiting on the network with nothing to decrypt',
					`${await opened.getAttribute('data-fetch-ms')} ms`
				]);
				rows.push(['    decrypting (inside the worker)', `${await opened.getAttribute('data-decrypt-ms')} ms`]);
				rows.push(['    indexing (inside the worker)', `${await opened.getAttribute('data-index-ms')} ms`]);
				const heap = await tabHeap(page);
				rows.push([
					'  JS heap + array buffers, page + workers, after GC (budget 300 MB)',
					`${heap.total} MB (page ${heap.page} MB, ${heap.workers} workers ${heap.worker} MB)`
				]);
				const count = page.getByTestId('result-count');
				for (const query of searches) {
					await page.getByLabel('Search the corpus').fill(query);
					await page.waitForFunction(
						() => !document.querySelector('[data-testid="result-count"]')?.textContent?.includes('Searching'),
						null,
						{ timeout: 120_000 }
					);
					rows.push([
						`  search “${query}” (budget 100 ms)`,
						`${await count.getAttribute('data-search-ms')} ms, ${(await count.textContent())?.trim()}`
					]);
				}
			} finally {
				await browser.close();
			}
		});
	});
}

scenario(10_000, 5_000, 1_500, ['interpreter', 'francais', 'الاستمارات', 'permit renewal', 'kalo']);
scenario(50_000, 5_000, 6_000, ['interpreter']);
