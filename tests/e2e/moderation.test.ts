import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows, staffCookie } from './staff-api';
import { completeSetup, enrol, inviteModerator, openStaffPage, type EnrolledStaff } from './staff-flows';
import { finishAfterReceipt, tellTestimony } from './survivor-flows';

/**
 * From a raw testimony to a research record: transcribe a voice note, translate a Dari
 * answer, redact a name, a phone number and a town, approve; the researcher's copy carries
 * only placeholders while the moderator still sees the original. Then a reply round trip and
 * two moderators saving the same testimony.
 */
const NAME = 'Blessing Okoro';
const PHONE = '+234 803 555 0199';
const TOWN = 'Castel Volturno';
const ENGLISH = `My friend ${NAME} helped me when I slept outside in ${TOWN}. Her number is ${PHONE}.`;
const DARI = 'پیدا کردن خانه در شهر دشوار است.';

const DARI_THANKS = 'سخنان شما را خواندیم. Thank you. We read every word.';
const FRENCH_THANKS = 'Nous avons lu chacun de vos mots. Merci.';

let portal: RunningPortal;
let admin: EnrolledStaff;
let adminBrowser: Browser;
let receipt = '';

beforeAll(async () => {
	portal = await startPortal();
	adminBrowser = await launchBrowser({ width: 1280 });
	admin = await completeSetup(adminBrowser.page, portal.setupLink!);
	const survivor = await launchBrowser({ locale: 'fa-AF', fakeMicrophone: true });
	try {
		receipt = await tellTestimony(survivor.page, `${portal.origin}/fa-AF/tell`, {
			answers: [ENGLISH, DARI],
			voiceAt: [0],
			replies: true,
			quote: true
		});
		await finishAfterReceipt(survivor.page);
	} finally {
		await survivor.close();
	}
});

afterAll(async () => {
	await adminBrowser?.close();
	await portal?.stop();
});

/** The staff language of every account, as if chosen on the Account page (null: the browser's). */
function setStaffLocale(locale: string | null) {
	const database = new Database(portal.databasePath);
	database.prepare('update staff_user set locale = ?').run(locale);
	database.close();
}

async function openFirstTestimony(page: Page, who: EnrolledStaff) {
	await openStaffPage(page, `${portal.origin}/staff`, who.passphrase);
	await page
		.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ })
		.first()
		.click();
	await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
}

describe('moderating a testimony', () => {
	it('leaves a new testimony new when its page is only fetched, and puts it in review once a moderator opens it', async () => {
		const [{ id }] = readRows<{ id: string }>(portal, 'select id from submission');
		const cookie = await staffCookie(portal, admin);
		const fetched = await fetch(`${portal.origin}/staff/testimony/${id}`, { headers: { cookie } });
		expect(fetched.status).toBe(200);
		await fetched.body?.cancel();
		expect(readRows(portal, 'select status from submission where id = ?', id)).toEqual([{ status: 'new' }]);

		const { page } = adminBrowser;
		await openFirstTestimony(page, admin);
		await expect.poll(() => page.getByTestId('status').textContent()).toBe('In review');
		expect(readRows(portal, 'select status from submission where id = ?', id)).toEqual([{ status: 'in_review' }]);
	});

	it('transcribes, translates, redacts with suggestions, and approves into the research corpus', async () => {
		const { page } = adminBrowser;
		await openFirstTestimony(page, admin);

		const voiced = page.locator('article.answer').first();
		await voiced.getByRole('button', { name: 'Listen' }).click();
		await voiced.locator('audio').waitFor({ state: 'attached' });
		expect(await voiced.locator('audio').getAttribute('src')).toMatch(/^blob:/);
		await voiced.getByLabel('Transcript of the voice note').fill(`In the recording she says ${NAME} gave her food.`);
		const dari = page.locator('article.answer').nth(1);
		await dari.getByLabel(/^Translation into/).fill('Trouver une maison en ville est difficile.');
		await dari.getByLabel('English translation (optional)').fill('Finding a house in the city is difficult.');

		for (const text of [NAME, PHONE, TOWN]) {
			await page.getByRole('button', { name: `Redact “${text}”` }).click();
		}
		// Every remaining suggestion is looked at by a person: here, kept.
		for (let guard = 0; guard < 30; guard++) {
			const keep = page.getByRole('button', { name: /^Keep “/ }).first();
			if (!(await keep.isVisible().catch(() => false))) break;
			await keep.click();
		}
		await expect.poll(() => page.getByRole('heading', { name: 'Suggestions to check (0)' }).count()).toBe(1);

		const researcherView = page.locator('.redacted').first();
		expect(await researcherView.textContent()).not.toContain(NAME);
		expect(await researcherView.textContent()).toContain('Person A');

		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.getByText('Saved, encrypted for this channel’s moderators.').waitFor();
		expect(await page.getByRole('button', { name: 'Approve for research' }).isDisabled()).toBe(true);
		await page.getByLabel('I removed names, places and other identifying details').check();
		await page.getByRole('button', { name: 'Approve for research' }).click();
		await expect.poll(() => page.getByTestId('status').textContent()).toBe('Approved');

		expect(readRows(portal, 'select id from research_record')).toHaveLength(1);
	});

	it('gives researchers the placeholders and none of the redacted words, and keeps the original for moderators', async () => {
		const { page } = adminBrowser;
		await page.goto(`${portal.origin}/staff/research`);
		await page.getByRole('heading', { name: 'Unlock your keys' }).waitFor();
		await page.getByLabel('Passphrase').fill(admin.passphrase);
		await page.getByRole('button', { name: 'Unlock' }).click();
		await page.locator('tr[data-record-id] a').first().click({ timeout: 30_000 });
		await page.locator('.coded-text').first().waitFor();
		const text = (await page.locator('main').textContent()) ?? '';
		for (const redacted of [NAME, 'Blessing', PHONE, TOWN]) expect(text).not.toContain(redacted);
		expect(text).toContain('Person A');
		expect(text).toContain('[CONTACT]');
		expect(text).toContain('[PLACE]');
		expect(text).toContain('Trouver une maison en ville est difficile.');
		expect(text).toContain('Finding a house in the city is difficult.');

		await openFirstTestimony(page, admin);
		expect(await page.locator('article.answer .answer-text').first().textContent()).toContain(NAME);
	});
});

describe('replies', () => {
	it('reach the survivor through the receipt, and the survivor’s follow-up reaches the moderator', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/templates`, admin.passphrase);
		for (const [locale, text] of [
			['fa-AF', DARI_THANKS],
			['fr', FRENCH_THANKS]
		]) {
			await page.getByLabel('Language').selectOption(locale);
			await page.getByLabel('Text').fill(text);
			await page.getByRole('button', { name: 'Add template' }).click();
			await page.locator(`[data-kind="acknowledgement"] [lang="${locale}"]`).waitFor();
		}

		// A French moderator starts from the Dari template and reads the French one beside it.
		const [{ id }] = readRows<{ id: string }>(portal, 'select id from submission');
		setStaffLocale('fr');
		try {
			await page.goto(`${portal.origin}/staff/testimony/${id}`);
			await page.getByLabel('Phrase secrète').fill(admin.passphrase);
			await page.getByRole('button', { name: 'Déverrouiller' }).click();
			await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
			await page.locator('#template').selectOption('acknowledgement');
			const toSend = page.getByTestId('template-to-send').locator('p');
			expect(await toSend.evaluate((element: HTMLElement) => [element.lang, element.dir, element.textContent])).toEqual(
				['fa-AF', 'rtl', DARI_THANKS]
			);
			const toRead = page.getByTestId('template-to-read');
			expect(await toRead.locator('p').evaluate((element: HTMLElement) => [element.lang, element.dir])).toEqual([
				'fr',
				'ltr'
			]);
			expect(await toRead.textContent()).toContain(FRENCH_THANKS);
			expect(await toRead.locator('figcaption').textContent()).toContain('non envoyé');
			expect(await page.locator('#reply').inputValue()).toBe(DARI_THANKS);
		} finally {
			setStaffLocale(null);
		}

		await openFirstTestimony(page, admin);
		await page.getByLabel('Start from a template').selectOption({ label: 'Acknowledgement' });
		expect(await page.getByLabel('Reply to the survivor').inputValue()).toContain('We read every word');
		await page.getByRole('button', { name: 'Send reply' }).click();
		await page.getByText('Reply sent. The survivor reads it with their receipt number.').waitFor();

		const survivor = await launchBrowser({ locale: 'fa-AF' });
		try {
			await survivor.page.goto(`${portal.origin}/fa-AF/check`);
			await survivor.page.locator('#receipt').fill(receipt);
			await survivor.page.locator('main form button[type="submit"]').click();
			await expect
				.poll(() => survivor.page.locator('.thread .to_survivor .message-text').textContent())
				.toContain('We read every word');
			await survivor.page.locator('#message').fill('تشکر. I can say more next week.');
			await survivor.page.locator('main section').nth(1).locator('button[type="submit"]').click();
			await expect
				.poll(() => readRows(portal, "select id from message where direction = 'from_survivor'").length)
				.toBe(1);
		} finally {
			await survivor.close();
		}

		await openFirstTestimony(page, admin);
		await expect
			.poll(() => page.locator('.thread-message').allTextContents())
			.toEqual(expect.arrayContaining([expect.stringContaining('I can say more next week.')]));
	});
});

describe('two moderators on one testimony', () => {
	it('refuses the second save with a clear message instead of overwriting the first', async () => {
		const survivor = await launchBrowser();
		await tellTestimony(survivor.page, `${portal.origin}/tell`, {
			answers: ['A second testimony for the conflict test.']
		});
		await survivor.close();

		const { page } = adminBrowser;
		const link = await inviteModerator(page, portal.origin, admin);
		const second = await launchBrowser({ width: 1280 });
		try {
			const other = await enrol(second.page, link, 'nadia.mod', 'orchid lantern pebble harvest 3');
			await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
			await page.getByLabel('nadia.mod read me this same fingerprint').first().check();
			await page.getByRole('button', { name: 'Grant to nadia.mod' }).first().click();
			await page.getByRole('status').filter({ hasText: 'Granted to nadia.mod' }).waitFor();

			await openStaffPage(page, `${portal.origin}/staff?status=new`, admin.passphrase);
			await page
				.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ })
				.first()
				.click();
			await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
			await openStaffPage(second.page, page.url(), other.passphrase);
			await second.page.locator('article.answer').first().waitFor({ timeout: 30_000 });
			await page
				.getByLabel(/^Translation/)
				.first()
				.fill('First moderator’s translation.');
			await page.getByRole('button', { name: 'Save draft' }).click();
			await page.getByText('Saved, encrypted for this channel’s moderators.').waitFor();
			await second.page
				.getByLabel(/^Translation/)
				.first()
				.fill('Second moderator’s translation.');
			await second.page.getByRole('button', { name: 'Save draft' }).click();
			await second.page.getByText('Another moderator saved this testimony since you opened it').waitFor();
		} finally {
			await second.close();
		}
	});
});

describe('the inbox', () => {
	it('filters by language, read from the testimonies in the browser', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff`, admin.passphrase);
		const links = page.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ });
		await expect.poll(() => links.count()).toBe(2);
		await page.getByLabel('Language (read in this browser)').selectOption('fa-AF');
		await expect.poll(() => links.count()).toBe(1);
		await page.getByLabel('Language (read in this browser)').selectOption('en');
		await expect.poll(() => links.count()).toBe(1);
		await page.getByLabel('Language (read in this browser)').selectOption('ar');
		await expect.poll(() => links.count()).toBe(0);
	});

	it('filters by facilitated session', async () => {
		// Sessions are created by facilitators; here one is written straight into the file.
		const database = new Database(portal.databasePath);
		const [{ id: channelId }] = database.prepare('select id from channel').all() as { id: string }[];
		const [{ id: submissionId }] = database.prepare("select id from submission where status = 'approved'").all() as {
			id: string;
		}[];
		const sessionId = '11111111-2222-4333-8444-555555555555';
		database
			.prepare(
				'insert into facilitation_session (id, channel_id, label, created_at, starts_day, ends_day) values (?, ?, ?, ?, ?, ?)'
			)
			.run(sessionId, channelId, 'Lyon women’s group', Date.now(), '2026-01-01', '2026-12-31');
		database.prepare('update submission set facilitation_session_id = ? where id = ?').run(sessionId, submissionId);
		database.close();
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff`, admin.passphrase);
		await page.getByLabel('Facilitated session').selectOption({ label: 'Lyon women’s group (2026-01-01)' });
		await page.getByRole('button', { name: 'Filter' }).click();
		await page.waitForURL(/session=/);
		await expect.poll(() => page.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ }).count()).toBe(1);
	});
});

describe('going from one testimony straight to another', () => {
	it('shows the second testimony’s own words, with nothing of the first', async () => {
		const { page } = adminBrowser;
		const database = new Database(portal.databasePath, { readonly: true });
		const ids = (database.prepare('select id from submission').all() as { id: string }[]).map((row) => row.id);
		database.close();
		// The testimony told at the start and the one of the conflict test above.
		expect(ids).toHaveLength(2);
		const answers = async () => (await page.locator('article.answer').allInnerTexts()).join('\n').replace(/\s+/g, ' ');
		const opened: Record<string, string> = {};
		for (const id of ids) {
			await openStaffPage(page, `${portal.origin}/staff/testimony/${id}`, admin.passphrase);
			await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
			opened[id] = await answers();
		}
		expect(opened[ids[0]]).not.toEqual(opened[ids[1]]);

		// No page links one testimony to another yet: a link is put in the page, and SvelteKit
		// follows it in the app, as it will a "next testimony" link.
		await page.evaluate((href) => {
			const link = Object.assign(document.createElement('a'), { href, textContent: 'next testimony' });
			document.querySelector('main')!.append(link);
		}, `/staff/testimony/${ids[0]}`);
		await page.getByRole('link', { name: 'next testimony' }).click();
		await page.waitForURL(`${portal.origin}/staff/testimony/${ids[0]}`);
		await expect.poll(answers, { timeout: 30_000 }).toEqual(opened[ids[0]]);
	});
});
