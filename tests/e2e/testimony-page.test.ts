import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows } from './staff-api';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { finishAfterReceipt, recordVoiceNote, tellTestimony } from './survivor-flows';

/**
 * A moderator's everyday work on one testimony, as a hurried person does it: transcribing a
 * voice note without leaving the transcript, listening to the voice note of a follow-up,
 * reading the context, redacting one person written three ways, and deciding, with the
 * keyboard focus kept somewhere sensible after each step and the header following each decision.
 */
const ENGLISH =
	'Blessing Okoro met me at the station in Castel Volturno. Then Okoro took my passport to Sunrise Agency.';
const ARABIC = 'قالت السيدة بلسينغ إنها ستساعدني.';

let portal: RunningPortal;
let admin: EnrolledStaff;
let staff: Browser;
let testimonyId = '';

beforeAll(async () => {
	portal = await startPortal();
	staff = await launchBrowser({ width: 1280 });
	admin = await completeSetup(staff.page, portal.setupLink!);
	const survivor = await launchBrowser({ fakeMicrophone: true });
	try {
		const receipt = await tellTestimony(survivor.page, `${portal.origin}/tell`, {
			answers: [ENGLISH, ARABIC],
			voiceAt: [0],
			voiceSeconds: 8,
			context: true,
			replies: true
		});
		await finishAfterReceipt(survivor.page);
		await survivor.page.goto(`${portal.origin}/check`);
		await survivor.page.locator('#receipt').fill(receipt);
		await survivor.page.locator('main form button[type="submit"]').click();
		await survivor.page.locator('#message').waitFor();
		await recordVoiceNote(survivor.page, 3);
		await survivor.page.locator('main section').nth(1).locator('button[type="submit"]').click();
		const uploaded = () => readRows(portal, 'select id from attachment where message_id is not null and uploaded = 1');
		for (let waited = 0; uploaded().length === 0; waited += 500) {
			if (waited > 60_000) throw new Error('The follow-up voice note did not arrive.');
			await survivor.page.waitForTimeout(500);
		}
	} finally {
		await survivor.close();
	}
	[{ id: testimonyId }] = readRows<{ id: string }>(portal, 'select id from submission');
}, 600_000);

afterAll(async () => {
	await staff?.close();
	await portal?.stop();
});

async function openTestimony(page: Page) {
	await openStaffPage(page, `${portal.origin}/staff/testimony/${testimonyId}`, admin.passphrase);
	await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
}

const audioState = (player: Locator) =>
	player.locator('audio').evaluate((audio: HTMLAudioElement) => ({
		paused: audio.paused,
		time: audio.currentTime,
		duration: audio.duration,
		rate: audio.playbackRate
	}));

const focused = (page: Page) =>
	page.evaluate(() => {
		const element = document.activeElement;
		return { tag: element?.tagName ?? '', id: element?.id ?? '', text: element?.textContent?.trim() ?? '' };
	});

describe('the voice player', () => {
	it('shows the length, seeks, skips 5 s, changes speed, and obeys shortcuts typed in the transcript', async () => {
		const { page } = staff;
		await openTestimony(page);
		const voiced = page.locator('article.answer').first();
		const player = voiced.getByRole('group', { name: 'Voice note' });
		await player.getByRole('button', { name: 'Listen' }).click();
		const clock = player.getByTestId('voice-clock');
		await expect.poll(() => clock.textContent(), { timeout: 30_000 }).toMatch(/^0:00 \/ 0:0[7-9]$/);
		expect(await player.textContent()).not.toContain('Infinity');
		expect(await player.textContent()).toContain('Alt+K play or pause');

		const transcript = voiced.getByLabel('Transcript of the voice note');
		await transcript.click();
		await transcript.pressSequentially('She says ');
		await page.keyboard.press('Alt+KeyK');
		await expect.poll(async () => (await audioState(player)).paused).toBe(false);
		await page.keyboard.press('Alt+KeyK');
		await expect.poll(async () => (await audioState(player)).paused).toBe(true);
		const before = (await audioState(player)).time;
		await page.keyboard.press('Alt+KeyL');
		await expect.poll(async () => (await audioState(player)).time).toBeCloseTo(before + 5, 0);
		await page.keyboard.press('Alt+KeyJ');
		await expect.poll(async () => (await audioState(player)).time).toBeCloseTo(before, 0);
		await page.keyboard.press('Control+Space');
		await expect.poll(async () => (await audioState(player)).paused).toBe(false);
		await page.keyboard.press('Control+Space');
		expect(await focused(page)).toMatchObject({ tag: 'TEXTAREA', id: (await transcript.getAttribute('id')) ?? '' });
		expect(await transcript.inputValue()).toBe('She says ');

		const position = player.getByRole('slider', { name: /^Position/ });
		await position.focus();
		await page.keyboard.press('End');
		const end = await audioState(player);
		expect(end.time).toBeGreaterThan(7);
		expect(Number.isFinite(end.duration)).toBe(true);
		await page.keyboard.press('Home');
		await expect.poll(async () => (await audioState(player)).time).toBeLessThan(0.5);
		await player.getByRole('button', { name: 'Forward 5 s' }).click();
		await expect.poll(async () => (await audioState(player)).time).toBeCloseTo(5, 0);
		await player.getByLabel('Speed').selectOption('1.5');
		expect((await audioState(player)).rate).toBe(1.5);
		expect(await axeViolations(page)).toEqual([]);
	});

	it('plays the voice note the survivor sent with a follow-up message', async () => {
		const { page } = staff;
		await openTestimony(page);
		const messages = page.getByRole('region', { name: 'Messages' });
		const player = messages.getByRole('group', { name: /^Voice note of the message of / });
		await player.getByRole('button', { name: 'Listen' }).click();
		await expect
			.poll(() => player.getByTestId('voice-clock').textContent(), { timeout: 30_000 })
			.toMatch(/ \/ 0:0[2-4]$/);
	});
});

describe('the testimony’s context', () => {
	it('is shown in words, never as codes', async () => {
		const { page } = staff;
		await openTestimony(page);
		const context = page.locator('dd[data-context]');
		await context.first().waitFor();
		const shown = await context.allTextContents();
		expect(shown).toEqual(expect.arrayContaining(['Less than 1 year', '18 to 24', 'Woman']));
		expect(shown.join(' ')).not.toMatch(/lt1|18to24|prefer_not|\bwoman\b/);
		expect(await page.getByText('How old are you?').count()).toBe(1);
	});
});

describe('redacting one person written three ways, by keyboard', () => {
	it('keeps one pseudonym per person, honours the chosen placeholder, and never suggests what it put in', async () => {
		const { page } = staff;
		await openTestimony(page);
		await page.getByRole('button', { name: 'Redact “Okoro”' }).click();
		// The surname is redacted: focus moves to the next suggestion, not to the page.
		expect((await focused(page)).text).toMatch(/^Redact “/);

		await page.getByLabel('Exact text to redact (or select it above)').fill('Blessing');
		await page.getByRole('button', { name: 'Redact text', exact: true }).click();
		await page.getByLabel('Replace “Sunrise Agency” with').selectOption('[ORGANISATION]');
		await page.getByRole('button', { name: 'Redact “Sunrise Agency”' }).click();
		await page.getByLabel('Replace “بلسينغ” with').selectOption('Person A');
		await page.getByRole('button', { name: 'Redact “بلسينغ”' }).click();
		await page.getByLabel('Another spelling of Person A').fill('Blessing O.');
		await page.getByRole('button', { name: 'Add spelling to Person A' }).click();

		const researchers = page.locator('.redacted [data-field="original"]');
		await expect
			.poll(() => researchers.allTextContents())
			.toEqual([
				expect.stringContaining(
					'Person A met me at the station in Castel Volturno. Then Person A took my passport to [ORGANISATION].'
				),
				expect.stringContaining('قالت السيدة Person A إنها ستساعدني.')
			]);
		expect((await page.locator('.redacted').allTextContents()).join(' ')).not.toContain('Person B');
		const suggestions = await page.locator('.suggestions li').allTextContents();
		expect(suggestions.join(' ')).not.toMatch(/“Person|“\[/);
		// Categories and reasons in words, the placeholder beside its name: codes are for the draft.
		expect(suggestions.join(' ')).toContain('Organisation ([ORGANISATION])');
		expect(suggestions.join(' ')).not.toMatch(/— (name|place|date|organisation|contact|other) \(/);

		// The town is big enough to keep; any other suggestion is kept too.
		expect(await page.getByRole('button', { name: 'Keep “Castel Volturno”' }).count()).toBe(1);
		for (let guard = 0; guard < 30; guard++) {
			const keep = page.getByRole('button', { name: /^Keep “/ }).first();
			if (!(await keep.isVisible().catch(() => false))) break;
			await keep.click();
			const now = await focused(page);
			expect(now.tag).not.toBe('BODY');
			expect(now.text).toMatch(/^Redact “|^Suggestions to check/);
		}
		expect(await focused(page)).toMatchObject({ id: 'suggestions-title' });

		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.getByText('Saved, encrypted for this channel’s moderators.').waitFor();
		expect(await focused(page)).toMatchObject({ tag: 'P', text: 'Saved, encrypted for this channel’s moderators.' });
	});
});

describe('deciding', () => {
	it('follows each decision in the header, keeps the focus on the outcome, and audits the opening once', async () => {
		const { page } = staff;
		await openTestimony(page);
		const opened = () =>
			readRows(portal, "select id from audit_event where action = 'submission.opened' and subject_id = ?", testimonyId)
				.length;
		// Whatever the redaction step left is kept, so the decision can be made on its own.
		for (let guard = 0; guard < 30; guard++) {
			const keep = page.getByRole('button', { name: /^Keep “/ }).first();
			if (!(await keep.isVisible().catch(() => false))) break;
			await keep.click();
		}
		const openedBefore = opened();
		await page.getByRole('button', { name: 'Ask the survivor for more' }).click();
		await expect.poll(() => page.getByTestId('status').textContent()).toBe('Waiting for the survivor');
		expect(await focused(page)).toMatchObject({ tag: 'P', text: 'Decision recorded: Waiting for the survivor.' });

		await page.getByLabel('I removed names, places and other identifying details').check();
		await page.getByRole('button', { name: 'Approve for research' }).click();
		await expect.poll(() => page.getByTestId('status').textContent()).toBe('Approved');
		expect(await focused(page)).toMatchObject({ tag: 'P', text: 'Decision recorded: Approved.' });
		expect(await page.getByText('This testimony was approved.').count()).toBe(1);
		expect(opened()).toBe(openedBefore);
		expect(readRows(portal, 'select id from research_record')).toHaveLength(1);
	});
});

describe('the approved record in the research workspace', () => {
	it('shows the context in words, never as codes', async () => {
		const { page } = staff;
		await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
		await page.locator('tr[data-record-id] a').first().click({ timeout: 30_000 });
		await page.locator('.coded-text').first().waitFor();
		const text = (await page.locator('main').textContent()) ?? '';
		expect(text).toContain('How old are you? 18 to 24');
		expect(text).toContain('Woman');
		expect(text).not.toMatch(/18to24|\blt1\b|age: /);
	});
});
