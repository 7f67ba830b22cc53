import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseLocale, locales } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { readSurvivorCatalogue } from './catalogue-checks';
import { messageFunctionImports, messageKeysUsed, survivorPages } from './survivor-pages';

/**
 * Survivor pages do not ship paraglide's message functions: each load sends the page the
 * templates whose keys start with one of a few prefixes (see `dictionary` in $lib/server/i18n/dictionary.ts),
 * and `translator` shows the raw key for any other. These tests read each survivor page and the
 * components and modules it imports, collect the keys they use, and check that the dictionaries
 * the page is given hold every one of them in every locale.
 */

const baseMessages = readSurvivorCatalogue(baseLocale);
const baseKeys = new Set(Object.keys(baseMessages));
const pages = survivorPages();

describe('survivor page dictionaries', () => {
	it('finds the survivor pages, the layout and the error page', () => {
		const entries = pages.map((page) => page.entry.replace('src/routes/(survivor)/', ''));
		const expected = ['+layout.svelte', '+error.svelte', '+page.svelte', 'tell/+page.svelte', 'check/+page.svelte'];
		expect(entries).toEqual(expect.arrayContaining(expected));
	});

	for (const page of pages) {
		describe(page.entry, () => {
			const used = messageKeysUsed(page.sources, baseKeys);

			it('uses only keys of the base locale', () => {
				expect(used.filter((key) => !baseKeys.has(key))).toEqual([]);
			});

			it('is given every key it uses, in every locale', () => {
				const missing: string[] = [];
				for (const locale of locales) {
					const given = Object.assign({}, ...page.dictionaries.map(({ prefixes }) => dictionary(locale, prefixes)));
					for (const key of used) if (typeof given[key] !== 'string') missing.push(`${locale}: ${key}`);
				}
				expect(missing).toEqual([]);
			});

			it('translates through its dictionary, not paraglide message functions', () => {
				expect(messageFunctionImports(page.sources)).toEqual([]);
			});

			it('imports nothing of the staff catalogues, so that it cannot ship a staff string', () => {
				const staffCatalogue = /(paraglide-staff|staff-text|staff-i18n|i18n\/staff)\b/;
				expect(page.sources.filter((source) => staffCatalogue.test(fs.readFileSync(source, 'utf8')))).toEqual([]);
			});
		});
	}
});
