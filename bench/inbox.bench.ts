import { afterAll, beforeAll, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readyCrypto } from '../src/lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from '../tests/e2e/harness';
import { daysAgo, fillInbox } from '../tests/e2e/inbox-seed';
import { completeSetup, type EnrolledStaff } from '../tests/e2e/staff-flows';

/**
 * The moderators' inbox with 50,000 testimonies stored, each a real sealed envelope; budget: the
 * inbox view (navigation to the rendered list), a page change and a filter each ≤ 300 ms.
 */
const TESTIMONIES = 50_000;
const BUDGET = '(budget 300 ms)';
let portal: RunningPortal;
let admin: EnrolledStaff;
const rows: [string, string][] = [];

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const browser = await launchBrowser();
	admin = await completeSetup(browser.page, portal.setupLink!);
	await browser.close();
	const days = Array.from({ length: 365 }, (_, index) => daysAgo(index));
	const started = performance.now();
	fillInbox(portal, { count: TESTIMONIES * 0.7, days, status: 'approved' });
	fillInbox(portal, { count: TESTIMONIES * 0.2, days, status: 'in_review' });
	fillInbox(portal, { count: TESTIMONIES * 0.1, days, status: 'new' });
	rows.push(['testimonies sealed and stored', `${TESTIMONIES} in ${Math.round(performance.now() - started)} ms`]);
}, 900_000);

afterAll(async () => {
	await portal?.stop();
	console.log('\nInbox with 50,000 testimonies, measured in one run:');
	for (const [name, value] of rows) console.log(`  ${name.padEnd(58)} ${value}`);
});

/** Milliseconds from `act` until `ready(arg)` holds in the page (checked on every animation frame). */
async function timed<T>(page: Page, act: () => Promise<unknown>, ready: (arg: T) => boolean, arg: T): Promise<number> {
	await page.evaluate(() => ((window as unknown as { benchStart: number }).benchStart = performance.now()));
	await act();
	await page.waitForFunction(ready, arg, { timeout: 120_000, polling: 'raf' });
	return Math.round(
		await page.evaluate(() => performance.now() - (window as unknown as { benchStart: number }).benchStart)
	);
}

/** The inbox is on screen with its list, at an address holding `search` (and on page `page`, when given). */
const listShown = ({ search, page }: { search: string; page?: number }) =>
	location.pathname === '/staff' &&
	location.search.includes(search) &&
	document.querySelectorAll('main .inbox li a').length > 0 &&
	(page === undefined ||
		(new URLSearchParams(location.search).get('page') === String(page) &&
			(document.querySelector('[data-testid="page-summary"]')?.textContent ?? '')
				.trim()
				.startsWith(`${(page - 1) * 50 + 1}–`)));

async function heapMegabytes(page: Page): Promise<string> {
	const session = await page.context().newCDPSession(page);
	await session.send('HeapProfiler.collectGarbage');
	const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
	await session.detach();
	return `${Math.round(usedSize / (1024 * 1024))} MB`;
}

it('signs in, shows the inbox, changes page and filters with 50,000 testimonies stored', async () => {
	const browser = await launchBrowser({ width: 1280 });
	try {
		const { page } = browser;
		await page.goto(`${portal.origin}/staff/login`);
		await page.getByLabel('Username').fill(admin.username);
		await page.getByLabel('Passphrase').fill(admin.passphrase);
		await page.getByLabel(/^Code from your authenticator/).fill(await admin.authenticator.code());
		const signInStarted = performance.now();
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForFunction(listShown, { search: '' }, { timeout: 300_000, polling: 'raf' });
		rows.push([
			'sign-in to the rendered inbox (Argon2id included)',
			`${Math.round(performance.now() - signInStarted)} ms`
		]);
		rows.push(['tab heap after sign-in', await heapMegabytes(page)]);

		for (let round = 1; round <= 3; round++) {
			await page.getByRole('link', { name: 'Account', exact: true }).click();
			await page.getByRole('heading', { name: 'Your account' }).waitFor();
			const inbox = page.getByRole('link', { name: 'Inbox', exact: true });
			const viewMs = await timed(page, () => inbox.click(), listShown, { search: '' });
			rows.push([`inbox view, navigation to rendered list #${round} ${BUDGET}`, `${viewMs} ms`]);
		}

		const next = page.getByRole('link', { name: 'Next page' });
		if ((await next.count()) > 0) {
			for (let round = 1; round <= 3; round++) {
				const ms = await timed(page, () => page.getByRole('link', { name: 'Next page' }).click(), listShown, {
					search: 'page=',
					page: round + 1
				});
				rows.push([`page change to page ${round + 1} ${BUDGET}`, `${ms} ms`]);
			}
			// The last page change's own request, as the browser timed it, with the server's part.
			const data = await page.evaluate(() => {
				const entry = performance
					.getEntriesByType('resource')
					.filter((item) => item.name.includes('/staff/__data.json?page='))
					.pop() as PerformanceResourceTiming | undefined;
				return {
					ms: Math.round(entry?.duration ?? NaN),
					bytes: entry?.encodedBodySize ?? NaN,
					server: entry?.serverTiming.find((timing) => timing.name === 'inbox')?.duration
				};
			});
			rows.push(['page change data: request to last byte', `${data.ms} ms, ${Math.round(data.bytes / 1024)} KiB`]);
			rows.push([
				'  of which the list’s queries (Server-Timing)',
				data.server === undefined ? 'n/a' : `${Math.round(data.server)} ms`
			]);
		} else rows.push(['page change', 'n/a (no pages: every testimony is listed)']);

		const inReview = page.getByRole('link', { name: /^In review: / });
		const filterMs = await timed(page, () => inReview.click(), listShown, { search: 'status=in_review' });
		rows.push([`filter "In review" ${BUDGET}`, `${filterMs} ms`]);
		const waiting = page.getByTestId('waiting-count');
		if ((await waiting.count()) > 0) {
			const waitingMs = await timed(page, () => waiting.click(), listShown, { search: 'waiting=1' });
			rows.push([`filter "Waiting for us" ${BUDGET}`, `${waitingMs} ms`]);
		}
		rows.push(['tab heap after the inbox walk', await heapMegabytes(page)]);
	} finally {
		await browser.close();
	}
});
