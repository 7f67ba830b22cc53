import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '../../src/lib/crypto';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { fillCorpus } from './research-corpus';
import { readRows, staffCookie } from './staff-api';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';

/**
 * The Patterns charts at 1, 10 and 60 codes, on a desktop and on a phone: every chart keeps
 * its text small and its region bounded (scrolling inside itself, labels kept in view), with
 * one country as well as five. Codes and codings go through the workspace's own endpoints.
 */
const RECORDS = 40;
/** The tallest a chart's region may be (480 px) plus its border. */
const MAX_REGION_HEIGHT = 482;

let portal: RunningPortal;
let admin: EnrolledStaff;
let browser: Browser;
let cookie: string;

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
	const response = await fetch(portal.origin + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, origin: portal.origin },
		body: JSON.stringify(body)
	});
	if (response.status !== 201) throw new Error(`${path} refused: ${response.status} ${await response.text()}`);
	return response.json();
}

/** Brings the codebook to `total` codes (a theme every ten, the rest beneath it) and codes each record. */
async function growCodebook(total: number) {
	const existing = readRows<{ id: string; parent_id: string | null }>(portal, 'select id, parent_id from code');
	let themeId = existing.findLast((code) => code.parent_id === null)?.id ?? null;
	for (let index = existing.length; index < total; index++) {
		const theme = index % 10 === 0;
		const { code } = (await post('/staff/api/research/codes', {
			parentId: theme ? null : themeId,
			name: theme
				? `Theme ${index / 10 + 1}: access to housing, work and papers`
				: `Code ${index + 1} ${'ab'.repeat(index % 7)}`,
			colour: ['#2f6f4e', '#8a3b12', '#1f4e8a', '#6b2f8a'][index % 4],
			description: '',
			inclusion: '',
			exclusion: '',
			example: ''
		})) as { code: { id: string } };
		if (theme) themeId = code.id;
	}
	const codeIds = readRows<{ id: string }>(portal, 'select id from code order by id').map((row) => row.id);
	const recordIds = readRows<{ id: string }>(portal, 'select id from research_record order by id').map((row) => row.id);
	for (const [index, recordId] of recordIds.entries()) {
		const chosen = codeIds.filter((_, codeIndex) => (index + codeIndex) % 3 !== 1).slice(0, 20);
		if (chosen.length > 0)
			await post('/staff/api/research/codings', { recordId, field: '0.text', start: 0, end: 12, codeIds: chosen });
	}
}

/** Moves to Patterns inside the workspace, so the corpus stays open and the new codebook comes with the page. */
async function openPatterns(page: Page, codes: number) {
	await page.getByRole('navigation', { name: 'Research workspace' }).getByRole('link', { name: 'Records' }).click();
	await page.getByTestId('result-count').waitFor();
	await page.getByRole('navigation', { name: 'Research workspace' }).getByRole('link', { name: 'Patterns' }).click();
	await page.getByRole('heading', { name: 'Patterns across the corpus' }).waitFor();
	await expect
		.poll(() => page.getByTestId('frequencies').locator('table').last().locator('tbody tr').count(), {
			timeout: 30_000
		})
		.toBe(codes);
}

type ChartSizes = {
	charts: number;
	/** The visible box of each chart: its scrolling region, or the drawing itself. */
	regions: { height: number; right: number; scrolls: boolean; focusable: boolean }[];
	/** Rendered height of the tallest piece of chart text, in pixels. */
	tallestText: number;
	/** How much any drawing is scaled from its own units (1 when drawn a unit to a pixel). */
	scales: number[];
	viewport: number;
};

function measureCharts(page: Page): Promise<ChartSizes> {
	return page.evaluate(() => {
		const figures = [...document.querySelectorAll('figure')];
		const regions = figures.flatMap((figure) => {
			const drawing = figure.querySelector('[role="img"]');
			if (!drawing) return [];
			const region = drawing.closest<HTMLElement>('[data-testid="chart-region"]');
			const box = (region ?? drawing).getBoundingClientRect();
			const scrolls =
				region !== null &&
				(region.scrollHeight > region.clientHeight + 1 || region.scrollWidth > region.clientWidth + 1);
			return [{ height: box.height, right: box.right, scrolls, focusable: region?.tabIndex === 0 }];
		});
		const texts = [...document.querySelectorAll('figure svg text')].map((text) => text.getBoundingClientRect().height);
		const scales = [...document.querySelectorAll<SVGSVGElement>('figure svg')]
			.filter((svg) => svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0)
			.map((svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
		return {
			charts: regions.length,
			regions,
			tallestText: Math.max(0, ...texts),
			scales,
			viewport: window.innerWidth
		};
	});
}

/** Sizes on every check; axe-core where asked (it takes most of a minute on the 60-code page). */
async function expectSensibleCharts(page: Page, label: string, withAxe = true) {
	// A chart learns its width from a resize observer, a frame after the viewport changes: let it settle.
	const unreachable = async () =>
		(await measureCharts(page)).regions.filter((region) => region.scrolls && !region.focusable).length;
	await expect.poll(unreachable, { message: `${label}: a scrolling chart is reachable by keyboard` }).toBe(0);
	const sizes = await measureCharts(page);
	expect(sizes.charts, label).toBeGreaterThanOrEqual(3);
	for (const region of sizes.regions) {
		expect(region.height, label).toBeLessThanOrEqual(MAX_REGION_HEIGHT);
		expect(region.right, label).toBeLessThanOrEqual(sizes.viewport);
		if (region.scrolls) expect(region.focusable, `${label}: a scrolling chart is reachable by keyboard`).toBe(true);
	}
	expect(sizes.tallestText, label).toBeLessThanOrEqual(20);
	for (const scale of sizes.scales) expect(scale, label).toBeCloseTo(1, 1);
	if (withAxe) expect(await axeViolations(page), label).toEqual([]);
}

/** Checks at a desktop and a phone width, with every country and with one (a breakdown of one column). */
async function atWidths(page: Page, codes: number, oneCountryAt = [1280, 375], axeAt = [1280, 375]) {
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 800 });
		await expectSensibleCharts(page, `${codes} codes at ${width} px`, axeAt.includes(width));
		if (!oneCountryAt.includes(width)) continue;
		await page.getByLabel('Country', { exact: true }).selectOption('FR', { timeout: 180_000 });
		await expect
			.poll(() => page.getByTestId('breakdown').locator('table').first().locator('thead th').count(), {
				timeout: 90_000
			})
			.toBeLessThanOrEqual(3);
		await expectSensibleCharts(page, `${codes} codes, one country, at ${width} px`, axeAt.includes(width));
		await page.getByLabel('Country', { exact: true }).selectOption('', { timeout: 180_000 });
	}
	await page.setViewportSize({ width: 1280, height: 800 });
}

beforeAll(async () => {
	portal = await startPortal();
	browser = await launchBrowser({ width: 1280 });
	admin = await completeSetup(browser.page, portal.setupLink!);
	await readyCrypto();
	fillCorpus(portal, admin, RECORDS);
	cookie = await staffCookie(portal, admin);
	// A first code before the workspace ever opens: the default codebook is then not seeded.
	await growCodebook(1);
	await openStaffPage(browser.page, `${portal.origin}/staff/research`, admin.passphrase);
	await browser.page
		.getByTestId('result-count')
		.filter({ hasText: `${RECORDS} records match.` })
		.waitFor({ timeout: 60_000 });
}, 600_000);

afterAll(async () => {
	await browser?.close();
	await portal?.stop();
});

describe('the Patterns charts', () => {
	it('keep a sensible size with a single code', async () => {
		await openPatterns(browser.page, 1);
		await atWidths(browser.page, 1);
	});

	it('keep a sensible size with 10 codes', async () => {
		await growCodebook(10);
		await openPatterns(browser.page, 10);
		await atWidths(browser.page, 10);
	});

	it('keep a sensible size with 60 codes, scrolling inside the chart with its labels in view', async () => {
		const { page } = browser;
		await growCodebook(60);
		await openPatterns(page, 60);
		await atWidths(page, 60, [1280], [375]);

		const grid = page.getByTestId('co-occurrence').getByTestId('chart-region');
		await grid.evaluate((region) => region.scrollTo(region.scrollWidth, region.scrollHeight));
		const kept = await grid.evaluate((region) => {
			const box = region.getBoundingClientRect();
			const rows = region.querySelector('.row-labels')!.getBoundingClientRect();
			const columns = region.querySelector('.column-labels')!.getBoundingClientRect();
			return {
				scrolled: region.scrollTop > 0 && region.scrollLeft > 0,
				rowLabelsAtStart: Math.abs(rows.left - box.left) < 3,
				columnLabelsAtTop: Math.abs(columns.top - box.top) < 3
			};
		});
		expect(kept).toEqual({ scrolled: true, rowLabelsAtStart: true, columnLabelsAtTop: true });

		await page.getByTestId('frequencies').getByTestId('chart-region').focus();
		await page.keyboard.press('PageDown');
		await expect
			.poll(() =>
				page
					.getByTestId('frequencies')
					.getByTestId('chart-region')
					.evaluate((region) => region.scrollTop)
			)
			.toBeGreaterThan(0);
	}, 900_000);
});

describe('the Patterns page in a partner’s language', () => {
	it('speaks French to a researcher who chose it, months and all, without a word of English', async () => {
		const { page } = browser;
		await openStaffPage(page, `${portal.origin}/staff/account`, admin.passphrase);
		await page.getByRole('combobox', { name: 'Language of these pages' }).selectOption('fr');
		await page.getByRole('button', { name: 'Save language' }).click();
		await page.getByRole('status').filter({ hasText: 'La langue a été enregistrée.' }).waitFor();
		// Moving within the app keeps the keys unlocked; the corpus opens again in French.
		await page.locator('a[href="/staff/research"]').first().click();
		await page.getByTestId('result-count').waitFor({ timeout: 60_000 });
		await page.locator('a[href="/staff/research/patterns"]').first().click();
		await page.getByRole('heading', { name: 'Tendances dans le corpus' }).waitFor();
		expect(await page.title()).toBe('Tendances · TRIPS Voice équipe');
		await page.getByRole('heading', { name: 'Fréquence de chaque code' }).waitFor();
		expect(await page.getByTestId('small-numbers-note').textContent()).toContain('moins de 5');
		const main = await page.locator('main').innerText();
		for (const english of ['Patterns across the corpus', 'Frequency of each code', 'Over time', 'Data table'])
			expect(main).not.toContain(english);
		// Months are written by Intl for the locale: the corpus's November 2026 on the time axis.
		expect(await page.getByTestId('over-time').locator('svg').first().textContent()).toContain('nov. 2026');
	});
});
