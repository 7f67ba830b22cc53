import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { sliceCodePoints } from '../../src/lib/research/offsets';
import { selectionsOf } from '../../src/lib/research/refi-qda';
import { grantCorpusKey, inviteResearcher, section, selectByKeyboard } from './coding-flows';
import { databaseFiles, launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows } from './staff-api';
import { completeSetup, enrol, openStaffPage, type EnrolledStaff } from './staff-flows';
import { finishAfterReceipt, tellTestimony } from './survivor-flows';

/**
 * The research workspace end to end: three approved records in two languages, two researchers
 * who code them differently, the agreement they reach (worked out by hand below), dashboards
 * that hide small numbers, and REFI-QDA exports that validate and point at the coded text.
 */
const TEXTS = {
	landlord: 'No landlord answers when they hear my accent.', // 45 code points
	course: 'Le cours de français est trop loin de mon foyer.', // 48
	jobs: 'At the job centre nobody explains the forms.' // 44
};

let portal: RunningPortal;
let admin: EnrolledStaff;
let adminBrowser: Browser;
const researchers: { staff: EnrolledStaff; browser: Browser }[] = [];

async function approveEverything(page: Page) {
	for (let guard = 0; guard < 5; guard++) {
		await openStaffPage(page, `${portal.origin}/staff?status=new`, admin.passphrase);
		const next = page.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ }).first();
		if (!(await next.isVisible().catch(() => false))) return;
		await next.click();
		await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
		for (let step = 0; step < 30; step++) {
			const keep = page.getByRole('button', { name: /^Keep “/ }).first();
			if (!(await keep.isVisible().catch(() => false))) break;
			await keep.click();
		}
		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.getByText('Saved, encrypted for this channel’s moderators.').waitFor();
		await page.getByLabel('I removed names, places and other identifying details').check();
		await page.getByRole('button', { name: 'Approve for research' }).click();
		await page
			.getByTestId('status')
			.filter({ hasText: /^Approved$/ })
			.waitFor();
	}
}

beforeAll(async () => {
	portal = await startPortal();
	adminBrowser = await launchBrowser({ width: 1280 });
	admin = await completeSetup(adminBrowser.page, portal.setupLink!);
	for (const [locale, text] of [
		['en', TEXTS.landlord],
		['fr', TEXTS.course],
		['en', TEXTS.jobs]
	]) {
		const survivor = await launchBrowser({ locale });
		try {
			await tellTestimony(survivor.page, `${portal.origin}/${locale}/tell`, {
				answers: [text],
				quote: text !== TEXTS.jobs
			});
			await finishAfterReceipt(survivor.page);
		} finally {
			await survivor.close();
		}
	}
	await approveEverything(adminBrowser.page);
	expect(readRows(portal, 'select id from research_record')).toHaveLength(3);

	for (const username of ['rosa.researcher', 'sami.researcher']) {
		const link = await inviteResearcher(adminBrowser.page, portal.origin, admin);
		const browser = await launchBrowser({ width: 1280 });
		const staff = await enrol(browser.page, link, username, `${username} walks along the quiet canal at dawn`);
		researchers.push({ staff, browser });
		await grantCorpusKey(adminBrowser.page, portal.origin, admin, username);
	}
}, 600_000);

afterAll(async () => {
	for (const { browser } of researchers) await browser.close();
	await adminBrowser?.close();
	await portal?.stop();
});

/** Opens the one record a distinctive word finds. */
async function openRecord(page: Page, word: string) {
	await section(page, 'Records');
	await expect.poll(() => page.getByTestId('result-count').textContent(), { timeout: 30_000 }).toBe('3 records match.');
	await page.getByLabel('Search the corpus').fill(word);
	await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('1 record matches.');
	await page.locator('tr[data-record-id] a').first().click();
	await page.locator('.coded-text').first().waitFor();
}

/** Selects code points [start, end) of the first field with the keyboard, then applies a code found by name. */
async function codeByKeyboard(page: Page, start: number, end: number, codeName: string) {
	await selectByKeyboard(page, start, end);
	await page.getByLabel('Find a code').fill(codeName);
	await page.getByLabel('Find a code').press('Enter');
	await page.getByRole('status').filter({ hasText: 'Coded “' }).waitFor();
	await page.getByRole('button', { name: 'Select with the keyboard' }).first().click();
}

describe('the research workspace', () => {
	it('opens the corpus in the browser and finds records by words in either language, without accents', async () => {
		const [{ staff, browser }] = researchers;
		await openStaffPage(browser.page, `${portal.origin}/staff/research`, staff.passphrase);
		await expect
			.poll(() => browser.page.getByTestId('result-count').textContent(), { timeout: 30_000 })
			.toBe('3 records match.');
		await browser.page.getByLabel('Search the corpus').fill('francais');
		await expect.poll(() => browser.page.getByTestId('result-count').textContent()).toBe('1 record matches.');
	});

	it('lets two researchers code the same records differently, storing addresses and never text', async () => {
		const [rosa, sami] = researchers.map((researcher) => researcher.browser.page);
		await openStaffPage(rosa, `${portal.origin}/staff/research`, researchers[0].staff.passphrase);
		await openRecord(rosa, 'accent');
		await codeByKeyboard(rosa, 0, 45, 'Discrimination in renting');
		await openRecord(rosa, 'foyer');
		await codeByKeyboard(rosa, 3, 20, 'Language courses');
		await openRecord(rosa, 'centre');
		await codeByKeyboard(rosa, 7, 17, 'Access to jobs');

		await openStaffPage(sami, `${portal.origin}/staff/research`, researchers[1].staff.passphrase);
		await openRecord(sami, 'accent');
		await codeByKeyboard(sami, 3, 19, 'Discrimination in renting');
		await openRecord(sami, 'foyer');
		await codeByKeyboard(sami, 3, 20, 'Language courses');
		await openRecord(sami, 'centre');
		await codeByKeyboard(sami, 38, 43, 'Access to jobs');

		const rows = readRows<Record<string, unknown>>(portal, 'select * from coding');
		expect(rows).toHaveLength(6);
		const stored = JSON.stringify(rows);
		for (const fragment of ['landlord', 'français', 'job centre', 'forms']) expect(stored).not.toContain(fragment);
	});

	it('keeps memos sealed under the corpus key: the server stores ciphertext, a colleague reads them', async () => {
		const [rosa, sami] = researchers.map((researcher) => researcher.browser.page);
		await openRecord(rosa, 'accent');
		const memo = rosa.locator('details.memo').filter({ hasText: 'Memo on this record' }).last();
		await memo.getByLabel('Memo on this record').fill('canary-memo: refusals follow the accent, not the papers.');
		await memo.getByRole('button', { name: 'Save memo' }).click();
		await memo.getByText('Memo saved, encrypted under the corpus key.').waitFor();
		const stored = readRows<{ ciphertext: Buffer }>(portal, 'select ciphertext from memo');
		expect(stored).toHaveLength(1);
		expect(databaseFiles(portal).includes(Buffer.from('canary-memo'))).toBe(false);

		await openRecord(sami, 'accent');
		// Record memos are open by default; a colleague's shows with its author.
		await sami.getByText('canary-memo: refusals follow the accent, not the papers.').waitFor();
	});

	it('speaks Czech on the corpus and record pages once the account chooses it', async () => {
		const {
			browser: { page },
			staff
		} = researchers[1];
		const chooseLanguage = async (label: string, save: string, locale: string) => {
			await page.getByRole('combobox', { name: label }).selectOption(locale);
			await page.getByRole('button', { name: save }).click();
		};
		await openStaffPage(page, `${portal.origin}/staff/account`, staff.passphrase);
		await chooseLanguage('Language of these pages', 'Save language', 'cs');
		try {
			// Moving within the pages keeps the keys unlocked; the research section opens in Czech.
			await page.getByRole('navigation', { name: 'Tým' }).getByRole('link', { name: 'Výzkum' }).click();
			await page.getByRole('heading', { name: 'Výzkumné záznamy' }).waitFor();
			const workspaceNav = page.getByRole('navigation', { name: 'Výzkumné pracoviště' });
			await workspaceNav.getByRole('link', { name: 'Kódovací kniha' }).waitFor();
			await expect
				.poll(() => page.getByTestId('result-count').textContent(), { timeout: 30_000 })
				.toBe('Odpovídající záznamy: 3.');
			await page.getByLabel('Hledat v korpusu').fill('accent');
			await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('Odpovídá 1 záznam.');
			await page.locator('tr[data-record-id] a').first().click();
			await page.getByRole('heading', { name: 'Poznámky k tomuto záznamu' }).waitFor();
			await page.getByRole('heading', { name: 'Zakódovat výběr' }).waitFor();
			await page.getByRole('button', { name: 'Použít kódy' }).waitFor();
			expect(await page.title()).toBe('Kódování záznamu · TRIPS Voice pro tým');
			const text = (await page.locator('main').innerText()) + (await workspaceNav.innerText());
			for (const english of ['Records', 'Code the selection', 'Find a code', 'Memos on this record', 'Answer 1'])
				expect(text).not.toContain(english);
		} finally {
			await page.getByRole('navigation', { name: 'Tým' }).getByRole('link', { name: 'Účet' }).click();
			await chooseLanguage('Jazyk těchto stránek', 'Uložit jazyk', '');
			await page.getByRole('navigation', { name: 'Staff' }).waitFor();
		}
	});

	it('grows the shared codebook: a new code is added, then merged into another, and both steps are audited', async () => {
		const { page } = researchers[0].browser;
		await section(page, 'Codebook');
		await page.getByLabel('Name of the new code').fill('Waiting lists');
		await page.getByLabel('Parent of the new code').selectOption({ label: 'Housing' });
		await page.getByRole('button', { name: 'Add code' }).click();
		await expect.poll(() => readRows(portal, "select id from code where name = 'Waiting lists'").length).toBe(1);
		const [{ id }] = readRows<{ id: string }>(portal, "select id from code where name = 'Waiting lists'");
		const added = page.locator(`li[data-code-id="${id}"]`);
		await added.waitFor();
		await added.locator('summary').first().click();
		await added.getByLabel('Merge into', { exact: true }).selectOption({ label: 'Housing › Access after status' });
		await added.getByRole('button', { name: /^Merge/ }).click();
		await added.waitFor({ state: 'detached' });
		const actions = readRows<{ action: string }>(
			portal,
			"select action from audit_event where action like 'code.%'"
		).map((row) => row.action);
		expect(actions).toEqual(expect.arrayContaining(['code.created', 'code.merged']));
		expect(readRows(portal, "select id from code where name = 'Waiting lists'")).toEqual([]);
	});

	it('offers quotes only from records whose authors agreed to quoting', async () => {
		const { page } = researchers[0].browser;
		await section(page, 'Quotes and report');
		const quotes = page.locator('li.quote');
		await quotes.first().waitFor();
		const texts = (await quotes.allTextContents()).join(' ');
		expect(texts).toContain('landlord');
		expect(texts).toContain('cours de français');
		expect(texts).not.toContain('job centre');
		expect(texts).not.toContain('forms');
	});

	it('reveals the blind round when the team lead says so, and not before', async () => {
		const rosa = researchers[0].browser.page;
		await section(rosa, 'Agreement');
		await rosa.getByText('So far only rosa.researcher has coded records').waitFor();
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/research/agreement`, admin.passphrase);
		await page.getByLabel('Every coder has finished round 1').check({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Reveal round 1 to the team' }).click();
		await page.getByRole('status').filter({ hasText: 'Round 1 is revealed: 6 codings by 2 coders' }).waitFor();
		await rosa.getByRole('button', { name: 'Check for new codings' }).click();
		await rosa.getByLabel('sami.researcher', { exact: true }).waitFor();
	});

	it('shows the agreement worked out by hand: per code and overall, percent, kappa and alpha', async () => {
		const { page } = researchers[0].browser;
		await section(page, 'Agreement');
		await page.getByLabel('rosa.researcher', { exact: true }).check();
		await page.getByLabel('sami.researcher', { exact: true }).check();
		/*
		 * Units: every code point of the three answers, 137. With a 2×2 table (both, only A,
		 * only B, neither) over n units: pₒ = (both + neither)/n, pₑ = pA·pB + (1−pA)(1−pB),
		 * κ = (pₒ − pₑ)/(1 − pₑ); nominal α = 1 − (2n − 1)(onlyA + onlyB)/(n₀·n₁), with n₁ the
		 * coded values (2·both + onlyA + onlyB) and n₀ the others.
		 * Discrimination in renting: 16 / 29 / 0 / 92 → pₒ = 108/137 = 78.8 %, κ = 0.426, α = 0.391.
		 * Language courses: 17 / 0 / 0 / 120 → 100 %, κ = 1, α = 1.
		 * Access to jobs: 0 / 10 / 5 / 122 → pₒ = 122/137 = 89.1 %, κ = −0.051, α = −0.054.
		 * Overall, pooled over the three codes (411 units): 33 / 39 / 5 / 334 → 89.3 %, κ = 0.545, α = 0.539.
		 */
		await expect.poll(() => page.getByTestId('overall-kappa').textContent()).toBe('0.545');
		expect(await page.getByTestId('overall-percent').textContent()).toBe('89.3%');
		expect(await page.getByTestId('overall-alpha').textContent()).toBe('0.539');
		const expected: Record<string, [string, string, string]> = {
			'Discrimination in renting': ['78.8%', '0.426', '0.391'],
			'Language courses': ['100.0%', '1.000', '1.000'],
			'Access to jobs': ['89.1%', '-0.051', '-0.054']
		};
		for (const [name, [percent, kappa, alpha]] of Object.entries(expected)) {
			const row = page.locator('tr[data-code-id]').filter({ hasText: name });
			expect(await row.getByTestId('percent').textContent()).toBe(percent);
			expect(await row.getByTestId('kappa').textContent()).toBe(kappa);
			expect(await row.getByTestId('alpha').textContent()).toBe(alpha);
		}
	});

	it('hides every count from 1 to 4 on the dashboards', async () => {
		const { page } = researchers[0].browser;
		await section(page, 'Patterns');
		const frequencies = page.getByTestId('frequencies');
		await frequencies.waitFor();
		expect(await page.locator('main').textContent()).toContain('<5');
		const cells = await page.locator('main td, main th[scope="row"] + td').allTextContents();
		expect(cells.length).toBeGreaterThan(0);
		expect(cells.map((cell) => cell.trim()).filter((cell) => /^[1-4]$/.test(cell))).toEqual([]);
		const svgText = await page.locator('main svg text').allTextContents();
		expect(svgText.map((text) => text.trim()).filter((text) => /^[1-4]$/.test(text))).toEqual([]);
	});

	it('exports a codebook and a project that validate against REFI-QDA 1.0 and point at exactly the coded text', async () => {
		const { page } = researchers[0].browser;
		await section(page, 'Exports');
		const schema = (name: string) => ({
			fileName: name,
			contents: fs.readFileSync(path.join('tests/fixtures/refi-qda', name), 'utf8')
		});

		const [qdcDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download codebook (.qdc)' }).click()
		]);
		const qdc = fs.readFileSync(await qdcDownload.path(), 'utf8');
		const qdcResult = await validateXML({
			xml: [{ fileName: 'codebook.qdc', contents: qdc }],
			schema: [schema('Codebook.xsd')]
		});
		expect(qdcResult.errors).toEqual([]);
		expect(qdc).toContain('Discrimination in renting');

		const [qdpxDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download project (.qdpx)' }).click()
		]);
		const files = unzipSync(new Uint8Array(fs.readFileSync(await qdpxDownload.path())));
		const project = strFromU8(files['project.qde']);
		const projectResult = await validateXML({
			xml: [{ fileName: 'project.qde', contents: project }],
			schema: [schema('Project.xsd')]
		});
		expect(projectResult.errors).toEqual([]);
		for (const text of Object.values(TEXTS)) expect(project).not.toContain(text);

		const coded = new Set([
			sliceCodePoints(TEXTS.landlord, 0, 45),
			sliceCodePoints(TEXTS.landlord, 3, 19),
			sliceCodePoints(TEXTS.course, 3, 20),
			sliceCodePoints(TEXTS.jobs, 7, 17),
			sliceCodePoints(TEXTS.jobs, 38, 43)
		]);
		const selections = selectionsOf(project);
		expect(selections).toHaveLength(6);
		for (const selection of selections) {
			const source = strFromU8(files[`sources/${selection.sourceGuid}.txt`]);
			expect(coded.has(sliceCodePoints(source, selection.start, selection.end))).toBe(true);
		}
		await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('3 records');
		const audited = readRows<{ detail: string }>(
			portal,
			"select detail from audit_event where action = 'export.created'"
		).map((row) => JSON.parse(row.detail));
		expect(audited).toEqual(expect.arrayContaining([{ kind: 'project-qdpx', records: 3 }]));
		expect(JSON.stringify(audited)).not.toContain('landlord');
	});

	it('exports an aggregate wide or long, each value of the long one named in words and by its code', async () => {
		const { page } = researchers[0].browser;
		await section(page, 'Exports');
		await page.getByLabel('Aggregate', { exact: true }).selectOption('breakdown:country');
		const download = async () => {
			const [file] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Download aggregates CSV' }).click()
			]);
			const text = fs.readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '');
			return { name: file.suggestedFilename(), rows: Papa.parse<string[]>(text, { skipEmptyLines: true }).data };
		};
		const wide = await download();
		expect(wide.name).toMatch(/^trips-voice-aggregates-by-country-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(wide.rows[0][0]).toBe('Code');

		await page.getByLabel(/^Long: one row per count/).check();
		const long = await download();
		expect(long.name).toMatch(/^trips-voice-aggregates-by-country-long-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(long.rows[0]).toEqual(['Code', 'Column', 'Column code', 'Count']);
		// Every count of the wide table, one to a row: its cells, then a total per code and per column.
		const counts = wide.rows.slice(1).flatMap((row) => row.slice(1).filter((cell) => cell !== ''));
		expect(
			long.rows
				.slice(1)
				.map((row) => row[3])
				.sort()
		).toEqual(counts.sort());
		for (const row of long.rows.slice(1)) expect(row[3]).toMatch(/^(0|[5-9]|[1-9]\d+|<5|suppressed)$/);
	});
});
