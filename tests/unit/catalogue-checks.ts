/**
 * What every translation catalogue must hold against its English one, for the survivor
 * catalogues (messages/) and the staff ones (messages/staff/) alike.
 */
import fs from 'node:fs';
import { expect, it } from 'vitest';

export type Catalogue = Record<string, string>;

/** staff.inlang's settings: the staff locales and the catalogue files of every area. */
export const staffSettings = JSON.parse(fs.readFileSync('staff.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string[] };
};

/**
 * One staff language's whole catalogue, merged from its file in every area (one file per area and
 * locale, messages/staff/{area}/{locale}.json, so that areas move apart). A key two areas both
 * hold is an error: the page would show whichever came last.
 */
export function readStaffCatalogue(locale: string): Catalogue {
	const merged: Catalogue = {};
	for (const pattern of staffSettings['plugin.inlang.messageFormat'].pathPattern) {
		const { $schema: _schema, ...messages } = JSON.parse(fs.readFileSync(pattern.replace('{locale}', locale), 'utf8'));
		const repeated = Object.keys(messages).filter((key) => key in merged);
		if (repeated.length > 0) throw new Error(`${pattern} repeats ${repeated.join(', ')} for ${locale}`);
		Object.assign(merged, messages);
	}
	return merged;
}

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
