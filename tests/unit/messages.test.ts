import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
};
const read = (locale: string): Record<string, string> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		fs.readFileSync(path.join('messages', `${locale}.json`), 'utf8')
	);
	return messages;
};
const base = read(settings.baseLocale);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const reviewStatus = JSON.parse(fs.readFileSync('messages/review-status.json', 'utf8')) as Record<
	string,
	{ reviewed: boolean; reviewer: string | null; date: string | null; notes?: string }
>;

/** Texts that may rightly read the same as English in a locale (names, numbers). */
const SAME_AS_ENGLISH: Record<string, string[]> = {};

describe('translations', () => {
	it('offer the twenty launch locales', () => {
		expect(settings.locales.sort()).toEqual(
			[
				'en',
				'fr',
				'it',
				'nl',
				'cs',
				'pcm',
				'ar',
				'fa-AF',
				'ps',
				'ur',
				'ckb',
				'ti',
				'so',
				'ha',
				'bn',
				'es',
				'zh',
				'sq',
				'uk',
				'tr'
			].sort()
		);
	});

	for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
		describe(locale, () => {
			const messages = read(locale);

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
				const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
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

			it('records whether a native speaker has reviewed it', () => {
				expect(typeof reviewStatus[locale]?.reviewed).toBe('boolean');
			});
		});
	}
});
