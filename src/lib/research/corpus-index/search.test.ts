import { describe, expect, it } from 'vitest';
import { foldText } from '.';
import { answer, corpusRecord, idsFor, indexOf } from './testing';

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
	const persian = corpusRecord('fa-1', [answer('براي پيدا كردن كار به زبان نياز دارم و زندگي سخت است')], {
		locale: 'fa-AF'
	});
	const tigrinya = corpusRecord('ti-1', [answer('ስራ ክረክብ ኣይከኣልኩን፡ ቋንቋ ክመሃር እደሊ።', { domain: 'work' })], {
		locale: 'ti'
	});
	const chinese = corpusRecord('zh-1', [answer('我在这个城市找不到住房和工作，语言课也太少了。', { domain: 'work' })], {
		locale: 'zh'
	});
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
			corpusRecord('once', [
				answer('Le logement était loin du travail et des écoles, et le bus coûtait cher chaque mois.')
			]),
			corpusRecord('often', [answer('Logement, logement, toujours le logement : sans logement pas de travail.')])
		);
		expect(idsFor(ranked, 'logement')).toEqual(['often', 'once']);
	});

	it('matches nothing for a query of punctuation only, and says there was nothing to search', () => {
		expect(index.search(' ?! ', {})).toEqual({ ids: [], total: 0, nothingToSearch: true });
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

describe('an index given back its room for growing', () => {
	it('finds the same records after compacting, and takes more records after', () => {
		const index = indexOf(corpusRecord('one', [answer('Le foyer est loin de la gare.')]));
		index.compact();
		expect(idsFor(index, 'foyer')).toEqual(['one']);
		index.add([corpusRecord('two', [answer('Un autre foyer, près du marché.')])]);
		expect(idsFor(index, 'foyer').sort()).toEqual(['one', 'two']);
		expect(idsFor(index, 'marche')).toEqual(['two']);
	});
});
