import { afterAll, beforeAll, it } from 'vitest';
import { readyCrypto } from '../src/lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from '../tests/e2e/harness';
import { fillCorpus } from '../tests/e2e/research-corpus';
import { completeSetup, openStaffPage, signIn, type EnrolledStaff } from '../tests/e2e/staff-flows';

/** Opening a corpus of 10,000 records of about 2 KB in Chromium; budget: open < 1.5 s, search < 100 ms. */
const RECORDS = 10_000;
let portal: RunningPortal;
let admin: EnrolledStaff;
const rows: [string, string][] = [];

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const browser = await launchBrowser();
	admin = await completeSetup(browser.page, portal.setupLink!);
	await browser.close();
	fillCorpus(portal, admin, RECORDS);
});

afterAll(async () => {
	await portal?.stop();
	console.log('\nResearch corpus, measured in one run:');
	for (const [name, value] of rows) console.log(`  ${name.padEnd(58)} ${value}`);
});

it('opens 10,000 records and searches them', async () => {
	const browser = await launchBrowser({ width: 1280 });
	try {
		const { page } = browser;
		await signIn(page, portal.origin, admin);
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
		await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
		const opened = page.getByTestId('opened');
		await opened.waitFor({ timeout: 120_000 }).catch(async (cause) => {
			console.log((await page.locator('body').textContent())?.slice(0, 2000));
			throw cause;
		});
		rows.push(['records opened', (await opened.textContent())?.match(/^\d+/)?.[0] ?? '?']);
		rows.push(['fetch + decrypt + index (budget 1,500 ms)', `${await opened.getAttribute('data-opened-ms')} ms`]);
		rows.push([
			'  of which fetching the ciphertext (one binary frame)',
			`${await opened.getAttribute('data-fetch-ms')} ms`
		]);
		rows.push([
			'  of which decrypting and indexing, messages included',
			`${await opened.getAttribute('data-decrypt-index-ms')} ms`
		]);
		rows.push(['    decrypting (inside the worker)', `${await opened.getAttribute('data-decrypt-ms')} ms`]);
		rows.push(['    indexing (inside the worker)', `${await opened.getAttribute('data-index-ms')} ms`]);
		const count = page.getByTestId('result-count');
		for (const query of ['interpreter', 'francais', 'الاستمارات', 'permit renewal']) {
			await page.getByLabel('Search the corpus').fill(query);
			await page.waitForFunction(
				() => !document.querySelector('[data-testid="result-count"]')?.textContent?.includes('Searching')
			);
			rows.push([
				`search “${query}” (budget 100 ms)`,
				`${await count.getAttribute('data-search-ms')} ms, ${(await count.textContent())?.trim()}`
			]);
		}
	} finally {
		await browser.close();
	}
});
