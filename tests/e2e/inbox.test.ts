import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readyCrypto } from '../../src/lib/crypto';
import { localeName } from '../../src/lib/i18n';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { daysAgo, fillInbox } from './inbox-seed';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { finishAfterReceipt, tellTestimony } from './survivor-flows';

/**
 * The moderators' inbox with more testimonies than fit on a page: paged on the server, stable
 * references, unread markers per moderator, what waits for us and for how long, live counts.
 */
let portal: RunningPortal;
let admin: EnrolledStaff;
let staff: Browser;
const REFERENCE = /^Testimony ([2-9A-Z]{4}-[2-9A-Z]{4})$/;
const SOMALI = localeName('so');

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	staff = await launchBrowser({ width: 1280 });
	admin = await completeSetup(staff.page, portal.setupLink!);
});

afterAll(async () => {
	await staff?.close();
	await portal?.stop();
});

const links = () => staff.page.getByRole('main').getByRole('link', { name: REFERENCE });
const summary = async () => (await staff.page.getByTestId('page-summary').textContent())?.replace(/\s+/g, ' ');
const references = async () => (await links().allTextContents()).map((text) => text.replace('Testimony ', ''));

function sql(statement: string, ...values: unknown[]) {
	const database = new Database(portal.databasePath);
	try {
		database.prepare(statement).run(...values);
	} finally {
		database.close();
	}
}

describe('the inbox at scale', () => {
	it('shows one page of 50, opens only that page’s envelopes, and pages with Back and Forward', async () => {
		fillInbox(portal, { count: 120, days: [daysAgo(1), daysAgo(2), daysAgo(3)], status: 'in_review' });
		const { page } = staff;
		const envelopeIds: number[] = [];
		page.on('request', (request) => {
			if (request.url().endsWith('/staff/api/inbox/envelopes')) envelopeIds.push(request.postDataJSON().ids.length);
		});
		await openStaffPage(page, `${portal.origin}/staff`, admin.passphrase);
		await expect.poll(() => links().count()).toBe(50);
		expect(await summary()).toMatch(/1–50 of 120, newest first/);
		const first = await references();
		await expect.poll(() => page.getByTestId('language').count()).toBe(50);
		const somali = (await page.getByTestId('language').allTextContents()).filter((name) => name === SOMALI).length;
		expect(somali).toBeGreaterThan(0);
		expect(envelopeIds.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(50);

		// A page change fetches the list only: the counts above it are not read again (the live poll
		// keeps them), which keeps paging fast with 50,000 testimonies.
		const countsShown = await page.getByRole('list', { name: 'Testimonies by status' }).textContent();
		const pageData = page.waitForResponse((response) => response.url().includes('/staff/__data.json?page=2'));
		await page.getByRole('link', { name: 'Next page' }).click();
		await page.waitForURL(/page=2/);
		await expect.poll(summary).toMatch(/51–100 of 120/);
		// Asked again from here: the browser lets go of a response's body once the page has used it.
		const asked = await page.request.get((await pageData).url());
		expect(await asked.text()).not.toContain('unreadTestimonies');
		expect(await page.getByRole('list', { name: 'Testimonies by status' }).textContent()).toBe(countsShown);
		const second = await references();
		expect(second).toHaveLength(50);
		expect(second.filter((reference) => first.includes(reference))).toEqual([]);
		await page.getByRole('link', { name: 'Next page' }).click();
		await expect.poll(() => links().count()).toBe(20);
		expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);

		await page.goBack();
		await page.goBack();
		await expect.poll(() => references()).toEqual(first);
		await page.goForward();
		await expect.poll(() => references()).toEqual(second);
		await page.goBack();
		expect(envelopeIds.every((n) => n <= 50)).toBe(true);

		// The language is read in the browser, so its filter says it looks at this page only.
		await page.goBack();
		await expect.poll(() => page.getByTestId('language').count()).toBe(50);
		await page.getByLabel('Language (read in this browser)').selectOption('so');
		await expect.poll(() => links().count()).toBe(somali);
		expect(await page.locator('#language-note').textContent()).toMatch(/applies to this page/);
		expect(await axeViolations(page)).toEqual([]);
	});
});

describe('stable references', () => {
	it('keeps each testimony’s reference through approvals and filters, on its page, and opens it by reference', async () => {
		const { page } = staff;
		await openStaffPage(page, `${portal.origin}/staff?status=in_review`, admin.passphrase);
		await expect.poll(() => links().count()).toBe(50);
		const before = await references();
		// Approving the first three must not renumber or rename the rest.
		const database = new Database(portal.databasePath, { readonly: true });
		const approved = before.slice(0, 3).map((reference) => {
			const row = database.prepare('select id from submission where reference = ?').get(reference.replace('-', '')) as {
				id: string;
			};
			return row.id;
		});
		database.close();
		for (const id of approved) sql("update submission set status = 'approved' where id = ?", id);
		await openStaffPage(page, `${portal.origin}/staff?status=in_review`, admin.passphrase);
		await expect.poll(() => links().count()).toBe(50);
		expect((await references()).slice(0, 47)).toEqual(before.slice(3));
		await openStaffPage(page, `${portal.origin}/staff?status=approved`, admin.passphrase);
		await expect.poll(async () => (await references()).sort()).toEqual(before.slice(0, 3).sort());

		const [shownFirst] = await references();
		await links().first().click();
		const heading = page.locator('main h1');
		await expect.poll(() => heading.textContent()).toContain(`Testimony ${shownFirst}`);

		// Typed in lower case without its dash, as someone reading it off a note would.
		await page.getByRole('link', { name: '← Inbox' }).click();
		await page.waitForURL(`${portal.origin}/staff`);
		await expect.poll(() => links().count()).toBe(50);
		const wanted = before[10];
		await page.getByLabel('Open by reference').fill(wanted.toLowerCase().replace('-', ' '));
		await page.getByRole('button', { name: 'Open', exact: true }).click();
		await page.waitForURL(/\/staff\/testimony\//);
		await expect.poll(() => heading.textContent()).toContain(`Testimony ${wanted}`);

		await page.getByRole('link', { name: '← Inbox' }).click();
		await page.waitForURL(`${portal.origin}/staff`);
		await page.getByLabel('Open by reference').fill('ZZZZ-ZZZZ');
		await page.getByRole('button', { name: 'Open', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: 'No testimony with this reference in your channels.' }).waitFor();
		await page.getByLabel('Open by reference').fill('<b>7QM4</b>');
		await page.getByRole('button', { name: 'Open', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: 'A reference is eight letters and digits' }).waitFor();
		expect(await page.locator('main').textContent()).not.toContain('<b>');
	});
});

describe('what is new and what waits for us', () => {
	it('marks testimonies and survivor messages unread, counts them live, and lists what waits with its age', async () => {
		const { page } = staff;
		const survivor = await launchBrowser();
		let receipt = '';
		try {
			receipt = await tellTestimony(survivor.page, `${portal.origin}/tell`, {
				answers: ['They kept our passports in the office safe.'],
				replies: true
			});
			await finishAfterReceipt(survivor.page);
		} finally {
			await survivor.close();
		}
		const [old] = fillInbox(portal, { count: 1, days: [daysAgo(9)], status: 'in_review' });

		await openStaffPage(page, `${portal.origin}/staff?unread=1`, admin.passphrase);
		await expect.poll(() => links().count()).toBeGreaterThan(0);
		const told = page.locator('.inbox li', { has: page.locator('.status-new') });
		await expect.poll(() => told.getByTestId('unread').textContent()).toBe('Unread');
		const reference = (await told.getByRole('link').textContent())!;
		await told.getByRole('link').click();
		await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
		await page.getByRole('link', { name: '← Inbox' }).click();
		// Read now: gone from the unread filter, still on the inbox's first page (newest first).
		const row = page.locator('.inbox li', { has: page.getByRole('link', { name: reference }) });
		await expect.poll(() => row.count()).toBe(1);
		expect(await row.getByTestId('unread').count()).toBe(0);
		await page.getByTestId('unread-count').click();
		await page.waitForURL(/unread=1/);
		await expect.poll(() => row.count()).toBe(0);
		await openStaffPage(page, `${portal.origin}/staff`, admin.passphrase);
		await expect.poll(() => row.count()).toBe(1);

		// The survivor writes again while the inbox stays open: the counts change without a reload.
		const unreadBefore = await page.getByTestId('unread-count').textContent();
		const follower = await launchBrowser();
		try {
			await follower.page.goto(`${portal.origin}/check`);
			await follower.page.locator('#receipt').fill(receipt);
			await follower.page.locator('main form button[type="submit"]').click();
			// Opening the receipt derives its keys in the browser: slow on a busy machine.
			await follower.page.locator('#message').waitFor({ timeout: 120_000 });
			await follower.page.locator('#message').fill('I remembered the street name of the office.');
			await follower.page.locator('main section').nth(1).locator('button[type="submit"]').click();
			// Sealing and the proof of work come first: seconds on a busy machine, not one.
			await expect
				.poll(() => readCount("select count(*) from message where direction = 'from_survivor'"), { timeout: 60_000 })
				.toBe(1);
		} finally {
			await follower.close();
		}
		await expect
			.poll(() => page.getByTestId('live').textContent(), { timeout: 45_000 })
			.toMatch(/Since the inbox was loaded: 1 testimony with new messages/);
		expect(await page.getByTestId('unread-count').textContent()).not.toEqual(unreadBefore);
		await page.getByRole('button', { name: 'Show the latest' }).click();
		await expect.poll(() => row.getByTestId('unread').textContent()).toBe('1 new message');
		expect(await row.getByTestId('age').textContent()).toBe('unanswered since today');

		// Waiting for us: longest waiting first, with whole days since the survivor's last word.
		await page.getByTestId('waiting-count').click();
		await page.waitForURL(/waiting=1/);
		const oldReference = readReference(old.id);
		const first = page.locator('.inbox li').first();
		await expect.poll(() => first.getByRole('link').textContent()).toBe(`Testimony ${oldReference}`);
		expect(await first.getByTestId('age').textContent()).toBe('unanswered for 9 days');
	});
});

function readCount(statement: string): number {
	const database = new Database(portal.databasePath, { readonly: true });
	try {
		return database.prepare(statement).pluck().get() as number;
	} finally {
		database.close();
	}
}

function readReference(id: string): string {
	const database = new Database(portal.databasePath, { readonly: true });
	try {
		const reference = database.prepare('select reference from submission where id = ?').pluck().get(id) as string;
		return `${reference.slice(0, 4)}-${reference.slice(4)}`;
	} finally {
		database.close();
	}
}
