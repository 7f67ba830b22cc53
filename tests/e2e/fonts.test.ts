import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type RunningPortal } from './harness';
import { startPortalWithChannel } from './staff-flows';
import { glyphBoxes, launchWithDebianFontsOnly, type GlyphBox } from './glyph-boxes';

const locales: string[] = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')).locales;
const localePath = (locale: string, path: string) => (locale === 'en' ? path : `/${locale}${path}`);

/** Locales whose own script the portal carries a font for; every other page uses common.woff2. */
const OWN_FONT: Record<string, string> = { ti: 'ti.woff2', bn: 'bn.woff2', zh: 'zh.woff2' };
/**
 * Urdu's and Pashto's consent pages use letters DejaVu Sans lacks (ہ ے ۔, ۍ); common.woff2 has
 * them. Their language and safety pages need no more than the names every first page shows.
 */
const NEEDS_COMMON = new Set(['ur', 'ps']);

let portal: RunningPortal;
let browser: Browser;

beforeAll(async () => {
	portal = await startPortalWithChannel();
	browser = await launchWithDebianFontsOnly({ width: 360 });
});

afterAll(async () => {
	await browser?.close();
	await portal?.stop();
});

/**
 * Opens `url` in a new tab, checks its text for missing-glyph boxes, and returns every font file
 * the page itself requested (before the check, which loads fonts of its own).
 */
async function visit(url: string, hydrates = false): Promise<{ fonts: string[]; boxes: GlyphBox[] }> {
	const page = await browser.context.newPage();
	try {
		const fonts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'font') fonts.push(request.url());
		});
		await page.goto(url, { waitUntil: 'load' });
		// The language and safety pages are server-rendered only; the testimony page hydrates.
		if (hydrates) await page.locator('html[data-ready]').waitFor();
		await page.evaluate(() => document.fonts.ready.then(() => undefined));
		const requested = [...fonts];
		return { fonts: requested, boxes: await glyphBoxes(page) };
	} finally {
		await page.close();
	}
}

describe('the missing-glyph detector', () => {
	it('finds boxes for Ethiopic and Bengali without their fonts, and none for Latin', async () => {
		await browser.page.setContent('<p style="font-family: system-ui, sans-serif">Exit this page ትግርኛ বাংলা</p>');
		const boxes = (await glyphBoxes(browser.page)).map((box) => box.char).join('');
		expect(boxes).toBe('ትግርኛবাংল');
	});
});

describe("survivor pages in Debian Chromium with only its own fonts and the portal's", () => {
	for (const locale of locales) {
		it(`show ${locale} without a missing-glyph box, fetching fonts only from the portal`, async () => {
			const firstPage = await visit(portal.origin + localePath(locale, '/'));
			expect(firstPage.boxes, `${locale}: language page`).toEqual([]);
			const safetyPage = await visit(portal.origin + localePath(locale, '/tell'));
			expect(safetyPage.boxes, `${locale}: safety page`).toEqual([]);
			const tellPage = await visit(portal.origin + localePath(locale, '/tell/steps'), true);
			expect(tellPage.boxes, `${locale}: consent page`).toEqual([]);

			for (const url of [...firstPage.fonts, ...safetyPage.fonts, ...tellPage.fonts]) {
				expect(new URL(url).origin).toBe(portal.origin);
			}
			const ownFont = `${portal.origin}/fonts/${OWN_FONT[locale] ?? 'common.woff2'}`;
			// The language page shows every language's name: one file, fetched once.
			expect(firstPage.fonts, `${locale}: language page fonts`).toEqual([ownFont]);
			if (OWN_FONT[locale] || NEEDS_COMMON.has(locale)) {
				expect(tellPage.fonts, `${locale}: consent page fonts`).toEqual([ownFont]);
			} else {
				// A script Debian's own fonts cover needs no download.
				expect(tellPage.fonts, `${locale}: consent page fonts`).toEqual([]);
			}
		});
	}
});
