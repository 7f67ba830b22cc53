/*
 * Finding the words of a text and what each word means to the index, without making a string
 * of every word. Indexing 50,000 records meets some twelve million words, nearly all of them
 * seen before: matching them with the TOKEN regex, then hashing each new substring to look it up
 * in a Map, took most of the time of opening a corpus. Here the words are found by walking the
 * text's code units once, hashing as it goes, and the table compares a candidate with the text in
 * place; a string is made only for a word the table has not met yet.
 *
 * `forEachWord` finds exactly the words TOKEN finds (a unit test holds the two together): runs of
 * letters, marks, digits and zero-width joiners, and each pictographic character on its own.
 */

const OTHER = 0;
const WORD = 1;
const PICTOGRAPH = 2;
/** Half of a character beyond the basic plane: what it is depends on the other half. */
const SURROGATE = 3;

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

function classify(character: string): number {
	if (WORD_CHARACTER.test(character)) return WORD;
	return PICTOGRAPHIC.test(character) ? PICTOGRAPH : OTHER;
}

let basicClasses: Uint8Array | null = null;

/** The class of every code unit, worked out once (a few milliseconds). */
function classesOfBasicPlane(): Uint8Array {
	if (basicClasses) return basicClasses;
	const classes = new Uint8Array(0x10000);
	for (let unit = 0; unit < 0x10000; unit++) {
		classes[unit] = unit >= 0xd800 && unit <= 0xdfff ? SURROGATE : classify(String.fromCharCode(unit));
	}
	return (basicClasses = classes);
}

/** The class of each code point beyond the basic plane met so far. */
const astralClasses = new Map<number, number>();

/**
 * The class of the character at `at`, which starts with a surrogate, and its length in code units
 * (`kind | units << 2`).
 */
function surrogateAt(text: string, at: number): number {
	const unit = text.charCodeAt(at);
	if (unit <= 0xdbff && at + 1 < text.length) {
		const next = text.charCodeAt(at + 1);
		if (next >= 0xdc00 && next <= 0xdfff) {
			const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
			let kind = astralClasses.get(codePoint);
			if (kind === undefined) astralClasses.set(codePoint, (kind = classify(String.fromCodePoint(codePoint))));
			return kind | (2 << 2);
		}
	}
	// A lone surrogate is a character of its own and never part of a word, as for the regex.
	return OTHER | (1 << 2);
}

/** FNV-1a over code units, cut to 30 bits so that V8 keeps it a small integer. */
const HASH_START = 0x811c9dc5 & 0x3fffffff;
const SMALL = 0x3fffffff;

/** What a table answers for a word it does not hold; a small integer, like every value. */
export const MISSING = -0x40000000;

/**
 * Words with a number each (for the index, the word's terms). Values must be small integers
 * (31 bits), which V8 stores without making an object.
 */
export class TokenTable {
	#capacity = 1 << 12;
	#hashes = new Int32Array(this.#capacity);
	#values = new Int32Array(this.#capacity);
	#keys: Array<string | undefined> = new Array(this.#capacity);
	#size = 0;

	get size(): number {
		return this.#size;
	}

	clear(): void {
		this.#keys = new Array(this.#capacity);
		this.#size = 0;
	}

	/** The numbers of the words `lookUp` found last, from 0 to what it returned. */
	found = new Int32Array(1024);

	/**
	 * Puts the number of each word of `text`, in turn, into `found`, and returns how many words
	 * there are. A word not met before is given the number `remember` returns for it.
	 */
	lookUp(text: string, remember: (word: string) => number): number {
		const classes = classesOfBasicPlane();
		const length = text.length;
		// A text has at most one word per code unit and one more.
		if (this.found.length <= length) this.found = new Int32Array(2 * length + 1);
		const found = this.found;
		let count = 0;
		let at = 0;
		while (at < length) {
			let unit = text.charCodeAt(at);
			let kind = classes[unit];
			let units = 1;
			if (kind === SURROGATE) {
				const character = surrogateAt(text, at);
				kind = character & 3;
				units = character >> 2;
			}
			if (kind === OTHER) {
				at += units;
				continue;
			}
			const start = at;
			let hash = HASH_START;
			for (let index = 0; index < units; index++) hash = Math.imul(hash ^ text.charCodeAt(at + index), 0x01000193);
			at += units;
			if (kind === WORD) {
				while (at < length) {
					unit = text.charCodeAt(at);
					kind = classes[unit];
					// The common case: a letter of the basic plane.
					if (kind === WORD) {
						hash = Math.imul(hash ^ unit, 0x01000193);
						at++;
						continue;
					}
					if (kind !== SURROGATE) break;
					const character = surrogateAt(text, at);
					if ((character & 3) !== WORD) break;
					hash = Math.imul(hash ^ unit, 0x01000193);
					hash = Math.imul(hash ^ text.charCodeAt(at + 1), 0x01000193);
					at += 2;
				}
			}
			hash &= SMALL;
			let value = this.#find(text, start, at, hash);
			if (value === MISSING) {
				const word = text.slice(start, at);
				value = remember(word);
				this.#insert(word, hash, value);
			}
			found[count++] = value;
		}
		return count;
	}

	/** The word's number, or MISSING. */
	#find(text: string, start: number, end: number, hash: number): number {
		const mask = this.#capacity - 1;
		const keys = this.#keys;
		const hashes = this.#hashes;
		const units = end - start;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const key = keys[slot];
			if (key === undefined) return MISSING;
			if (hashes[slot] === hash && key.length === units) {
				let same = true;
				for (let index = 0; index < units && same; index++)
					same = key.charCodeAt(index) === text.charCodeAt(start + index);
				if (same) return this.#values[slot];
			}
		}
	}

	/** Adds a word not in the table. */
	#insert(word: string, hash: number, value: number): void {
		const mask = this.#capacity - 1;
		let slot = hash & mask;
		while (this.#keys[slot] !== undefined) slot = (slot + 1) & mask;
		this.#keys[slot] = word;
		this.#hashes[slot] = hash;
		this.#values[slot] = value;
		if (++this.#size * 2 > this.#capacity) this.#grow();
	}

	#grow(): void {
		const keys = this.#keys;
		const hashes = this.#hashes;
		const values = this.#values;
		this.#capacity *= 2;
		this.#keys = new Array(this.#capacity);
		this.#hashes = new Int32Array(this.#capacity);
		this.#values = new Int32Array(this.#capacity);
		this.#size = 0;
		for (let slot = 0; slot < keys.length; slot++) {
			if (keys[slot] !== undefined) this.#insert(keys[slot]!, hashes[slot], values[slot]);
		}
	}
}
