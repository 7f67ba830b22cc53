import { describe, expect, it } from 'vitest';
import type { Coding } from '../types';
import { CorpusFilterError, type CorpusFilter } from '.';
import { answer, corpusRecord, idsFor, indexOf } from './testing';

describe('filters', () => {
	const records = [
		corpusRecord('a', [answer('Le loyer est trop cher.', { domain: 'housing' })], {
			month: '2025-01',
			channelId: 'channel-lyon',
			country: 'FR',
			locale: 'fr',
			sessionId: 'session-1',
			consentToQuote: true,
			group: { participants: 6, languages: ['fr', 'en'] }
		}),
		corpusRecord('b', [answer('I could not open a bank account.', { domain: 'work' })], {
			month: '2025-02',
			channelId: 'channel-milan',
			country: 'IT',
			locale: 'en',
			sessionId: null,
			consentToQuote: false
		}),
		corpusRecord(
			'c',
			[
				answer('Nobody explained my rights.', { domain: 'rights' }),
				answer('The rent is too high.', { domain: 'housing' })
			],
			{
				month: '2025-03',
				channelId: 'channel-milan',
				country: 'IT',
				locale: 'en',
				sessionId: 'session-2',
				consentToQuote: true
			}
		),
		corpusRecord('d', [answer('Le travail au noir, c’est tout ce que je trouve.', { domain: null })], {
			month: '2025-03',
			channelId: 'channel-lyon',
			country: 'FR',
			locale: 'fr',
			sessionId: 'session-1',
			consentToQuote: false,
			group: { participants: 4, languages: ['fr'] }
		})
	];
	const index = indexOf(...records);

	it.each<[string, CorpusFilter, string[]]>([
		['channel', { channelIds: ['channel-milan'] }, ['c', 'b']],
		['country', { countries: ['FR'] }, ['d', 'a']],
		['locale', { locales: ['en'] }, ['c', 'b']],
		['session', { sessionIds: ['session-1'] }, ['d', 'a']],
		['month list', { months: ['2025-01', '2025-03'] }, ['c', 'd', 'a']],
		['month range', { monthFrom: '2025-02', monthTo: '2025-03' }, ['c', 'd', 'b']],
		['open-ended month range', { monthFrom: '2025-03' }, ['c', 'd']],
		['domain in any answer', { domains: ['housing'] }, ['c', 'a']],
		['consent to quote', { consentToQuote: true }, ['c', 'a']],
		['no consent to quote', { consentToQuote: false }, ['d', 'b']],
		['group sessions', { group: true }, ['d', 'a']],
		['individual testimonies', { group: false }, ['c', 'b']],
		['empty lists', { channelIds: [], domains: [] }, ['c', 'd', 'b', 'a']]
	])('filters by %s', (_name, filter, expected) => {
		expect(idsFor(index, '', filter)).toEqual(expected);
	});

	it('combines filters so that a record must pass all of them', () => {
		expect(idsFor(index, '', { countries: ['FR', 'IT'], consentToQuote: true, monthFrom: '2025-02' })).toEqual(['c']);
		expect(idsFor(index, '', { channelIds: ['channel-lyon'], group: false })).toEqual([]);
	});

	it('combines filters with a query', () => {
		expect(idsFor(index, 'rent', { countries: ['IT'] })).toEqual(['c']);
		expect(idsFor(index, 'rent', { countries: ['FR'] })).toEqual([]);
	});

	it('refuses a month that is not written YYYY-MM', () => {
		expect(() => index.search('', { monthFrom: '03/2025' })).toThrow(CorpusFilterError);
		expect(() => index.search('', { months: ['2025-13'] })).toThrow(CorpusFilterError);
	});

	it('lists records newest month first, then by id, when there is no query', () => {
		expect(idsFor(index, '')).toEqual(['c', 'd', 'b', 'a']);
		expect(index.all().map((record) => record.id)).toEqual(['c', 'd', 'b', 'a']);
	});

	it('returns the requested page and the total', () => {
		expect(index.search('', {}, { offset: 1, limit: 2 })).toEqual({ ids: ['d', 'b'], total: 4 });
	});

	describe('by coding', () => {
		const coding = (recordId: string, coderId: string): Coding => ({
			id: `${recordId}-${coderId}`,
			recordId,
			field: '0.text',
			start: 0,
			end: 4,
			codeId: 'code-housing',
			coderId
		});
		const coded = indexOf(...records);
		coded.setCodings([
			coding('a', 'coder-me'),
			coding('b', 'coder-other'),
			coding('c', 'coder-me'),
			coding('c', 'coder-other')
		]);

		it('finds records I coded and records I did not', () => {
			expect(idsFor(coded, '', { coded: { by: 'me', state: 'coded', coderId: 'coder-me' } })).toEqual(['c', 'a']);
			expect(idsFor(coded, '', { coded: { by: 'me', state: 'uncoded', coderId: 'coder-me' } })).toEqual(['d', 'b']);
		});

		it('finds records anyone coded and records nobody coded', () => {
			expect(idsFor(coded, '', { coded: { by: 'anyone', state: 'coded' } })).toEqual(['c', 'b', 'a']);
			expect(idsFor(coded, '', { coded: { by: 'anyone', state: 'uncoded' } })).toEqual(['d']);
		});

		it('reports coded record ids by coder or by anyone', () => {
			expect([...coded.codedRecordIds('coder-other')].sort()).toEqual(['b', 'c']);
			expect([...coded.codedRecordIds(null)].sort()).toEqual(['a', 'b', 'c']);
		});

		it('forgets codings that were replaced', () => {
			const later = indexOf(...records);
			later.setCodings([coding('a', 'coder-me')]);
			later.setCodings([coding('d', 'coder-me')]);
			expect(idsFor(later, '', { coded: { by: 'me', state: 'coded', coderId: 'coder-me' } })).toEqual(['d']);
		});

		it('needs my coder id to filter by what I coded', () => {
			expect(() => coded.search('', { coded: { by: 'me', state: 'coded' } })).toThrow(CorpusFilterError);
		});
	});

	describe('facets', () => {
		it('counts the records carrying each value', () => {
			const facets = index.facets();
			expect(facets.channels).toEqual([
				{ value: 'channel-lyon', count: 2 },
				{ value: 'channel-milan', count: 2 }
			]);
			expect(facets.sessions).toEqual([
				{ value: 'session-1', count: 2 },
				{ value: 'session-2', count: 1 }
			]);
			expect(facets.months).toEqual([
				{ value: '2025-03', count: 2 },
				{ value: '2025-02', count: 1 },
				{ value: '2025-01', count: 1 }
			]);
		});

		it('counts a domain once per record however many answers carry it', () => {
			const twice = indexOf(corpusRecord('x', [answer('Pas de bail.'), answer('Chambre trop petite.')]));
			expect(twice.facets().domains).toEqual([{ value: 'housing', count: 1 }]);
			expect(index.facets().domains).toEqual([
				{ value: 'housing', count: 2 },
				{ value: 'rights', count: 1 },
				{ value: 'work', count: 1 }
			]);
		});

		it('counts only the given records', () => {
			const facets = index.facets(index.search('', { countries: ['IT'] }).ids);
			expect(facets.countries).toEqual([{ value: 'IT', count: 2 }]);
			expect(facets.locales).toEqual([{ value: 'en', count: 2 }]);
		});
	});
});
