import { randomInt } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { deriveReceiptKeys, encryptSubmission, fromBase64url, readyCrypto } from '$lib/crypto';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, type RunningPortal } from './harness';
import { firstChannel, postSealedTestimony } from './sealed-intake';
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

describe('typing a receipt', () => {
	/** One digit of a receipt as shown, at a digit index (spaces skipped), replaced by what `change` makes of it. */
	function mistype(receipt: string, index: number, change: (digit: string) => string): string {
		let seen = -1;
		return [...receipt]
			.map((character) => (/\d/.test(character) && ++seen === index ? change(character) : character))
			.join('');
	}
	const otherDigit = (digit: string) => String((Number(digit) + 3) % 10);

	it('refuses a receipt with a typing mistake at once, in the page, with no key derivation and no request, then opens it corrected', async () => {
		const text = readSurvivorCatalogue('ar');
		const survivor = await launchBrowser({ locale: 'ar', width: 320 });
		try {
			const { page, context } = survivor;
			const { receipt } = await testimony(page, 'ar');
			expect(receipt).toMatch(/^\d{3}( \d{3}){5}$/);

			const receiptRequests: string[] = [];
			context.on('request', (request) => {
				if (new URL(request.url()).pathname.startsWith('/api/receipts')) receiptRequests.push(request.url());
			});
			await page.goto(`${portal.origin}/ar/check`);
			await page.locator('html[data-ready]').waitFor();
			const field = page.getByLabel(text.check_receipt_label);
			const problem = page.locator('#receipt-problem .error');
			const open = page.locator('main form button[type="submit"]');

			// One digit changed, typed and sent with Enter: the message shows at once, by the field.
			await field.fill(mistype(receipt, 4, otherDigit));
			await field.press('Enter');
			await expect.poll(() => problem.textContent()).toBe(text.check_receipt_typo);
			expect(await field.getAttribute('aria-invalid')).toBe('true');
			expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain('receipt-problem');
			expect(await page.locator('#receipt-problem').getAttribute('aria-live')).toBe('assertive');
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('receipt');
			expect.soft(await axeViolations(page), 'typing mistake, Arabic, 320 px').toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

			// A digit left out, or typed twice, with the Open button: the same message, and focus back in the field.
			for (const typed of [mistype(receipt, 9, () => ''), mistype(receipt, 0, (digit) => digit + digit)]) {
				await field.fill(typed);
				await open.click();
				await expect.poll(() => problem.textContent()).toBe(text.check_receipt_typo);
				expect(await page.evaluate(() => document.activeElement?.id)).toBe('receipt');
			}
			// Two neighbours swapped (the check digits among them, when they differ).
			const digits = receipt.replace(/ /g, '');
			const swapAt = [...digits].findIndex((digit, index) => index > 0 && digit !== digits[index - 1]);
			await field.fill(digits.slice(0, swapAt - 1) + digits[swapAt] + digits[swapAt - 1] + digits.slice(swapAt + 1));
			await open.click();
			await expect.poll(() => problem.textContent()).toBe(text.check_receipt_typo);

			// Nothing left the page and no crypto worker started: the Argon2id never ran.
			expect(receiptRequests).toEqual([]);
			expect(page.workers()).toHaveLength(0);

			// Corrected (in Arabic-Indic digits, as an Arabic keyboard types them): the message goes, the status comes.
			await field.fill([...receipt].map((c) => (/\d/.test(c) ? String.fromCodePoint(0x0660 + Number(c)) : c)).join(''));
			await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull();
			expect(await problem.count()).toBe(0);
			await open.click();
			await page.locator('.status-text').waitFor({ timeout: 30_000 });
			expect(await page.locator('.status-text').textContent()).toBe(text.check_status_new);
			expect(receiptRequests.length).toBeGreaterThan(0);
		} finally {
			await survivor.close();
		}
	});

	it('says how long a receipt is when what was typed is far from one, without deriving anything', async () => {
		const text = readSurvivorCatalogue('fr');
		const survivor = await launchBrowser({ locale: 'fr', width: 360 });
		try {
			const { page } = survivor;
			await page.goto(`${portal.origin}/fr/check`);
			await page.locator('html[data-ready]').waitFor();
			expect(await page.locator('#receipt-hint').textContent()).toBe(text.check_receipt_intro);
			await page.locator('#receipt').fill('12 34');
			await page.locator('#receipt').press('Enter');
			await expect.poll(() => page.locator('#receipt-problem .error').textContent()).toBe(text.check_receipt_length);
			// The message does not repeat what was typed.
			expect(await page.locator('main').textContent()).not.toContain('12 34');
			expect(page.workers()).toHaveLength(0);
		} finally {
			await survivor.close();
		}
	});

	it('still opens a testimony whose receipt is an older 16-digit one, with its replies', async () => {
		// Sent as browsers sent testimonies before check digits existed: keys from 16 random digits.
		await (await fetch(`${portal.origin}/check`)).text();
		const [{ value }] = readRows<{ value: string }>(portal, "select value from setting where key = 'deployment_salt'");
		await readyCrypto();
		const oldReceipt = Array.from({ length: 16 }, () => String(randomInt(10))).join('');
		const keys = deriveReceiptKeys(oldReceipt, fromBase64url(value));
		const address = firstChannel(portal);
		const sealed = encryptSubmission(
			{
				v: 1,
				kind: 'testimony',
				locale: 'fr',
				mode: 'free',
				consent: { research: true, quote: false, replies: true },
				answers: [{ questionId: 'free', questionVersion: 1, text: 'Un ancien reçu, seize chiffres.' }]
			},
			address
		);
		const { status, id } = await postSealedTestimony(portal, address, sealed, {
			lookupToken: keys.lookupToken,
			replyPublicKey: keys.replyKeyPair.publicKey
		});
		expect(status).toBe(201);
		await sendReply(portal, moderatorCookie, id, 'Merci, nous avons bien lu.');

		const survivor = await launchBrowser({ locale: 'fr', width: 320 });
		try {
			const { page } = survivor;
			// Written down as it was shown then: four groups of four, here with dashes.
			await openCheck(page, 'fr', (oldReceipt.match(/.{4}/g) ?? []).join('-'));
			await expect
				.poll(() => page.locator('.thread .to_survivor .message-text').textContent())
				.toBe('Merci, nous avons bien lu.');
		} finally {
			await survivor.close();
		}
	});
});
