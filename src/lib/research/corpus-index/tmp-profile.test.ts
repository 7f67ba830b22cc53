import { it } from 'vitest';
import { CorpusIndex } from '.';
import { answer, corpusRecord } from './testing';

const SENTENCES = [
	'The housing office sends letters I cannot read, and the waiting list for a flat is two years long.',
	'Le cours de français du soir est loin du foyer et je rentre tard, seule, en bus.',
	'لا أحد في مكتب العمل يشرح لي الاستمارات، وأخاف أن أخسر المساعدة.',
	'My permit renewal took eight months; without it the bank closed my account.'
];
const WORDS = Array.from({ length: 4000 }, (_, index) => {
	const syllables = ['ka', 'lo', 'mi', 'ré', 'su', 'ta', 'ne', 'vo', 'zi', 'du', 'pa', 'ché'];
	let word = '';
	for (let value = index + 7; value > 0; value = Math.floor(value / 12)) word += syllables[value % 12];
	return word;
});
function answerText(seed: number): string {
	let text = `${SENTENCES[seed % SENTENCES.length]} `;
	for (let index = seed * 31; text.length < 480; index += 17) text += `${WORDS[(index * 2654435761) % WORDS.length]} `;
	return text.trim();
}
it('profiles', () => {
	const records = Array.from({ length: 10000 }, (_, i) =>
		corpusRecord(
			`r${i}`,
			[0, 1, 2, 3].map((a) => answer(answerText(i + a)))
		)
	);
	const json = records.map((r) => JSON.stringify(r));
	let t = performance.now();
	const parsed = json.map((j) => JSON.parse(j));
	console.log('parse', performance.now() - t);
	for (let round = 0; round < 3; round++) {
		const index = new CorpusIndex();
		t = performance.now();
		for (let b = 0; b < parsed.length; b += 500) index.add(parsed.slice(b, b + 500));
		console.log('index', performance.now() - t);
		t = performance.now();
		for (const q of ['interpreter', 'francais', 'kalo', 'permit renewal']) index.search(q);
		console.log('4 searches', performance.now() - t);
	}
});
