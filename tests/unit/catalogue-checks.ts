/**
 * What every translation catalogue must hold against its English one, for the survivor
 * catalogues (messages/) and the staff ones (messages/staff/) alike.
 */
import fs from 'node:fs';
import { expect, it } from 'vitest';

export type Catalogue = Record<string, string>;

type InlangSettings = {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string | string[] };
};

/** staff.inlang's settings: the staff locales and the catalogue files of every area. */
export const staffSettings = JSON.parse(fs.readFileSync('staff.inlang/settings.json', 'utf8')) as InlangSettings;

/** project.inlang's settings: the survivor locales and the catalogue files of every area. */
export const survivorSettings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as InlangSettings;

/**
 * One language's whole catalogue, merged from its file in every area (messages/{locale}.json and
 * messages/survivor/{area}/{locale}.json for survivors, messages/staff/{area}/{locale}.json for
 * staff: one file per area and locale, so that areas move apart). A key two areas both hold is
 * an error: the page would show whichever came last.
 */
function readCatalogue(settings: InlangSettings, locale: string): Catalogue {
	const merged: Catalogue = {};
	for (const pattern of [settings['plugin.inlang.messageFormat'].pathPattern].flat()) {
		const { $schema: _schema, ...messages } = JSON.parse(fs.readFileSync(pattern.replace('{locale}', locale), 'utf8'));
		const repeated = Object.keys(messages).filter((key) => key in merged);
		if (repeated.length > 0) throw new Error(`${pattern} repeats ${repeated.join(', ')} for ${locale}`);
		Object.assign(merged, messages);
	}
	return merged;
}

/** One staff language's whole catalogue. */
export const readStaffCatalogue = (locale: string): Catalogue => readCatalogue(staffSettings, locale);

/** One survivor language's whole catalogue. */
export const readSurvivorCatalogue = (locale: string): Catalogue => readCatalogue(survivorSettings, locale);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Defines, inside the caller's `describe`, the checks of one locale against the base locale. */
export function checkAgainstBase(messages: Catalogue, base: Catalogue, sameAsEnglish: readonly string[] = []): void {
	it('has every key of the base locale and no other', () => {
		expect(Object.keys(messages).sort()).toEqual(Object.keys(base).sort());
	});

	it('keeps every placeholder of each message', () => {
		const mismatched = Object.keys(base).filter(
			(key) => key in messages && placeholders(messages[key]).join() !== placeholders(base[key]).join()
		);
		expect(mismatched).toEqual([]);
	});

	it('translates every message rather than repeating the English', () => {
		const allowed = new Set(sameAsEnglish);
		const untranslated = Object.keys(base).filter(
			(key) => messages[key]?.trim() === base[key].trim() && !allowed.has(key)
		);
		expect(untranslated).toEqual([]);
	});

	it('contains no invisible bidi controls that would garble right-to-left text', () => {
		const controls = Object.keys(messages).filter((key) =>
			/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(messages[key])
		);
		expect(controls).toEqual([]);
	});
}
