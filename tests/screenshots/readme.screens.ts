import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { asStaff, startDemo, stop, type Account } from '../e2e/demo-run';
import { launchBrowser, type RunningScript } from '../e2e/harness';
import { readRows } from '../e2e/staff-api';
import { openStaffPage, signIn } from '../e2e/staff-flows';
import { tellTestimony } from '../e2e/survivor-flows';

/*
 * Takes the README's screenshots from a fresh demo: a survivor's phone in Arabic and Tigrinya,
 * a moderator's redaction, a researcher coding a record, and the patterns page. Every word on
 * them is the demo's fictional text. Run with `npm run screenshots`; the files go to
 * docs/screenshots/. The survivor pages bring their own Ethiopic letters (static/fonts/).
 */
const OUT = path.join('docs', 'screenshots');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-screens-'));
const databasePath = path.join(dataDir, 'trips-voice.sqlite');
let origin = '';
let demo: RunningScript;
let accounts: Account[];

beforeAll(async () => {
	({ demo, origin, accounts } = await startDemo(dataDir, 240_000));
	fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
	if (demo) await stop(demo);
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const account = (role: string) => accounts.find((candidate) => candidate.role === role)!;

async function shoot(page: Page, name: string): Promise<void> {
	// Fonts and the last layout settle before the picture.
	await page.evaluate(() => document.fonts.ready);
	await page.waitForTimeout(300);
	await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

/**
 * A desktop browser signed in with a demo account, on `url` with its keys unlocked. Its
 * `close` must be called.
 */
async function staffBrowser(role: string, url: string) {
	const staff = asStaff(account(role));
	const browser = await launchBrowser({ width: 1280 });
	try {
		await browser.page.setViewportSize({ width: 1280, height: 900 });
		await signIn(browser.page, origin, staff);
		await browser.page.waitForURL((address) => !address.pathname.startsWith('/staff/login'), { timeout: 60_000 });
		await openStaffPage(browser.page, `${origin}${url}`, staff.passphrase);
		return { ...browser, passphrase: staff.passphrase };
	} catch (error) {
		await browser.close();
		throw error;
	}
}

const PHONE_ANSWERS: Record<string, string> = {
	ar: '[مثال خيالي] انتظرت ستة أشهر موعدًا في مكتب الإقامة، ولا أستطيع العمل من دون البطاقة.',
	ti: '[ናይ ኣብነት ዛንታ] ንሸሞንተ ኣዋርሕ ገዛ ደልየ፡ ግን ዝምልሰለይ የለን።'
};

for (const locale of ['ar', 'ti']) {
	it(`shows the survivor's phone in ${locale}`, async () => {
		const { page, close } = await launchBrowser({ locale, width: 360 });
		try {
			await page.setViewportSize({ width: 360, height: 740 });
			await tellTestimony(page, `${origin}/${locale}/tell`, {
				answers: [PHONE_ANSWERS[locale]],
				stopAtReview: true,
				onScreen: async (screenPage, screen) => {
					if (screen === 'question') await shoot(screenPage, `survivor-phone-${locale}`);
				}
			});
		} finally {
			await close();
		}
	});
}

it('shows a moderator redacting a testimony', async () => {
	const [draft] = readRows<{ id: string }>(
		{ databasePath },
		`select d.submission_id as id from moderation_draft d join submission s on s.id = d.submission_id
		 order by s.status = 'in_review' desc limit 1`
	);
	const { page, close } = await staffBrowser('moderator', `/staff/testimony/${draft.id}`);
	try {
		await page.locator('article.answer').first().waitFor({ timeout: 60_000 });
		await shoot(page, 'moderator-redaction');
	} finally {
		await close();
	}
});

it('shows a researcher coding a record, and the patterns', async () => {
	const [record] = readRows<{ id: string }>(
		{ databasePath },
		'select research_record_id as id from coding group by research_record_id order by count(*) desc limit 1'
	);
	const { page, close, passphrase } = await staffBrowser('researcher', `/staff/research/records/${record.id}`);
	try {
		await page.locator('.coded-text').first().waitFor({ timeout: 60_000 });
		await shoot(page, 'research-coding');
		await openStaffPage(page, `${origin}/staff/research/patterns`, passphrase);
		await page.locator('main table, main figure, main svg').first().waitFor({ timeout: 60_000 });
		await shoot(page, 'research-patterns');
	} finally {
		await close();
	}
});
