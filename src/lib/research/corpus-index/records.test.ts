import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../offsets';
import { fieldText, type CorpusRecord } from '../types';
import { CorpusIndex } from '.';
import { answer, corpusRecord, idsFor, indexOf } from './testing';

describe('adding records', () => {
	it('indexes records that arrive in several batches', () => {
		const index = new CorpusIndex();
		index.add([corpusRecord('first', [answer('Mon permis expire bientôt.')], { month: '2025-01' })]);
		index.add([
			corpusRecord('second', [answer('Le renouvellement du permis prend des mois.')], { month: '2025-02' }),
			corpusRecord('third', [answer('J’ai enfin un appartement.')], { month: '2025-02' })
		]);
		expect(index.size).toBe(3);
		expect(idsFor(index, 'permis').sort()).toEqual(['first', 'second']);
		expect(idsFor(index, '')).toEqual(['second', 'third', 'first']);
		expect(index.record('third')?.answers[0].text).toBe('J’ai enfin un appartement.');
	});

	it('replaces a record added again under the same id', () => {
		const index = indexOf(corpusRecord('same', [answer('Je dors dans un foyer.')]));
		index.add([corpusRecord('same', [answer('Je travaille dans une cuisine.')])]);
		expect(index.size).toBe(1);
		expect(idsFor(index, 'foyer')).toEqual([]);
		expect(idsFor(index, 'cuisine')).toEqual(['same']);
	});

	it('forgets a withdrawn record: no search, facet or excerpt finds it again', () => {
		const index = indexOf(
			corpusRecord('kept', [answer('Le foyer ferme à vingt heures.')], { country: 'FR' }),
			corpusRecord('withdrawn', [answer('Le foyer est loin du travail.')], { country: 'BE' })
		);
		index.setCodings([{ recordId: 'withdrawn', coderId: 'rosa' }]);
		index.remove(['withdrawn', 'never-held']);
		expect(index.size).toBe(1);
		expect(idsFor(index, 'foyer')).toEqual(['kept']);
		expect(idsFor(index, '')).toEqual(['kept']);
		expect(index.facets().countries).toEqual([{ value: 'FR', count: 1 }]);
		expect(index.codedRecordIds(null).size).toBe(0);
		expect(index.excerpt('withdrawn', '0.text', 0, 2)).toBeNull();
	});

	it('returns nothing for an id it does not hold', () => {
		const index = indexOf(corpusRecord('known', [answer('Texte.')]));
		expect(index.record('unknown')).toBeUndefined();
		expect(index.matches('unknown', 'texte')).toEqual([]);
		expect(index.excerpt('unknown', '0.text', 0, 1)).toBeNull();
	});
});

describe('matches', () => {
	function matchedTexts(index: CorpusIndex, recordId: string, query: string): Record<string, string[]> {
		const record = index.record(recordId) as CorpusRecord;
		return Object.fromEntries(
			index.matches(recordId, query).map(({ field, ranges }) => {
				const text = fieldText(record, field) as string;
				return [field, ranges.map((range) => sliceCodePoints(text, range.start, range.end))];
			})
		);
	}

	it('gives ranges of the original text after an emoji and around a decomposed accent', () => {
		const text = 'Hier 😞 à la Pre\u0301fecture, encore la préfecture.';
		const index = indexOf(corpusRecord('r', [answer(text)]));
		const [match] = index.matches('r', 'prefecture');
		expect(match.field).toBe('0.text');
		expect(match.ranges).toEqual([
			{ start: 12, end: 23 },
			{ start: 35, end: 45 }
		]);
		expect(matchedTexts(index, 'r', 'prefecture')).toEqual({ '0.text': ['Pre\u0301fecture', 'préfecture'] });
		expect(idsFor(index, 'préfecture')).toEqual(['r']);
	});

	it('covers the zero-width non-joiner inside a Persian word', () => {
		const index = indexOf(corpusRecord('r', [answer('من می‌خواهم کار کنم')]));
		expect(matchedTexts(index, 'r', 'میخواهم')).toEqual({ '0.text': ['می‌خواهم'] });
	});

	it('covers the harakat of a vocalised Arabic word', () => {
		const index = indexOf(corpusRecord('r', [answer('أُرِيدُ سَكَنًا آمِنًا')]));
		expect(matchedTexts(index, 'r', 'سكنا')).toEqual({ '0.text': ['سَكَنًا'] });
		expect(matchedTexts(index, 'r', 'اريد')).toEqual({ '0.text': ['أُرِيدُ'] });
	});

	it('highlights the whole word a prefix or a typo matched', () => {
		const index = indexOf(corpusRecord('r', [answer('Elle est réfugiée ; son logemant est loin.')]));
		expect(matchedTexts(index, 'r', 'réfug logement')).toEqual({ '0.text': ['réfugiée', 'logemant'] });
	});

	it('highlights a Chinese word inside a sentence', () => {
		const index = indexOf(corpusRecord('r', [answer('我在这个城市找不到住房和工作。')]));
		expect(matchedTexts(index, 'r', '住房')).toEqual({ '0.text': ['住房'] });
		expect(matchedTexts(index, 'r', '找不到')).toEqual({ '0.text': ['找不到'] });
	});

	it('reports every field of every answer that matched', () => {
		const index = indexOf(
			corpusRecord('r', [
				answer('No tengo contrato de trabajo.', {
					translation: 'Je n’ai pas de contrat de travail.',
					englishTranslation: 'I have no work contract.'
				}),
				answer('Sin papeles no hay vivienda.')
			])
		);
		const fields = (query: string) => index.matches('r', query).map((match) => match.field);
		expect(fields('trabajo')).toEqual(['0.text']);
		expect(fields('vivienda')).toEqual(['1.text']);
		expect(fields('contrat')).toEqual(['0.text', '0.translation', '0.englishTranslation']);
	});

	it('finds nothing for a query with no words', () => {
		const index = indexOf(corpusRecord('r', [answer('Texte.')]));
		expect(index.matches('r', '  ')).toEqual([]);
	});
});

describe('excerpts', () => {
	const text =
		'Au début je dormais chez une amie, puis la mairie m’a trouvé une place dans un foyer pour femmes seules.';
	const index = indexOf(corpusRecord('r', [answer(text)]));

	it('shows the matched range with context cut at word boundaries', () => {
		const start = text.indexOf('mairie');
		const excerpt = index.excerpt('r', '0.text', start, start + 'mairie'.length, 20);
		expect(excerpt).toEqual({
			before: 'une amie, puis la ',
			match: 'mairie',
			after: ' m’a trouvé une',
			truncatedBefore: true,
			truncatedAfter: true
		});
	});

	it('shows the whole text when it fits in the context', () => {
		const excerpt = index.excerpt('r', '0.text', 3, 8, 200);
		expect(excerpt?.truncatedBefore).toBe(false);
		expect(excerpt?.truncatedAfter).toBe(false);
		expect(`${excerpt?.before}${excerpt?.match}${excerpt?.after}`).toBe(text);
	});

	it('counts context in code points so that it never splits an emoji', () => {
		const withEmoji = indexOf(corpusRecord('e', [answer('😀😀😀😀ok')]));
		expect(withEmoji.excerpt('e', '0.text', 4, 6, 2)).toEqual({
			before: '😀😀',
			match: 'ok',
			after: '',
			truncatedBefore: true,
			truncatedAfter: false
		});
	});
});
