import { describe, expect, it } from 'vitest';
import { TOKEN } from './folding';
import { TokenTable } from './token-table';

/** The words the table finds in `text`, as strings, numbered in the order first met. */
function wordsFound(table: TokenTable, text: string, names: string[]): string[] {
	const count = table.lookUp(text, (word) => names.push(word) - 1);
	return Array.from(table.found.subarray(0, count), (value) => names[value]);
}

/** Texts built from pieces that sit on the edges of the word rules, in random order. */
const PIECES = [
	'a',
	'Zé',
	' ',
	',',
	'-',
	'\u2019',
	'\n',
	'٣',
	'مكتب',
	'\u064e', // Arabic fatha, a mark
	'\u0640', // tatweel, a letter-like mark of Arabic writing
	'می\u200cخواهم', // Persian with a zero-width non-joiner inside the word
	'\u200d',
	'ትምህርት',
	'ዓ',
	'中文',
	'ภาษา',
	'😢',
	'🙏🏽',
	'👩\u200d👧',
	'\u2764\ufe0f', // a heart of the basic plane with its variation selector
	'©',
	'𝐀', // a letter beyond the basic plane
	'𐐷', // Deseret, a letter beyond the basic plane
	'\ud83d', // a lone high surrogate
	'\ude00', // a lone low surrogate
	'\u0301', // a combining accent on its own
	'½',
	'\u00a0'
];

function randomText(random: () => number): string {
	let text = '';
	const pieces = 1 + Math.floor(random() * 12);
	for (let index = 0; index < pieces; index++) text += PIECES[Math.floor(random() * PIECES.length)];
	return text;
}

/** A small seeded generator (mulberry32), so that a failure can be run again. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

describe('the token table', () => {
	it('finds the words the TOKEN pattern finds, in 20,000 texts on the edges of the rules', () => {
		const random = seeded(20261203);
		const table = new TokenTable();
		const names: string[] = [];
		for (let round = 0; round < 20_000; round++) {
			const text = randomText(random);
			expect(wordsFound(table, text, names), JSON.stringify(text)).toEqual(text.match(TOKEN) ?? []);
		}
	});

	it('gives a word met again the number it was given the first time, and asks only once', () => {
		const table = new TokenTable();
		const asked: string[] = [];
		const remember = (word: string) => asked.push(word) * 10;
		const count = table.lookUp('réfugiée Réfugiée réfugiée 😢 😢', remember);
		expect(Array.from(table.found.subarray(0, count))).toEqual([10, 20, 10, 30, 30]);
		expect(asked).toEqual(['réfugiée', 'Réfugiée', '😢']);
	});

	it('keeps every word apart as it grows to thousands of words, and starts over when cleared', () => {
		const table = new TokenTable();
		const words = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}`);
		const text = words.join(' ');
		const count = table.lookUp(text, (word) => Number.parseInt(word.slice(1), 36));
		expect(count).toBe(5000);
		expect(table.size).toBe(5000);
		const again = table.lookUp(text, () => {
			throw new Error('every word was met before');
		});
		expect(Array.from(table.found.subarray(0, again))).toEqual(words.map((_, index) => index));
		table.clear();
		expect(table.size).toBe(0);
		const asked: string[] = [];
		table.lookUp('w1 w1', (word) => asked.push(word));
		expect(asked).toEqual(['w1']);
	});

	it('finds nothing in a text without words', () => {
		const table = new TokenTable();
		expect(table.lookUp(' ,.; \u200b\ud83d', () => 0)).toBe(0);
		expect(table.lookUp('', () => 0)).toBe(0);
	});
});
