import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser, type BrowserOptions } from './harness';

/**
 * The fonts a fresh Debian bookworm machine has once `apt-get install chromium` is done: Chromium
 * depends on fontconfig, which pulls in fonts-dejavu-core, and recommends fonts-liberation.
 */
export const DEBIAN_CHROMIUM_FONTS = [
	...['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono', 'DejaVuSansMono-Bold', 'DejaVuSerif', 'DejaVuSerif-Bold'].map(
		(name) => `/usr/share/fonts/truetype/dejavu/${name}.ttf`
	),
	...['Mono', 'Sans', 'SansNarrow', 'Serif'].flatMap((family) =>
		['Regular', 'Bold', 'Italic', 'BoldItalic'].map(
			(style) => `/usr/share/fonts/truetype/liberation/Liberation${family}-${style}.ttf`
		)
	)
];

export type Fontconfig = { env: Record<string, string>; dispose(): void };

/**
 * A fontconfig setup that shows Chromium only Debian Chromium's own fonts, whatever else this
 * machine has installed, so a test of missing glyphs gives the same answer everywhere. Web
 * fonts the page loads are not fontconfig's business and still work.
 */
export function debianChromiumFontsOnly(): Fontconfig {
	const missing = DEBIAN_CHROMIUM_FONTS.filter((file) => !fs.existsSync(file));
	if (missing.length > 0) {
		throw new Error(
			`Debian Chromium's default fonts are missing (apt-get install fonts-dejavu-core fonts-liberation): ${missing.join(', ')}`
		);
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-fontconfig-'));
	fs.mkdirSync(path.join(dir, 'fonts'));
	for (const file of DEBIAN_CHROMIUM_FONTS) fs.symlinkSync(file, path.join(dir, 'fonts', path.basename(file)));
	// The generic families as Debian's 60-latin.conf resolves them, DejaVu first.
	const alias = (generic: string, family: string) =>
		`<alias><family>${generic}</family><prefer><family>${family}</family></prefer></alias>`;
	fs.writeFileSync(
		path.join(dir, 'fonts.conf'),
		`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
<dir>${path.join(dir, 'fonts')}</dir>
<cachedir>${path.join(dir, 'cache')}</cachedir>
${alias('sans-serif', 'DejaVu Sans')}
${alias('serif', 'DejaVu Serif')}
${alias('monospace', 'DejaVu Sans Mono')}
${alias('system-ui', 'DejaVu Sans')}
</fontconfig>
`
	);
	return {
		env: { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
		dispose: () => fs.rmSync(dir, { recursive: true, force: true })
	};
}

/** Chromium that sees only Debian Chromium's own fonts (and the pages' web fonts); `close` cleans up both. */
export async function launchWithDebianFontsOnly(options: BrowserOptions = {}): Promise<Browser> {
	const fontconfig = debianChromiumFontsOnly();
	try {
		const browser = await launchBrowser({ ...options, env: fontconfig.env });
		return {
			...browser,
			async close() {
				await browser.close();
				fontconfig.dispose();
			}
		};
	} catch (cause) {
		fontconfig.dispose();
		throw cause;
	}
}

export type GlyphBox = { char: string; codePoint: string; font: string };

/**
 * Characters of the page's visible text (and placeholders) that Chromium draws as a missing-glyph
 * box. Each distinct character is drawn on a canvas in the font its element uses and compared
 * with U+0378, which Unicode leaves unassigned so no font has it: identical pixels are a box.
 * `extraText` is checked as if it were written in the page's root font.
 */
export async function glyphBoxes(page: Page, extraText = ''): Promise<GlyphBox[]> {
	return page.evaluate(async (extra) => {
		const rootFont = (element: Element) => {
			const style = getComputedStyle(element);
			return `${style.fontStyle} ${style.fontWeight} 40px ${style.fontFamily}`;
		};
		const byFont = new Map<string, Set<string>>();
		const add = (font: string, text: string) => {
			const chars = byFont.get(font) ?? new Set<string>();
			// Spaces, controls and format characters (ZWJ, ZWNJ, bidi marks) have no glyph to draw.
			for (const char of text) if (!/[\p{Z}\p{Cc}\p{Cf}\s]/u.test(char)) chars.add(char);
			byFont.set(font, chars);
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('script, style, noscript, template') || !parent.checkVisibility()) continue;
			add(rootFont(parent), node.textContent ?? '');
		}
		for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
			'[placeholder], input[type=submit], input[type=button]'
		)) {
			if (field.checkVisibility()) add(rootFont(field), field.placeholder || field.value);
		}
		if (extra) add(rootFont(document.documentElement), extra);

		const canvas = document.createElement('canvas');
		canvas.width = 120;
		canvas.height = 80;
		const context = canvas.getContext('2d', { willReadFrequently: true })!;
		const draw = (font: string, text: string) => {
			context.clearRect(0, 0, canvas.width, canvas.height);
			context.font = font;
			context.fillText(text, 40, 55);
			return context.getImageData(0, 0, canvas.width, canvas.height).data.join();
		};
		const boxes: { char: string; codePoint: string; font: string }[] = [];
		for (const [font, chars] of byFont) {
			// The page's own web fonts for these characters, as the page loads them; a font that
			// cannot load leaves its characters to the fallback, as on the page.
			await document.fonts.load(font, [...chars].join('')).catch(() => undefined);
			const box = draw(font, '\u0378');
			for (const char of chars) {
				if (draw(font, char) === box) {
					boxes.push({
						char,
						codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
						font
					});
				}
			}
		}
		return boxes;
	}, extraText);
}
