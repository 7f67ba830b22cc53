import fs from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { bytesOnTheWire } from './wire';
import { LOCALE_NAMES } from '$lib/i18n';
import { startPortal, type Browser, type RunningPortal } from '../tests/e2e/harness';
import { glyphBoxes, launchWithDebianFontsOnly } from '../tests/e2e/glyph-boxes';

const locales: string[] = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')).locales;
const SAMPLE_KEYS = /^(language|start_page|safety|consent)_/;

let portal: RunningPortal;
let browser: Browser;
const rows: string[] = [];

beforeAll(async () => {
	portal = await startPortal();
	browser = await launchWithDebianFontsOnly({ width: 360 });
});

afterAll(async () => {
	await browser?.close();
	await portal?.stop();
	console.log("\nFonts, in Debian Chromium with only its own fonts (DejaVu, Liberation) and the portal's:");
	for (const row of rows) console.log(`  ${row}`);
});

/** The locale's name and the texts of its first screens, on its language page in the portal's fonts. */
async function boxesInSample(locale: string, withProjectFonts: boolean): Promise<string> {
	const page = await browser.context.newPage();
	try {
		if (!withProjectFonts) await page.route('**/fonts/*.woff2', (route) => route.abort());
		await page.goto(`${portal.origin}/${locale}`, { waitUntil: 'load' });
		const messages: Record<string, string> = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8'));
		const sample = [LOCALE_NAMES[locale], ...Object.keys(messages).filter((key) => SAMPLE_KEYS.test(key))]
			.map((key) => messages[key] ?? key)
			.join(' ');
		return [...new Set((await glyphBoxes(page, sample)).map((box) => box.char))].join('');
	} finally {
		await page.close();
	}
}

it('measures missing glyphs and first-page weight per locale', async () => {
	rows.push('locale  boxes before / after (sample text)  first page: requests, bytes (brotli), font');
	for (const locale of locales) {
		const before = await boxesInSample(locale, false);
		const after = await boxesInSample(locale, true);
		const page = await browser.context.newPage();
		const urls: string[] = [];
		page.on('request', (request) => {
			if (request.url().startsWith(portal.origin)) urls.push(request.url());
		});
		await page.goto(portal.origin + (locale === 'en' ? '/' : `/${locale}`), { waitUntil: 'networkidle' });
		await page.close();
		const bytes = (await Promise.all(urls.map(bytesOnTheWire))).reduce((sum, size) => sum + size, 0);
		const font =
			urls
				.find((url) => url.endsWith('.woff2'))
				?.split('/')
				.pop() ?? '-';
		rows.push(
			`${locale.padEnd(6)}  ${String([...before].length).padStart(4)} / ${[...after].length}${after ? ` (${after})` : ''}`.padEnd(
				44
			) + `${urls.length}, ${(bytes / 1024).toFixed(1)} KB, ${font}`
		);
		if (before) rows.push(`        before: ${before}`);
	}
	for (const file of fs.readdirSync('static/fonts').filter((name) => name.endsWith('.woff2'))) {
		rows.push(`static/fonts/${file}: ${(fs.statSync(`static/fonts/${file}`).size / 1024).toFixed(1)} KB`);
	}
});
