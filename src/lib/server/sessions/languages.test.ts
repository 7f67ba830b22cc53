import { describe, expect, it } from 'vitest';
import { readSurvivorCatalogue } from '../../../../tests/unit/catalogue-checks';
import { joinPath, sessionLocales, sessionPageLocale, sheetLanguages } from './languages';

const text = (locale: string, key: string): string => readSurvivorCatalogue(locale)[key];

describe('a session’s languages', () => {
	it('keep the facilitator’s order, each once, and drop what is not a portal language', () => {
		expect(sessionLocales({ locales: ['fa-AF', 'so', 'fa-AF', 'xx', 'uk'] })).toEqual(['fa-AF', 'so', 'uk']);
	});

	it('fall back to the base language for a session that names none', () => {
		expect(sessionLocales({ locales: null })).toEqual(['en']);
		expect(sessionLocales({ locales: ['klingon'] })).toEqual(['en']);
	});
});

describe('the language of a session’s page', () => {
	it('is the link’s own language when the session offers it', () => {
		expect(sessionPageLocale(['fa-AF', 'so', 'uk'], 'uk')).toBe('uk');
	});

	it('is the session’s first language when the link names another', () => {
		expect(sessionPageLocale(['fa-AF', 'so', 'uk'], 'en')).toBe('fa-AF');
		expect(sessionPageLocale(['fa-AF', 'so', 'uk'], 'fr')).toBe('fa-AF');
	});

	it('stays the link’s language when there is nothing to choose from', () => {
		expect(sessionPageLocale([], 'so')).toBe('so');
	});
});

describe('join links', () => {
	it('name the language in the path, except the base language', () => {
		expect(joinPath('ABCDEFGH23', 'ps')).toBe('/ps/s/ABCDEFGH23');
		expect(joinPath('ABCDEFGH23', 'en')).toBe('/s/ABCDEFGH23');
	});
});

describe('the printed sheet', () => {
	it('has one block per language, in its direction, with its own link and its own words', () => {
		const blocks = sheetLanguages({ locales: ['ur', 'so'], joinCode: 'ABCDEFGH23' });
		expect(blocks.map(({ locale, dir }) => [locale, dir])).toEqual([
			['ur', 'rtl'],
			['so', 'ltr']
		]);
		expect(blocks[0].link).toMatch(/^https?:\/\/[^/]+\/ur\/s\/ABCDEFGH23$/);
		expect(blocks[0].text.sheet_title).toBe(text('ur', 'sheet_title'));
		expect(blocks[1].text.sheet_privacy).toBe(text('so', 'sheet_privacy'));
		expect(blocks[1].text.exit_button).toBe(text('so', 'exit_button'));
	});
});
