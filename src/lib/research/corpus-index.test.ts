import { describe, expect, it } from 'vitest';
import { CorpusFilterError, CorpusIndex, foldText, type CorpusFilter } from './corpus-index';
import { sliceCodePoints } from './offsets';
import { fieldText, type Coding, type CorpusAnswer, type CorpusRecord } from './types';

function answer(text: string, extra: Partial<CorpusAnswer> = {}): CorpusAnswer {
	return {
		questionId: 'q_housing',
		questionVersion: 1,
		domain: 'housing',
		text,
		transcript: '',
		translation: '',
		englishTranslation: '',
		...extra
	};
}

function corpusRecord(id: string, answers: CorpusAnswer[], extra: Partial<CorpusRecord> = {}): CorpusRecord {
	return {
		id,
		month: '2025-03',
		channelId: 'channel-lyon',
		country: 'FR',
		locale: 'fr',
		sessionId: null,
		consentToQuote: true,
		group: null,
		context: {},
		translationLocale: 'fr',
		answers,
		...extra
	};
}

function indexOf(...records: CorpusRecord[]): CorpusIndex {
	const index = new CorpusIndex();
	index.add(records);
	return index;
}

function idsFor(index: CorpusIndex, query: string, filter: CorpusFilter = {}): string[] {
	return index.search(query, filter).ids;
}

describe('searching across scripts', () => {
	const french = corpusRecord('fr-1', [
		answer('À la Préfecture, on m’a dit que mon titre de séjour arriverait dans six mois.'),
		answer('Je suis réfugiée et je cherche un logement depuis un an.', { domain: 'housing' })
	]);
	const arabic = corpusRecord(
		'ar-1',
		[
			answer('أُرِيدُ سَكَنًا آمِنًا لِعَائِلَتِي قُرْبَ المَدْرَسَةِ', {
				translation: 'Je veux un logement sûr pour ma famille près de l’école.'
			})
		],
		{ locale: 'ar', country: 'BE', channelId: 'channel-liege' }
	);
	const persian = corpusRecord('fa-1', [answer('براي پيدا كردن كار به زبان نياز دارم و زندگي سخت است')], { locale: 'fa-AF' });
	const tigrinya = corpusRecord('ti-1', [answer('ስራ ክረክብ ኣይከኣልኩን፡ ቋንቋ ክመሃር እደሊ።', { domain: 'work' })], { locale: 'ti' });
	const chinese = corpusRecord('zh-1', [answer('我在这个城市找不到住房和工作，语言课也太少了。', { domain: 'work' })], { locale: 'zh' });
	const index = indexOf(french, arabic, persian, tigrinya, chinese);

	it('finds French words typed without their accents', () => {
		expect(idsFor(index, 'prefecture')).toEqual(['fr-1']);
		expect(idsFor(index, 'refugiee')).toEqual(['fr-1']);
		expect(idsFor(index, 'PREFECTURE sejour')).toEqual(['fr-1']);
	});

	it('finds accented French words typed with accents the text does not carry', () => {
		const plain = indexOf(corpusRecord('plain', [answer('la prefecture a perdu mon dossier')]));
		expect(idsFor(plain, 'Préfecture')).toEqual(['plain']);
	});

	it('finds vocalised Arabic with hamza on alef from a bare query', () => {
		expect(idsFor(index, 'اريد سكنا')).toEqual(['ar-1']);
		expect(idsFor(index, 'امنا')).toEqual(['ar-1']);
	});

	it('treats ta marbuta as ha and ignores tatweel in Arabic queries', () => {
		expect(idsFor(index, 'المدرسه')).toEqual(['ar-1']);
		expect(idsFor(index, 'ســكنا')).toEqual(['ar-1']);
	});

	it('finds Persian text whichever keyboard wrote kaf and ye', () => {
		expect(idsFor(index, 'کار')).toEqual(['fa-1']);
		expect(idsFor(index, 'زندگی')).toEqual(['fa-1']);
	});

	it('finds a Persian word whether or not it was written with a zero-width non-joiner', () => {
		const joined = indexOf(corpusRecord('fa-2', [answer('می‌خواهم کار کنم ولی اجازه ندارم')], { locale: 'fa-AF' }));
		expect(idsFor(joined, 'میخواهم')).toEqual(['fa-2']);
		expect(idsFor(joined, 'می‌خواهم')).toEqual(['fa-2']);
	});

	it('finds a Tigrinya word written in Ge’ez', () => {
		expect(idsFor(index, 'ስራ')).toEqual(['ti-1']);
		expect(idsFor(index, 'ቋንቋ')).toEqual(['ti-1']);
	});

	it('finds a Chinese word inside a sentence written without spaces', () => {
		expect(idsFor(index, '住房')).toEqual(['zh-1']);
		expect(idsFor(index, '语言课')).toEqual(['zh-1']);
		expect(idsFor(index, '房')).toEqual(['zh-1']);
	});

	it('finds a Thai word inside a sentence written without spaces', () => {
		const thai = indexOf(corpusRecord('th-1', [answer('ฉันหางานทำไม่ได้เพราะไม่มีเอกสาร')], { locale: 'th' }));
		expect(idsFor(thai, 'งาน')).toEqual(['th-1']);
		expect(idsFor(thai, 'เอกสาร')).toEqual(['th-1']);
		expect(idsFor(thai, 'บ้าน')).toEqual([]);
	});

	it('finds a Chinese word written next to Latin letters', () => {
		const mixed = indexOf(corpusRecord('zh-2', [answer('宿舍没有wifi密码，我不能上网课。')], { locale: 'zh' }));
		expect(idsFor(mixed, 'wifi')).toEqual(['zh-2']);
		expect(idsFor(mixed, '密码')).toEqual(['zh-2']);
	});

	it('does not find a Chinese word whose characters only partly occur', () => {
		expect(idsFor(index, '住宿')).toEqual([]);
	});

	it('searches translations as well as what the person wrote', () => {
		expect(idsFor(index, 'famille')).toEqual(['ar-1']);
	});

	it('completes words of three characters or more as prefixes', () => {
		expect(idsFor(index, 'réfug')).toEqual(['fr-1']);
		expect(idsFor(index, 'préf')).toEqual(['fr-1']);
		expect(idsFor(index, 'المدر')).toEqual(['ar-1']);
	});

	it('does not complete words of fewer than three characters', () => {
		expect(idsFor(index, 'pr')).toEqual([]);
	});

	it('forgives a typo in a Latin word of five letters or more, not in a shorter one', () => {
		expect(idsFor(index, 'logemant').sort()).toEqual(['ar-1', 'fr-1']);
		expect(idsFor(index, 'mios')).toEqual([]);
	});

	it('requires every word of the query', () => {
		expect(idsFor(index, 'logement famille')).toEqual(['ar-1']);
		expect(idsFor(index, 'logement préfecture')).toEqual(['fr-1']);
		expect(idsFor(index, 'famille préfecture')).toEqual([]);
	});

	it('still finds a record when a word is typed twice', () => {
		expect(idsFor(index, 'logement logement')).toEqual(expect.arrayContaining(['fr-1', 'ar-1']));
		expect(idsFor(index, 'travail travail')).toEqual([]);
	});

	it('ranks a record that uses the words more often first', () => {
		const ranked = indexOf(
			corpusRecord('once', [answer('Le logement était loin du travail et des écoles, et le bus coûtait cher chaque mois.')]),
			corpusRecord('often', [answer('Logement, logement, toujours le logement : sans logement pas de travail.')])
		);
		expect(idsFor(ranked, 'logement')).toEqual(['often', 'once']);
	});

	it('treats a query of punctuation only as no query', () => {
		expect(index.search(' ?! ', {}).total).toBe(5);
	});
});

describe('folding', () => {
	it('folds accents, dotless i, stroked letters and sharp s', () => {
		expect(foldText('İstanbul’da ılık').folded).toBe('istanbul’da ilik');
		expect(foldText('Łódź').folded).toBe('lodz');
		expect(foldText('Tiếng Việt đẹp').folded).toBe('tieng viet dep');
		expect(foldText('Straße').folded).toBe('strasse');
		expect(foldText('Niño').folded).toBe('nino');
		expect(foldText('Ελπίδα Σ').folded).toBe('ελπιδα σ');
	});

	it('unifies Arabic letter forms and digits', () => {
		expect(foldText('إِلَى مَدْرَسَة ٣').folded).toBe('الي مدرسه 3');
		expect(foldText('آمَنَ').folded).toBe('امن');
	});

	it('keeps the vowel signs of scripts that spell with them', () => {
		expect(foldText('काम').folded).toBe('काम');
		expect(foldText('เงิน').folded).toBe('เงิน');
	});

	it('maps every folded unit back to the code point it came from', () => {
		const { folded, origins } = foldText('😀é');
		expect(folded).toBe('😀e');
		expect(Array.from(origins)).toEqual([0, 0, 1, 2]);
	});
});

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
			[answer('Nobody explained my rights.', { domain: 'rights' }), answer('The rent is too high.', { domain: 'housing' })],
			{ month: '2025-03', channelId: 'channel-milan', country: 'IT', locale: 'en', sessionId: 'session-2', consentToQuote: true }
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
		coded.setCodings([coding('a', 'coder-me'), coding('b', 'coder-other'), coding('c', 'coder-me'), coding('c', 'coder-other')]);

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
	const text = 'Au début je dormais chez une amie, puis la mairie m’a trouvé une place dans un foyer pour femmes seules.';
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
