import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '../../src/lib/crypto';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { approveIntoCorpus, fillCorpus } from './research-corpus';
import { readRows } from './staff-api';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { finishAfterReceipt, tellTestimony } from './survivor-flows';

/**
 * A survivor withdraws a testimony while a researcher has the corpus open in another tab. The
 * researcher's browser decrypted it before the withdrawal; from then on it must neither show
 * it nor put it in a file, without a reload, and must say why it went.
 */
const WORDS = {
	opened: 'The night bus driver knew my name before I told him.',
	exported: 'My cousin kept my passport in a biscuit tin for a year.'
};

let portal: RunningPortal;
let admin: EnrolledStaff;
let researcher: Browser;
const testimonies: Record<keyof typeof WORDS, { receipt: string; recordId: string }> = {} as never;

beforeAll(async () => {
	portal = await startPortal();
	researcher = await launchBrowser({ width: 1280 });
	admin = await completeSetup(researcher.page, portal.setupLink!);
	await readyCrypto();
	for (const name of Object.keys(WORDS) as (keyof typeof WORDS)[]) {
		const before = new Set(readRows<{ id: string }>(portal, 'select id from submission').map((row) => row.id));
		const survivor = await launchBrowser({ locale: 'en' });
		try {
			const receipt = await tellTestimony(survivor.page, `${portal.origin}/en/tell`, {
				answers: [WORDS[name]],
				quote: true
			});
			await finishAfterReceipt(survivor.page);
			const [submissionId] = readRows<{ id: string }>(portal, 'select id from submission')
				.map((row) => row.id)
				.filter((id) => !before.has(id));
			testimonies[name] = { receipt, recordId: approveIntoCorpus(portal, admin, submissionId, [WORDS[name]]) };
		} finally {
			await survivor.close();
		}
	}
	fillCorpus(portal, admin, 3);
}, 600_000);

afterAll(async () => {
	await researcher?.close();
	await portal?.stop();
});

/** The survivor's own way out: the receipt on /check, then "withdraw" and its confirmation. */
async function withdrawWithReceipt(receipt: string) {
	const survivor = await launchBrowser({ locale: 'en', width: 360 });
	try {
		const { page } = survivor;
		await page.goto(`${portal.origin}/en/check`);
		await page.locator('#receipt').fill(receipt);
		await page.locator('main form button[type="submit"]').click();
		await page.locator('.status-text').waitFor({ timeout: 30_000 });
		await page.locator('.withdraw button.secondary').click();
		await page.locator('.withdraw button.danger').click();
		await page.locator('main .withdraw').waitFor({ state: 'detached', timeout: 30_000 });
	} finally {
		await survivor.close();
	}
}

/** Moves within the workspace without reloading: a reload would close the corpus and open it afresh. */
async function section(page: Page, name: string) {
	await page.getByRole('navigation', { name: 'Research workspace' }).getByRole('link', { name }).click();
}

const recordLink = (page: Page, recordId: string) => page.locator(`tr[data-record-id="${recordId}"] a`);

describe('a testimony withdrawn while the workspace is open', () => {
	it('is no longer shown when its record is opened, with a notice saying why', async () => {
		const { page } = researcher;
		const { recordId, receipt } = testimonies.opened;
		await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
		await expect
			.poll(() => page.getByTestId('result-count').textContent(), { timeout: 60_000 })
			.toBe('5 records match.');
		await recordLink(page, recordId).click();
		await page.getByText(WORDS.opened).waitFor();
		await section(page, 'Records');
		await recordLink(page, recordId).waitFor();

		await withdrawWithReceipt(receipt);
		expect(readRows(portal, 'select id from research_record where id = ?', recordId)).toEqual([]);

		// The list in this tab was drawn before the withdrawal: its link is still there to follow.
		await recordLink(page, recordId).click();
		await page.getByRole('heading', { name: 'This record is no longer in the corpus' }).waitFor();
		expect(await page.locator('main').textContent()).not.toContain(WORDS.opened);
		await expect.poll(() => page.getByTestId('withdrawn-notice').textContent()).toContain('1 record was withdrawn');
		expect(await axeViolations(page)).toEqual([]);

		// Back and Forward do not bring the words back either.
		await page.goBack();
		await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('4 records match.');
		expect(await recordLink(page, recordId).count()).toBe(0);
		await page.goForward();
		await page.locator('main h1').first().waitFor();
		expect(await page.locator('body').textContent()).not.toContain(WORDS.opened);
	});

	it('is left out of an export built afterwards, with a notice', async () => {
		const { page } = researcher;
		const { recordId, receipt } = testimonies.exported;
		await section(page, 'Exports');
		await withdrawWithReceipt(receipt);
		expect(readRows(portal, 'select id from research_record where id = ?', recordId)).toEqual([]);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download project (.qdpx)' }).click()
		]);
		const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
		const sources = Object.keys(files).filter((name) => /^sources\/.+\.txt$/.test(name));
		expect(sources).toHaveLength(3);
		for (const name of Object.keys(files)) expect(strFromU8(files[name])).not.toContain(WORDS.exported);
		await expect
			.poll(() => page.getByTestId('export-status').textContent())
			.toBe('Exported 3 records. 1 record withdrawn since the workspace opened was left out.');
		await expect.poll(() => page.getByTestId('withdrawn-notice').textContent()).toContain('2 records were withdrawn');
		const audited = readRows<{ detail: string }>(
			portal,
			"select detail from audit_event where action = 'export.created'"
		);
		expect(audited.map((row) => JSON.parse(row.detail))).toEqual([{ kind: 'project-qdpx', records: 3 }]);
	});
});
