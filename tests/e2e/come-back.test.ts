import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, type RunningPortal } from './harness';
import { portalWithModerator, readRows, sendReply } from './staff-api';
import { finishAfterReceipt, openThread, tellTestimony } from './survivor-flows';

/**
 * When to come back: the receipt says when the team usually replies and gives a date to write
 * down; the check page shows the survivor their own testimony, opened with the receipt.
 */
let portal: RunningPortal;
let moderatorCookie: string;

const DAY_MS = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Testimonies the team answered four days after they arrived, enough for the receipt to say so. */
function seedRepliedTestimonies(count: number) {
	const database = new Database(portal.databasePath);
	try {
		const { channelId, keyId } = database
			.prepare('select channel_id as channelId, id as keyId from channel_key order by version desc limit 1')
			.get() as { channelId: string; keyId: number };
		const received = utcDay(Date.now() - 30 * DAY_MS);
		const replied = utcDay(Date.now() - 26 * DAY_MS);
		for (let index = 0; index < count; index++) {
			const id = randomUUID();
			database
				.prepare(
					`insert into submission (id, channel_id, channel_key_id, format_version, nonce, ciphertext, sealed_data_key,
					 receipt_lookup_hash, reply_public_key, received_day, status, reference)
					 values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'in_review', ?)`
				)
				.run(
					id,
					channelId,
					keyId,
					randomBytes(24),
					randomBytes(528),
					randomBytes(80),
					randomBytes(32),
					randomBytes(32),
					received,
					`SEED-${index}`
				);
			database
				.prepare(
					`insert into message (id, submission_id, direction, format_version, ciphertext, sent_day, sequence)
					 values (?, ?, 'to_survivor', 1, ?, ?, 1)`
				)
				.run(randomUUID(), id, randomBytes(560), replied);
		}
	} finally {
		database.close();
	}
}

beforeAll(async () => {
	({ portal, moderatorCookie } = await portalWithModerator());
	// Before any testimony page is shown: the estimate is measured once per channel and day.
	seedRepliedTestimonies(5);
});

afterAll(async () => {
	await portal?.stop();
});

const submissionIds = () => readRows<{ id: string }>(portal, 'select id from submission').map((row) => row.id);

describe('coming back with the receipt', () => {
	it('gives the usual reply time and a date to write down, then shows the survivor their own words, follow-up and the reply, right to left at 320 px', async () => {
		const canary = `canary-own-testimony-${Date.now()}`;
		const answer = `${canary} لا أجد سكنًا قريبًا من مدرسة أطفالي.`;
		const survivor = await launchBrowser({ locale: 'ar', width: 320 });
		try {
			const { page } = survivor;
			const before = new Set(submissionIds());
			const receipt = await tellTestimony(page, `${portal.origin}/ar/tell`, { answers: [answer], replies: true });

			// Four days, from real replies, in Arabic with its own digits; the date in the survivor's calendar.
			const four = await page.evaluate(() => new Intl.NumberFormat('ar').format(4));
			expect(await page.getByTestId('reply-estimate').textContent()).toBe(`عادةً ما يرد الفريق خلال ${four} أيام.`);
			const expectedDate = await page.evaluate(() => {
				const now = new Date();
				const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 4);
				return new Intl.DateTimeFormat('ar', { dateStyle: 'long' }).format(day);
			});
			const comeBack = (await page.getByTestId('come-back-on').textContent()) ?? '';
			expect(comeBack).toContain('دوّن هذا التاريخ');
			expect(comeBack).toContain(expectedDate);
			expect(comeBack).not.toMatch(/\d{1,2}:\d{2}/);
			expect(await page.locator('.own-copy-warning').isVisible()).toBe(true);
			expect(await page.locator('a[download], a[href$=".ics"]').count()).toBe(0);
			expect.soft(await axeViolations(page), 'receipt with the reply time').toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

			await finishAfterReceipt(page);
			await page.waitForURL((url) => !url.pathname.includes('/tell'));
			const [id] = submissionIds().filter((known) => !before.has(known));
			const copy = readRows<{ copy: Buffer | null }>(
				portal,
				'select survivor_sealed_data_key as copy from submission where id = ?',
				id
			);
			expect(copy[0].copy?.byteLength).toBe(80);

			await sendReply(portal, moderatorCookie, id, 'شكرًا لك. هل يمكنك أن تخبرينا بالمزيد؟');
			await openThread(page, `${portal.origin}/ar/check`, receipt);
			const own = page.locator('.own-testimony');
			await own.locator('dd').first().waitFor();
			expect(await own.locator('dd .own-answer').first().textContent()).toBe(answer);
			const question = (await own.locator('dt').first().textContent())?.trim() ?? '';
			expect(question.length).toBeGreaterThan(5);
			expect(question).not.toBe('كلماتك');

			await page.locator('#message').fill('ما زلت أبحث عن سكن.');
			await page.locator('section[aria-labelledby="add-title"] button[type="submit"]').click();
			const thread = page.locator('.thread > li');
			await expect.poll(() => thread.count(), { timeout: 30_000 }).toBe(2);
			expect(await thread.nth(0).getAttribute('class')).toContain('to_survivor');
			await expect.poll(() => thread.nth(0).locator('.message-text').textContent()).toContain('شكرًا لك');
			await expect.poll(() => thread.nth(1).locator('.message-text').textContent()).toBe('ما زلت أبحث عن سكن.');
			expect(await thread.nth(1).locator('.from span').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect.soft(await axeViolations(page), 'check page with the own testimony').toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

			// A testimony sent before the copy existed: said plainly, not an error.
			const database = new Database(portal.databasePath);
			try {
				database.prepare('update submission set survivor_sealed_data_key = null where id = ?').run(id);
			} finally {
				database.close();
			}
			await page.reload();
			await openThread(page, `${portal.origin}/ar/check`, receipt);
			await page.locator('.own-testimony .own-unavailable').waitFor();
			expect(await page.locator('.own-testimony .own-unavailable').textContent()).toContain('قبل أن تتمكن');
			expect(await page.locator('.own-testimony dd').count()).toBe(0);
		} finally {
			await survivor.close();
		}
		// The server holds ciphertext only, the survivor's copy included.
		expect(databaseFiles(portal).includes(Buffer.from(canary))).toBe(false);
	});
});
