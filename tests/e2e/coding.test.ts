import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '../../src/lib/crypto';
import {
	codeId,
	focused,
	grantCorpusKey,
	highlights,
	inviteResearcher,
	section,
	selectByKeyboard,
	watchErrors
} from './coding-flows';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { fillCorpus } from './research-corpus';
import { readRows } from './staff-api';
import { completeSetup, enrol, openStaffPage, type EnrolledStaff } from './staff-flows';

/**
 * Coding a record as a hurried researcher does: highlights at once, several codes together,
 * Enter on the option chosen with the arrow keys, undo, a dropped line, and not one console
 * error on any workspace page.
 */
let portal: RunningPortal;
let lead: EnrolledStaff;
let leadBrowser: Browser;
let coder: EnrolledStaff;
let coderBrowser: Browser;
let records: string[];
/** A full page load of the workspace unlocks the keys (Argon2id) and decrypts the corpus: slow on a busy machine. */
const OPENING_TIMEOUT = 300_000;
let leadErrors: ReturnType<typeof watchErrors>;
let coderErrors: ReturnType<typeof watchErrors>;

const codingsOf = (recordId: string) =>
	readRows<{ code: string; start: number; end: number }>(
		portal,
		'select code.name as code, start, "end" from coding join code on code.id = coding.code_id where research_record_id = ? order by start, code.name',
		recordId
	);

/** Ticks a code in the list of “Find a code”, as a click does. */
async function tick(page: Page, path: string) {
	await page.getByRole('listbox', { name: 'Codes' }).getByRole('option', { name: path }).click();
}

/** What the workspace's layout sends this browser's session: the plaintext part of every workspace page. */
async function workspaceData(page: Page): Promise<string> {
	const response = await page.request.get(`${portal.origin}/staff/research/__data.json`);
	expect(response.status()).toBe(200);
	return response.text();
}

const codingIdsOf = (username: string) =>
	readRows<{ id: string }>(
		portal,
		'select coding.id from coding join staff_user on staff_user.id = coding.coder_id where username = ?',
		username
	).map((row) => row.id);

beforeAll(async () => {
	portal = await startPortal();
	leadBrowser = await launchBrowser({ width: 1280 });
	lead = await completeSetup(leadBrowser.page, portal.setupLink!);
	await readyCrypto();
	// English, French, Arabic: the last is selected right to left.
	records = fillCorpus(portal, lead, 3);
	const link = await inviteResearcher(leadBrowser.page, portal.origin, lead);
	coderBrowser = await launchBrowser({ width: 1280 });
	coder = await enrol(coderBrowser.page, link, 'sami.researcher', 'sami.researcher walks along the quiet canal');
	await grantCorpusKey(leadBrowser.page, portal.origin, lead, 'sami.researcher');
	leadErrors = watchErrors(leadBrowser.page);
}, 600_000);

afterAll(async () => {
	await coderBrowser?.close();
	await leadBrowser?.close();
	await portal?.stop();
});

describe('coding a record', () => {
	it(
		'draws the highlight as soon as Apply codes is pressed, and leaves focus on Find a code',
		async () => {
			const { page } = leadBrowser;
			await openStaffPage(page, `${portal.origin}/staff/research/records/${records[0]}`, lead.passphrase);
			await page.locator('.coded-text').first().waitFor({ timeout: 60_000 });
			await selectByKeyboard(page, 0, 12);
			await page.getByLabel('Find a code').fill('Access to jobs');
			await tick(page, 'Work and income › Access to jobs');
			await page.getByRole('button', { name: 'Apply codes' }).click();
			await expect.poll(() => highlights(page, '0.text', codeId(portal, 'Access to jobs')).count()).toBeGreaterThan(0);
			await expect.poll(() => focused(page)).toBe('input#code-filter');
			await expect.poll(() => codingsOf(records[0])).toEqual([{ code: 'Access to jobs', start: 0, end: 12 }]);
			// Still drawn once the server has answered and the page has settled.
			await page.waitForTimeout(500);
			expect(await highlights(page, '0.text', codeId(portal, 'Access to jobs')).count()).toBeGreaterThan(0);
		},
		OPENING_TIMEOUT
	);

	it('applies together every code ticked through Find a code', async () => {
		const { page } = leadBrowser;
		await selectByKeyboard(page, 2, 9);
		await page.getByLabel('Find a code').fill('Language courses');
		await tick(page, 'Education, language and training › Language courses');
		await page.getByLabel('Find a code').fill('Racism');
		await tick(page, 'Discrimination and culture › Racism');
		await page.getByRole('button', { name: 'Apply codes' }).click();
		for (const name of ['Language courses', 'Racism'])
			await expect.poll(() => highlights(page, '0.text', codeId(portal, name)).count()).toBeGreaterThan(0);
		await expect
			.poll(() => codingsOf(records[0]).filter((row) => row.start === 2))
			.toEqual([
				{ code: 'Language courses', start: 2, end: 9 },
				{ code: 'Racism', start: 2, end: 9 }
			]);
	});

	it('applies the option chosen with the arrow keys when Enter is pressed, not the first match', async () => {
		const { page } = leadBrowser;
		await selectByKeyboard(page, 5, 15);
		const find = page.getByLabel('Find a code');
		await find.fill('access');
		// Sorted: Health … › Access to care, Housing › Access after status, Work and income › Access to jobs.
		await find.press('ArrowDown');
		await find.press('Enter');
		await expect
			.poll(() => codingsOf(records[0]).filter((row) => row.start === 5))
			.toEqual([{ code: 'Access after status', start: 5, end: 15 }]);
	});

	it('takes back the codes just applied with Undo, at once', async () => {
		const { page } = leadBrowser;
		const afterStatus = codeId(portal, 'Access after status');
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect.poll(() => highlights(page, '0.text', afterStatus).count(), { timeout: 1000 }).toBe(0);
		await expect.poll(() => codingsOf(records[0]).filter((row) => row.start === 5)).toEqual([]);
		await expect.poll(() => page.getByRole('status').filter({ hasText: 'Removed' }).count()).toBe(1);
	});

	it('takes an unsaved highlight away again and says so when the line drops', async () => {
		const { page } = leadBrowser;
		await selectByKeyboard(page, 20, 30);
		await page.route('**/staff/api/research/codings', (route) => route.abort('internetdisconnected'));
		try {
			await page.getByLabel('Find a code').fill('Stigma');
			await page.getByLabel('Find a code').press('Enter');
			await page.getByRole('alert').filter({ hasText: 'not saved' }).waitFor();
			expect(await highlights(page, '0.text', codeId(portal, 'Stigma')).count()).toBe(0);
			expect(codingsOf(records[0]).filter((row) => row.start === 20)).toEqual([]);
		} finally {
			await page.unroute('**/staff/api/research/codings');
			// The dropped request itself is reported by Chromium; that one is expected.
			leadErrors.forget(/^console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/);
		}
	});

	it('walks every workspace page without a console error or a page error', async () => {
		const { page } = leadBrowser;
		for (const name of ['Records', 'Codebook', 'Agreement', 'Patterns', 'Quotes and report', 'Exports', 'Records'])
			await section(page, name);
		await page.locator('tr[data-record-id] a').first().click();
		await page.locator('.coded-text').first().waitFor();
		await page.getByLabel('Find a code').fill('access');
		await page.getByLabel('Find a code').press('ArrowDown');
		expect(await axeViolations(page)).toEqual([]);
		await page.goBack();
		await page.getByTestId('result-count').waitFor();
		await page.waitForTimeout(500);
		expect(leadErrors.errors).toEqual([]);
	});
});

describe('blind coding', () => {
	it(
		'keeps the lead’s codings from a colleague until the round is revealed, on the page and on the wire',
		async () => {
			const { page } = coderBrowser;
			coderErrors = watchErrors(page);
			await openStaffPage(page, `${portal.origin}/staff/research/records/${records[0]}`, coder.passphrase);
			await page.locator('.coded-text').first().waitFor({ timeout: 60_000 });
			expect(await page.locator('mark.coding-layer').count()).toBe(0);
			await selectByKeyboard(page, 0, 12);
			await page.getByLabel('Find a code').fill('Access to jobs');
			await page.getByLabel('Find a code').press('Enter');
			await expect.poll(() => page.locator('.coded-text[data-field="0.text"] mark.coding-layer').count()).toBe(1);
			await expect.poll(() => codingIdsOf('sami.researcher').length).toBe(1);

			const seen = await workspaceData(page);
			expect(seen).toContain(codingIdsOf('sami.researcher')[0]);
			const leads = codingIdsOf(lead.username);
			expect(leads.length).toBeGreaterThan(0);
			for (const id of leads) expect(seen).not.toContain(id);
		},
		OPENING_TIMEOUT
	);

	it('lets only the team lead reveal the round, audits it, then shows everyone every coding', async () => {
		const { page } = coderBrowser;
		await section(page, 'Agreement');
		await page.getByText('The team lead (a researcher who is also an admin) reveals each round.').waitFor();
		expect(await page.getByRole('button', { name: /^Reveal round/ }).count()).toBe(0);
		const refused = await page.request.post(`${portal.origin}/staff/api/research/codings/reveal`, {
			data: { round: 1 },
			headers: { origin: portal.origin }
		});
		expect(refused.status()).toBe(403);

		const leadPage = leadBrowser.page;
		await section(leadPage, 'Agreement');
		await leadPage.getByText('sami.researcher: 1 coding').waitFor();
		const reveal = leadPage.getByRole('button', { name: 'Reveal round 1 to the team' });
		expect(await reveal.isDisabled()).toBe(true);
		await leadPage.getByLabel('Every coder has finished round 1').check();
		await reveal.click();
		await leadPage.getByRole('status').filter({ hasText: 'Round 1 is revealed' }).waitFor();
		expect(await focused(leadPage)).toBe('p');
		const audited = readRows<{ detail: string }>(
			portal,
			"select detail from audit_event where action = 'coding.round_revealed'"
		);
		expect(audited.map((row) => JSON.parse(row.detail))).toEqual([{ round: 1, codings: 4, coders: 2 }]);

		// The colleague's open workspace hears of it at its next poll, without changing page (the
		// poll runs at once when the tab is shown again, which the test stands in for).
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		await page.getByTestId('revealed-notice').filter({ hasText: 'Round 1 was revealed' }).waitFor();
		await page.getByTestId('blind-round').filter({ hasText: 'Round 2 begins with the next coding' }).waitFor();

		await section(page, 'Records');
		await page.locator(`tr[data-record-id="${records[0]}"] a`).click();
		await expect.poll(() => highlights(page, '0.text', codeId(portal, 'Racism')).count()).toBeGreaterThan(0);
		const seen = await workspaceData(page);
		for (const id of codingIdsOf(lead.username)) expect(seen).toContain(id);
		expect(leadErrors.errors).toEqual([]);
		expect(coderErrors.errors).toEqual([]);
	});

	it('starts the next round blind: the lead’s next coding stays hidden from the colleague', async () => {
		const { page } = leadBrowser;
		await section(page, 'Records');
		await page.locator(`tr[data-record-id="${records[2]}"] a`).click();
		await page.locator('.coded-text').first().waitFor();
		await selectByKeyboard(page, 3, 8);
		await page.getByLabel('Find a code').fill('Stigma');
		await page.getByLabel('Find a code').press('Enter');
		await expect.poll(() => readRows(portal, 'select id from coding where round_id = 2').length).toBe(1);
		const [{ id }] = readRows<{ id: string }>(portal, 'select id from coding where round_id = 2');
		expect(await workspaceData(coderBrowser.page)).not.toContain(id);
		expect(await workspaceData(page)).toContain(id);
	});
});
