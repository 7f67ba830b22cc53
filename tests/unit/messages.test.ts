import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAgainstBase, readSurvivorCatalogue as read, survivorSettings as settings } from './catalogue-checks';

const base = read(settings.baseLocale);
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

			checkAgainstBase(messages, base, SAME_AS_ENGLISH[locale]);

			it('records whether a native speaker has reviewed it', () => {
				expect(typeof reviewStatus[locale]?.reviewed).toBe('boolean');
			});
		});
	}
});

describe('the safety page', () => {
	// Each channel chooses where the exit button leads (a news or a weather page, say), so the
	// survivor is never told a kind of site that the button may not open.
	const weather: Record<string, string> = {
		en: 'weather',
		fr: 'météo',
		it: 'meteo',
		nl: 'weer',
		cs: 'počas',
		es: 'clima',
		tr: 'hava durumu',
		uk: 'погод',
		zh: '天气',
		ar: 'الطقس'
	};
	for (const [locale, word] of Object.entries(weather)) {
		it(`does not say in ${locale} what kind of site the exit button opens`, () => {
			expect(read(locale).safety_exit_explained.toLowerCase()).not.toContain(word);
		});
	}
});
