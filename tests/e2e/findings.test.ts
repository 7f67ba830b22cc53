import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';
import { axeViolations } from './axe';
import { launchBrowser, type Browser, type RunningPortal } from './harness';
import { enrolThroughApi, portalWithModerator, readRows } from './staff-api';
import { openStaffPage } from './staff-flows';
import { finishAfterReceipt, openThread, tellTestimony } from './survivor-flows';

/**
 * What we heard, what changed: a moderator writes a finding in English and Arabic and cannot
 * publish it alone; a colleague publishes it; survivors read it on the public page and on /check.
 */
let portal: RunningPortal;
let channelId: string;
let author: { cookie: string; passphrase: string };
let colleagueCookie: string;

const title = { en: 'Keys to a home of your own', ar: 'مفاتيح بيت خاص بك' };
const heard = {
	en: 'People told us that landlords turn them away while their permit is being renewed.',
	ar: 'أخبرنا الناس أن أصحاب البيوت يرفضونهم أثناء تجديد تصاريحهم.'
};
const changed = {
	en: 'Partner staff now write a letter that explains the renewal to landlords.',
	ar: 'يكتب فريق الشركاء الآن رسالة تشرح التجديد لأصحاب البيوت.'
};

beforeAll(async () => {
	let adminCookie: string;
	({ portal, moderatorCookie: adminCookie } = await portalWithModerator());
	[{ id: channelId }] = readRows<{ id: string }>(portal, 'select id from channel');
	const first = await enrolThroughApi(portal, adminCookie, 'farah.moderator', `moderator:${channelId}`);
	author = { cookie: first.cookie, passphrase: first.staff.passphrase };
	colleagueCookie = (await enrolThroughApi(portal, adminCookie, 'tomas.moderator', `moderator:${channelId}`)).cookie;
});

afterAll(async () => {
	await portal?.stop();
});

/** A form action posted as the page's own form does, with a staff member's session. */
async function action(cookie: string, name: string, fields: Record<string, string>) {
	const response = await fetch(`${portal.origin}/staff/findings?/${name}`, {
		method: 'POST',
		headers: { cookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: new URLSearchParams(fields)
	});
	return (await response.json()) as { type: string; status: number; data?: string };
}

const findingRow = () =>
	readRows<{ id: string; status: string }>(portal, 'select id, status from finding order by created_at desc')[0];

async function signedIn(browser: Browser, cookie: string) {
	const [name, value] = cookie.split('=');
	await browser.context.addCookies([{ name, value, url: `${portal.origin}/staff` }]);
}

async function writeFinding(page: Page) {
	await openStaffPage(page, `${portal.origin}/staff/findings`, author.passphrase);
	await expect.poll(() => page.getByText('This will be public').first().isVisible()).toBe(true);
	await page.getByLabel('Base language').selectOption('en');
	await page.getByLabel('People who spoke about this (optional)').fill('3');
	await page.locator('#title-en').fill(title.en);
	await page.locator('#heard-en').fill(heard.en);
	await page.locator('#changed-en').fill(changed.en);
	await page.locator('details.language', { hasText: 'العربية' }).locator('summary').click();
	const arabicTitle = page.locator('#title-ar');
	expect(await arabicTitle.getAttribute('dir')).toBe('rtl');
	expect(await arabicTitle.getAttribute('lang')).toBe('ar');
	await arabicTitle.fill(title.ar);
	await page.locator('#heard-ar').fill(heard.ar);
	await page.locator('#changed-ar').fill(changed.ar);
	await page.getByRole('button', { name: 'Save as draft' }).click();
	await expect.poll(() => findingRow()?.status, { timeout: 30_000 }).toBe('draft');
	await page.getByRole('button', { name: 'Send for review' }).click();
	await expect.poll(() => findingRow()?.status, { timeout: 30_000 }).toBe('submitted');
}

describe('a finding from draft to the public page', () => {
	it('is written by one moderator, refused to them for publishing, and published by a colleague', async () => {
		const browser = await launchBrowser();
		try {
			await signedIn(browser, author.cookie);
			const { page } = browser;
			await writeFinding(page);
			// The author's page offers no Publish button, and the action refuses them all the same.
			await page.getByText('You wrote or edited this finding').waitFor();
			expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
			const { id } = findingRow();
			const alone = await action(author.cookie, 'publish', { findingId: id });
			expect(alone).toMatchObject({ type: 'failure', status: 403 });
			expect(findingRow().status).toBe('submitted');

			expect(await action(colleagueCookie, 'publish', { findingId: id })).toMatchObject({ type: 'success' });
			expect(findingRow().status).toBe('published');
			const steps = readRows<{ action: string }>(
				portal,
				"select action from audit_event where action like 'finding.%' order by id"
			).map((row) => row.action);
			expect(steps).toEqual(['finding.created', 'finding.submitted', 'finding.published']);
		} finally {
			await browser.close();
		}
	});

	it('shows it in Arabic, right to left, at 320 px, with no cookie and nothing from another origin', async () => {
		const survivor = await launchBrowser({ locale: 'ar', width: 320 });
		try {
			const { page, context } = survivor;
			const elsewhere: string[] = [];
			page.on('request', (request) => {
				if (!request.url().startsWith(portal.origin)) elsewhere.push(request.url());
			});
			await page.goto(`${portal.origin}/ar/findings`);
			const catalogue = readSurvivorCatalogue('ar');
			await page.getByRole('heading', { level: 1, name: catalogue.findings_page_title }).waitFor();
			expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
			const block = page.locator('article.finding [lang="ar"]').filter({ hasText: title.ar });
			expect(await block.getAttribute('dir')).toBe('rtl');
			expect(await page.getByText(heard.ar).isVisible()).toBe(true);
			// A count of 3 is never shown: the page says "fewer than 5".
			const fewer = catalogue.findings_people_fewer.replace('{count}', new Intl.NumberFormat('ar').format(5));
			expect(await page.getByText(fewer).isVisible()).toBe(true);
			expect(await page.locator('main').textContent()).not.toMatch(/[3٣]/);
			expect(await axeViolations(page)).toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
			expect(await context.cookies()).toEqual([]);
			expect(elsewhere).toEqual([]);
		} finally {
			await survivor.close();
		}
	});

	it('falls back to the base language, with a note, where the visitor’s language has no text', async () => {
		const visitor = await launchBrowser({ locale: 'tr' });
		try {
			const { page } = visitor;
			await page.goto(`${portal.origin}/tr/findings`);
			const block = page.locator('article.finding [lang="en"]').filter({ hasText: title.en });
			await block.waitFor();
			expect(await block.getAttribute('dir')).toBe('ltr');
			expect(await page.getByText(readSurvivorCatalogue('tr').findings_other_language).isVisible()).toBe(true);
		} finally {
			await visitor.close();
		}
	});

	it('is linked from the start page and shown on /check for a testimony of that channel', async () => {
		const survivor = await launchBrowser({ locale: 'en', width: 320 });
		try {
			const { page } = survivor;
			await page.goto(`${portal.origin}/en`);
			expect(await page.getByRole('link', { name: 'What we heard, what changed' }).getAttribute('href')).toBe(
				'/findings'
			);
			const receipt = await tellTestimony(page, `${portal.origin}/en/tell`, {
				answers: ['A fictional answer about a flat that was never offered.']
			});
			await finishAfterReceipt(page);
			await openThread(page, `${portal.origin}/en/check`, receipt);
			const section = page.getByRole('region', { name: 'What the team heard and what changed' });
			await section.getByRole('heading', { name: title.en }).waitFor({ timeout: 30_000 });
			expect(await section.getByText('Fewer than 5 people spoke about this.').isVisible()).toBe(true);
			expect(await axeViolations(page)).toEqual([]);
		} finally {
			await survivor.close();
		}
	});
});

describe('withdrawing a finding', () => {
	it('takes it off the public page at once', async () => {
		const { id } = findingRow();
		expect(await action(author.cookie, 'withdraw', { findingId: id })).toMatchObject({ type: 'success' });
		const page = await fetch(`${portal.origin}/en/findings`);
		expect(await page.text()).not.toContain(title.en);
	});
});
