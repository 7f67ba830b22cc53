import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, type RunningPortal } from './harness';
import { portalWithModerator, readRows, sendReply } from './staff-api';
import { finishAfterReceipt, openThread, recordVoiceNote, tellTestimony } from './survivor-flows';

/** The check page: a survivor's thread with the team, their own follow-ups read back in their browser. */
let portal: RunningPortal;
let moderatorCookie: string;

beforeAll(async () => {
	({ portal, moderatorCookie } = await portalWithModerator());
});

afterAll(async () => {
	await portal?.stop();
});

const submissionIds = () => readRows<{ id: string }>(portal, 'select id from submission').map((row) => row.id);

/** Tells a short testimony that accepts replies; returns its receipt and id. */
async function testimony(page: Page, locale: string): Promise<{ receipt: string; id: string }> {
	const before = new Set(submissionIds());
	const receipt = await tellTestimony(page, `${portal.origin}/${locale}/tell`, {
		answers: ['Waxaan u baahanahay caawimaad xagga guriga ah.'],
		replies: true
	});
	await finishAfterReceipt(page);
	await page.waitForURL((url) => !url.pathname.includes('/tell'));
	const [id] = submissionIds().filter((known) => !before.has(known));
	return { receipt, id };
}

const openCheck = (page: Page, locale: string, receipt: string) =>
	openThread(page, `${portal.origin}/${locale}/check`, receipt);

async function sendFollowUp(page: Page, text: string, voice = false) {
	const sent = () => readRows(portal, "select id from message where direction = 'from_survivor'").length;
	const before = sent();
	if (text) await page.locator('#message').fill(text);
	if (voice) await recordVoiceNote(page);
	await page.locator('section[aria-labelledby="add-title"] button[type="submit"]').click();
	await expect.poll(sent, { timeout: 30_000 }).toBe(before + 1);
	await expect.poll(() => page.locator('#message').inputValue()).toBe('');
}

const ownMessages = (page: Page) => page.locator('.thread li.from_survivor');

describe('a survivor’s own follow-ups on the check page', () => {
	it('shows their own words and their voice message, opened in the browser with the receipt, beside the team’s reply', async () => {
		const canary = `canary-own-${Date.now()}`;
		const survivor = await launchBrowser({ locale: 'so', fakeMicrophone: true, width: 320 });
		try {
			const { page } = survivor;
			const { receipt, id } = await testimony(page, 'so');
			await sendReply(portal, moderatorCookie, id, 'Mahadsanid. Ma awoodaa inaad wax badan noo sheegto?');

			await openCheck(page, 'so', receipt);
			await sendFollowUp(page, `${canary} Haa, waxaan joogaa magaalada tan iyo jiilaalkii.`);
			await expect.poll(() => ownMessages(page).first().locator('.message-text').textContent()).toContain(canary);
			await sendFollowUp(page, '', true);
			await expect.poll(() => ownMessages(page).count()).toBe(2);
			const voiceOnly = ownMessages(page).nth(1);
			await voiceOnly.locator('.voice-note').waitFor();
			// A voice message alone is shown as one, never as an empty line.
			expect(await voiceOnly.locator('.message-text').count()).toBe(0);
			expect(await voiceOnly.locator('.voice-note').textContent()).toMatch(/\d:\d\d/);
			expect.soft(await axeViolations(page), 'thread with own messages').toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

			// Opened again from scratch (a reload forgets the receipt): the words come back from the server's ciphertext.
			await page.reload();
			await openCheck(page, 'so', receipt);
			const thread = page.locator('.thread > li');
			await expect.poll(() => thread.count()).toBe(3);
			expect(await thread.nth(0).getAttribute('class')).toContain('to_survivor');
			await expect.poll(() => thread.nth(1).locator('.message-text').textContent()).toContain(canary);
			await thread.nth(2).locator('.voice-note').waitFor();
			expect(await page.locator('.thread .message-text:empty').count()).toBe(0);
		} finally {
			await survivor.close();
		}
		// The server holds ciphertext only: the survivor's copy is sealed to their own reply key.
		expect(databaseFiles(portal).includes(Buffer.from(canary))).toBe(false);
		const stored = readRows<{ copy: Buffer | null }>(
			portal,
			"select survivor_sealed_data_key as copy from message where direction = 'from_survivor'"
		);
		expect(stored.length).toBeGreaterThanOrEqual(2);
		for (const row of stored) expect(row.copy?.byteLength).toBe(80);
	});

	it('says what a message it cannot open is, instead of showing an empty line', async () => {
		const survivor = await launchBrowser({ locale: 'uk', width: 360 });
		try {
			const { page } = survivor;
			const { receipt, id } = await testimony(page, 'uk');
			await openCheck(page, 'uk', receipt);
			await sendFollowUp(page, 'Повідомлення, надіслане до оновлення.');
			// As a message sent before survivors' copies existed: the team's copy only.
			const database = new Database(portal.databasePath);
			try {
				database.prepare('update message set survivor_sealed_data_key = null where submission_id = ?').run(id);
			} finally {
				database.close();
			}
			await page.reload();
			await openCheck(page, 'uk', receipt);
			const own = ownMessages(page).first();
			await own.locator('.message-unreadable').waitFor();
			expect((await own.locator('.message-unreadable').textContent())?.trim().length).toBeGreaterThan(10);
			expect(await own.locator('.message-text').count()).toBe(0);
		} finally {
			await survivor.close();
		}
	});

	it('sends a follow-up once when Send is pressed twice in a hurry, and shows it once', async () => {
		const survivor = await launchBrowser({ locale: 'fa-AF', width: 360 });
		try {
			const { page } = survivor;
			const { receipt, id } = await testimony(page, 'fa-AF');
			await openCheck(page, 'fa-AF', receipt);
			await page.locator('#message').fill('سلام، من هنوز اینجا هستم.');
			await page.locator('section[aria-labelledby="add-title"] button[type="submit"]').dblclick();
			await expect.poll(() => ownMessages(page).count(), { timeout: 30_000 }).toBe(1);
			await page.waitForTimeout(1000);
			const sent = readRows(
				portal,
				"select id from message where submission_id = ? and direction = 'from_survivor'",
				id
			);
			expect(sent).toHaveLength(1);
			expect(await ownMessages(page).count()).toBe(1);
			expect(await ownMessages(page).first().locator('.message-text').textContent()).toBe('سلام، من هنوز اینجا هستم.');
		} finally {
			await survivor.close();
		}
	});
});
