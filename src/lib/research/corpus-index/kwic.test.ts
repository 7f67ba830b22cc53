import { describe, expect, it } from 'vitest';
import { codingSpan, joinedHits, passages } from './kwic';
import { answer, corpusRecord, idsFor, indexOf } from './testing';

const marked = (parts: Array<{ text: string; hit: boolean }>) =>
	parts.map((part) => (part.hit ? `[${part.text}]` : part.text)).join('');

describe('keyword in context', () => {
	const text =
		'The housing office sends letters I cannot read. My permit renewal took eight months, ' +
		'and without a permit the bank closed my account. Later the office sent another letter.';
	const index = indexOf(
		corpusRecord('r1', [answer(text), answer('Nothing about papers here.', { domain: 'work' })]),
		corpusRecord('r2', [answer('Ни одного слова о разрешении.')], { locale: 'ru' })
	);

	it('shows each hit inside the text around it, marked, with ellipses where text was cut', () => {
		const [hits] = index.hits(['r1'], 'bank');
		expect(hits.hits).toBe(1);
		expect(hits.passages).toHaveLength(1);
		const [passage] = hits.passages;
		expect(passage.field).toBe('0.text');
		expect(marked(passage.parts)).toBe(
			'permit renewal took eight months, and without a permit the [bank] closed my account. Later the office sent another letter.'
		);
		expect(passage.truncatedBefore).toBe(true);
		expect(passage.truncatedAfter).toBe(false);
	});

	it('counts several hits in a record and shares a passage between hits close together', () => {
		const [hits] = index.hits(['r1'], 'permit', 3, 30);
		expect(hits.hits).toBe(2);
		expect(hits.passages.map((passage) => marked(passage.parts))).toEqual([
			'letters I cannot read. My [permit] renewal took eight months, and without a [permit] the bank closed my account.'
		]);
		expect(index.hits(['r1'], 'permit', 3, 10)[0].passages).toHaveLength(2);
	});

	it('keeps passages apart when their hits are far from each other, up to the number asked for', () => {
		const [hits] = index.hits(['r1'], 'office', 3, 10);
		expect(hits.hits).toBe(2);
		expect(hits.passages.map((passage) => marked(passage.parts))).toEqual([
			'housing [office] sends',
			'Later the [office] sent'
		]);
		expect(index.hits(['r1'], 'office', 1, 10)[0].passages).toHaveLength(1);
	});

	it('marks a phrase typed as the query as one hit', () => {
		const [hits] = index.hits(['r1'], 'permit renewal', 3, 10);
		expect(hits.passages.map((passage) => marked(passage.parts))[0]).toContain('[permit renewal]');
		expect(
			joinedHits('a, b', [
				{ start: 0, end: 1 },
				{ start: 3, end: 4 }
			])
		).toEqual([{ start: 0, end: 4 }]);
		expect(
			joinedHits('a x b', [
				{ start: 0, end: 1 },
				{ start: 4, end: 5 }
			])
		).toHaveLength(2);
	});

	it('marks hits by code point, so emoji before a hit do not shift it', () => {
		const emoji = indexOf(corpusRecord('e1', [answer('😢😢 the landlord 🙏🏽 kept my passport')]));
		const [hits] = emoji.hits(['e1'], 'passport');
		expect(marked(hits.passages[0].parts)).toBe('😢😢 the landlord 🙏🏽 kept my [passport]');
		expect(passages('ab 😢 cd', [{ start: 3, end: 4 }])[0].parts).toEqual([
			{ text: 'ab ', hit: false },
			{ text: '😢', hit: true },
			{ text: ' cd', hit: false }
		]);
	});

	it('lists a record without hits with none, and skips records it does not hold', () => {
		expect(index.hits(['r2', 'missing'], 'permit')).toEqual([{ recordId: 'r2', hits: 0, passages: [] }]);
	});
});

describe('emoji and punctuation in a query', () => {
	const index = indexOf(
		corpusRecord('cry', [answer('They took my phone 😢 and I could not call anyone.')]),
		corpusRecord('pray', [answer('I prayed every night 🙏🏽 that my son was safe.')]),
		corpusRecord('plain', [answer('No emoji in this one, only words.')])
	);

	it('finds the records holding an emoji, not every record', () => {
		expect(idsFor(index, '😢')).toEqual(['cry']);
		expect(idsFor(index, '🙏')).toEqual(['pray']);
		expect(idsFor(index, '🙏🏽')).toEqual(['pray']);
		expect(idsFor(index, '🚀')).toEqual([]);
	});

	it('matches nothing, and says so, for a query with nothing to search', () => {
		expect(index.search('?!…')).toEqual({ ids: [], total: 0, nothingToSearch: true });
		expect(index.search('  ').total).toBe(3);
	});
});

describe('the span coding a hit covers', () => {
	const text = 'First we slept in a car. Then the owner took our passports! We left at night.';
	const passport = { start: 49, end: 58 };

	it('is the hit, its sentence or the whole answer', () => {
		expect(Array.from(text).slice(passport.start, passport.end).join('')).toBe('passports');
		expect(codingSpan(text, passport, 'hit')).toEqual(passport);
		const sentence = codingSpan(text, passport, 'sentence');
		expect(Array.from(text).slice(sentence.start, sentence.end).join('')).toBe('Then the owner took our passports!');
		expect(codingSpan(`  ${text}\n`, { start: 51, end: 60 }, 'answer')).toEqual({ start: 2, end: 2 + text.length });
	});

	it('counts sentences in code points when emoji come first', () => {
		const withEmoji = '😢 We waited. The owner took our passports.';
		const sentence = codingSpan(withEmoji, { start: 32, end: 41 }, 'sentence');
		expect(Array.from(withEmoji).slice(sentence.start, sentence.end).join('')).toBe('The owner took our passports.');
	});

	it('lists each hit once per span, so two hits in one sentence are coded once by sentence', () => {
		const index = indexOf(corpusRecord('r1', [answer('The permit, the permit again. Nothing else.')]));
		expect(index.hitList(['r1'], 'permit', 'hit').total).toBe(2);
		const bySentence = index.hitList(['r1'], 'permit', 'sentence');
		expect(bySentence.total).toBe(1);
		expect(bySentence.hits[0].span).toEqual({ start: 0, end: 29 });
		expect(index.hitList(['r1'], 'permit', 'hit', 1)).toMatchObject({
			total: 2,
			hits: [{ hit: { start: 4, end: 10 } }]
		});
	});
});
