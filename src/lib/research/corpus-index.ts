/**
 * The researcher's in-memory index of the decrypted corpus: full-text search across scripts,
 * filters, facet counts and highlight ranges. It runs in the crypto worker; nothing it holds
 * leaves the researcher's browser.
 *
 * A record is one search document: all of its texts count together, so results are records
 * ranked by BM25, and the records themselves stay in a Map. MiniSearch's radix tree holds the
 * vocabulary for prefix and fuzzy lookups; term counts live in flat typed arrays instead of
 * MiniSearch's per-term maps, which took several seconds and hundreds of megabytes for ten
 * thousand records. Highlights come from `matches`, which scans the one record being shown.
 *
 * Scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) have no word
 * boundaries a regex can find, so every run of them is indexed as its single characters and its
 * overlapping character bigrams. A query run of two or more characters becomes its bigrams, all
 * of which a record must contain; a one-character query looks up the single character.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { ANSWER_TEXT_KINDS, fieldAddress, fieldText, type Coding, type CorpusRecord, type FieldAddress } from './types';
import { codePointLength } from './offsets';

export class CorpusFilterError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CorpusFilterError';
	}
}

export type CodedFilter = {
	by: 'me' | 'anyone';
	state: 'coded' | 'uncoded';
	/** The signed-in researcher's coder id; required when `by` is `'me'`. */
	coderId?: string;
};

/** Every constraint is optional; an empty list constrains nothing, like an untouched dropdown. */
export type CorpusFilter = {
	channelIds?: string[];
	countries?: string[];
	locales?: string[];
	sessionIds?: string[];
	/** `YYYY-MM` */
	months?: string[];
	/** `YYYY-MM`, inclusive. */
	monthFrom?: string;
	/** `YYYY-MM`, inclusive. */
	monthTo?: string;
	/** A record matches when any of its answers has one of these question domains. */
	domains?: string[];
	consentToQuote?: boolean;
	/** True for records said by a group at a facilitated session. */
	group?: boolean;
	coded?: CodedFilter;
};

export type SearchPage = { offset?: number; limit?: number };

/** `total` counts every record that matched; `ids` is the requested page of them. */
export type CorpusSearchResult = { ids: string[]; total: number };

export type FacetCount = { value: string; count: number };

export type CorpusFacets = {
	channels: FacetCount[];
	countries: FacetCount[];
	locales: FacetCount[];
	sessions: FacetCount[];
	/** Newest first; the other facets are sorted by value. */
	months: FacetCount[];
	domains: FacetCount[];
};

/** Code points of the original text, end exclusive, like a `Coding`. */
export type CodePointRange = { start: number; end: number };

export type FieldMatches = { field: FieldAddress; ranges: CodePointRange[] };

export type Excerpt = {
	before: string;
	match: string;
	after: string;
	/** True when text was cut off before `before` (show an ellipsis). */
	truncatedBefore: boolean;
	truncatedAfter: boolean;
};

/** Folded text with, for each of its UTF-16 units, the code point of the original it came from. */
export type FoldedText = {
	folded: string;
	/** `origins[i]` for folded unit i; `origins[folded.length]` is the original's code-point length. */
	origins: Int32Array;
};

const TOKEN = /[\p{L}\p{M}\p{N}\u200c\u200d]+/gu;
const TOKEN_CHARACTER = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;
const NOT_TOKEN_CHARACTER = /[^\p{L}\p{M}\p{N}]/gu;
const NO_SPACE_CHARACTER = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const LATIN_WORD = /^\p{Script=Latin}+$/u;
const SPACE = /^\s$/u;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Marks that decorate a letter rather than spell one: Latin, Greek and Cyrillic accents, Hebrew
 * points, Arabic harakat, superscript alef and Quranic signs, plus tatweel, the zero-width
 * joiners Persian writes inside words and the variation selectors that follow emoji. Vowel signs
 * of Indic scripts, Thai or Ethiopic are left alone: dropping them would merge different words.
 */
const DECORATIVE_MARKS =
	// eslint-disable-next-line no-misleading-character-class -- each mark on its own, to be dropped one by one
	/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u200c\u200d\ufe00-\ufe0f]/g;

/** Letters NFKD leaves whole but a searcher types without their stroke, or types another way. */
const LETTER_EQUIVALENTS: Record<string, string> = {
	ı: 'i',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	ø: 'o',
	ħ: 'h',
	ŧ: 't',
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	þ: 'th',
	ς: 'σ',
	'\u0671': '\u0627', // alef wasla → alef
	'\u0649': '\u064a', // alef maqsura → ya
	'\u06cc': '\u064a', // Persian ye → Arabic ya
	'\u0629': '\u0647', // ta marbuta → ha
	'\u06a9': '\u0643' // Persian keheh → Arabic kaf
};
for (let digit = 0; digit < 10; digit++) {
	LETTER_EQUIVALENTS[String.fromCharCode(0x0660 + digit)] = String(digit);
	LETTER_EQUIVALENTS[String.fromCharCode(0x06f0 + digit)] = String(digit);
}

const foldedCharacters = new Map<string, string>();

/**
 * One code point folded for search; characters that cannot be part of a word come back as they
 * are so that folded text keeps its word boundaries. Folding per code point (rather than per
 * string) is what lets `foldText` know where every folded unit came from.
 */
function foldCharacter(character: string): string {
	const cached = foldedCharacters.get(character);
	if (cached !== undefined) return cached;
	let folded = character;
	if (TOKEN_CHARACTER.test(character)) {
		const bare = character.normalize('NFKD').toLocaleLowerCase('und').replace(DECORATIVE_MARKS, '');
		let mapped = '';
		for (const part of bare) mapped += LETTER_EQUIVALENTS[part] ?? part;
		// NFC puts back what NFKD split but we keep: Hangul syllables, kana voicing marks.
		folded = mapped.normalize('NFC').replace(NOT_TOKEN_CHARACTER, '');
	}
	foldedCharacters.set(character, folded);
	return folded;
}

function foldWord(word: string): string {
	let ascii = true;
	for (let i = 0; i < word.length && ascii; i++) ascii = word.charCodeAt(i) < 0x80;
	if (ascii) return word.toLowerCase();
	let folded = '';
	for (const character of word) folded += foldCharacter(character);
	return folded;
}

/** Text folded for search (case, accents, Arabic and Persian letter variants), with its origin map. */
export function foldText(text: string): FoldedText {
	const parts: string[] = [];
	const origins: number[] = [];
	let codePoint = 0;
	for (const character of text) {
		const folded = foldCharacter(character);
		for (let unit = 0; unit < folded.length; unit++) origins.push(codePoint);
		parts.push(folded);
		codePoint++;
	}
	origins.push(codePoint);
	return { folded: parts.join(''), origins: Int32Array.from(origins) };
}

type Segment = { text: string; start: number; noSpace: boolean };

/** Splits a folded word into runs of spaced and unspaced scripts ("wifi密码" → "wifi", "密码"). */
function segments(word: string): Segment[] {
	if (!NO_SPACE_CHARACTER.test(word)) return [{ text: word, start: 0, noSpace: false }];
	const runs: Segment[] = [];
	let index = 0;
	for (const character of word) {
		const noSpace = NO_SPACE_CHARACTER.test(character);
		const last = runs[runs.length - 1];
		if (last && last.noSpace === noSpace) last.text += character;
		else runs.push({ text: character, start: index, noSpace });
		index += character.length;
	}
	return runs;
}

function bigrams(run: string): string[] {
	const characters = Array.from(run);
	if (characters.length < 2) return characters;
	const grams: string[] = [];
	for (let i = 0; i + 1 < characters.length; i++) grams.push(characters[i] + characters[i + 1]);
	return grams;
}

type QueryWord = { kind: 'word'; term: string; prefix: boolean; maxEdits: number } | { kind: 'grams'; grams: string[] };

function allowsPrefix(term: string): boolean {
	return codePointLength(term) >= 3 && !NO_SPACE_CHARACTER.test(term);
}

/** One edit per five letters (rounded), for Latin words of five letters or more only. */
function fuzzyEdits(term: string): number {
	return codePointLength(term) >= 5 && LATIN_WORD.test(term) ? Math.min(6, Math.round(term.length * 0.2)) : 0;
}

function queryWords(query: string): QueryWord[] {
	const words: QueryWord[] = [];
	for (const token of query.match(TOKEN) ?? []) {
		const folded = foldWord(token);
		if (!folded) continue;
		for (const segment of segments(folded)) {
			if (segment.noSpace) words.push({ kind: 'grams', grams: bigrams(segment.text) });
			else words.push({ kind: 'word', term: segment.text, prefix: allowsPrefix(segment.text), maxEdits: fuzzyEdits(segment.text) });
		}
	}
	return words;
}

function withinEdits(candidate: string, term: string, maxEdits: number): boolean {
	if (Math.abs(candidate.length - term.length) > maxEdits) return false;
	let previous = Array.from({ length: term.length + 1 }, (_, i) => i);
	for (let i = 1; i <= candidate.length; i++) {
		const current = [i];
		let rowMinimum = i;
		for (let j = 1; j <= term.length; j++) {
			const substitution = previous[j - 1] + (candidate[i - 1] === term[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
			rowMinimum = Math.min(rowMinimum, current[j]);
		}
		if (rowMinimum > maxEdits) return false;
		previous = current;
	}
	return previous[term.length] <= maxEdits;
}

/** Ranges of folded `text` (UTF-16, end exclusive) where query words occur, sorted and merged. */
function foldedMatches(folded: string, words: QueryWord[]): Array<[number, number]> {
	const found: Array<[number, number]> = [];
	for (const token of folded.matchAll(TOKEN)) {
		for (const segment of segments(token[0])) {
			const base = token.index + segment.start;
			for (const word of words) {
				if (word.kind === 'grams') {
					if (!segment.noSpace) continue;
					for (const gram of word.grams) {
						for (let at = segment.text.indexOf(gram); at >= 0; at = segment.text.indexOf(gram, at + 1)) {
							found.push([base + at, base + at + gram.length]);
						}
					}
				} else if (
					!segment.noSpace &&
					(segment.text === word.term ||
						(word.prefix && segment.text.startsWith(word.term)) ||
						(word.maxEdits > 0 && withinEdits(segment.text, word.term, word.maxEdits)))
				) {
					found.push([base, base + segment.text.length]);
				}
			}
		}
	}
	found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const merged: Array<[number, number]> = [];
	for (const range of found) {
		const last = merged[merged.length - 1];
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([range[0], range[1]]);
	}
	return merged;
}

/** Maps a folded range back to the original, taking in marks that folding dropped after it. */
function originalRange({ origins }: FoldedText, start: number, end: number): CodePointRange {
	const last = origins[end - 1];
	return { start: origins[start], end: Math.max(origins[end], last + 1) };
}

function compareStable(a: CorpusRecord, b: CorpusRecord): number {
	if (a.month !== b.month) return a.month < b.month ? 1 : -1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A translation identical to its source is indexed once, so that it does not count twice. */
function searchableTexts(record: CorpusRecord): Set<string> {
	const texts = new Set<string>();
	for (const answer of record.answers) {
		for (const kind of ANSWER_TEXT_KINDS) if (answer[kind]) texts.add(answer[kind]);
	}
	return texts;
}

function nonEmptySet(values: string[] | undefined): Set<string> | null {
	return values && values.length > 0 ? new Set(values) : null;
}

function checkMonth(month: string | undefined, name: string): void {
	if (month !== undefined && !MONTH.test(month)) {
		throw new CorpusFilterError(`The filter's ${name} "${month}" is not a month written YYYY-MM, e.g. 2025-03.`);
	}
}

const TOKEN_CACHE_LIMIT = 200_000;

/** BM25 with the usual constants; the floor keeps a match in a long record above zero. */
const BM25 = { k1: 1.2, b: 0.7, floor: 0.5 } as const;

/** A token's terms, packed in one number: a term id, `NO_TERMS`, or `-2 - i` for `termLists[i]`. */
const NO_TERMS = -1;

/** No clause of the current query uses this term; `SHARED_TERM` means more than one does. */
const UNUSED_TERM = -1;
const SHARED_TERM = -2;

/** One thing a record must contain to match: a query word (with its completions and near spellings) or one bigram. */
type Clause = Array<{ term: number; weight: number }>;

function grown(array: Int32Array, least: number, fill = 0): Int32Array {
	let length = array.length;
	while (length < least) length *= 2;
	if (length === array.length) return array;
	const copy = new Int32Array(length);
	if (fill !== 0) copy.fill(fill, array.length);
	copy.set(array);
	return copy;
}

/**
 * Term counts per record slot, for BM25. Each slot's (term, count) pairs go one after another
 * into a single array, and a search reads that array once from start to end. There is no
 * inverted index: writing ten thousand records' terms into per-term lists scatters writes across
 * memory and cost more than the one sequential pass a search needs (a few milliseconds).
 * A slot whose record was replaced is retired: its pairs stay but no longer count.
 */
class TermIndex {
	readonly #termIds = new Map<string, number>();
	/** Term ids by term in a radix tree, for prefix and fuzzy lookups. */
	readonly #vocabulary = new SearchableMap<number>();
	/** Folding the same word thousands of times would be most of the cost of indexing. */
	readonly #tokenTerms = new Map<string, number>();
	readonly #termLists: number[][] = [];
	/** term, count, term, count… for every slot in turn. */
	#pairs: Int32Array = new Int32Array(1 << 16);
	#pairsEnd = 0;
	readonly #slotStarts: number[] = [];
	/** Terms per slot, or -1 once the slot is retired. */
	readonly #slotLengths: number[] = [];
	#documentFrequency: Int32Array = new Int32Array(4096);
	#liveSlots = 0;
	#liveLength = 0;
	/** Scratch while counting one slot's terms: the slot each term was last seen in, and how often. */
	#lastSlot: Int32Array = new Int32Array(4096).fill(-1);
	#countInSlot: Int32Array = new Int32Array(4096);
	/** Scratch while scoring: which clause uses each term, and the term's weight times its IDF. */
	#termClause: Int32Array = new Int32Array(4096).fill(UNUSED_TERM);
	#termWeight = new Float64Array(4096);

	get slotCount(): number {
		return this.#slotLengths.length;
	}

	/** Indexes texts under a new slot and returns it. */
	addSlot(texts: Iterable<string>): number {
		const slot = this.#slotLengths.length;
		const seen: number[] = [];
		let length = 0;
		let lastSlot = this.#lastSlot;
		let countInSlot = this.#countInSlot;
		const see = (term: number) => {
			if (lastSlot[term] === slot) {
				countInSlot[term]++;
			} else {
				lastSlot[term] = slot;
				countInSlot[term] = 1;
				seen.push(term);
			}
		};
		for (const text of texts) {
			for (const token of text.match(TOKEN) ?? []) {
				let terms = this.#tokenTerms.get(token);
				if (terms === undefined) {
					terms = this.#remember(token);
					// Remembering a token may have made room for new terms.
					lastSlot = this.#lastSlot;
					countInSlot = this.#countInSlot;
				}
				if (terms >= 0) {
					see(terms);
					length++;
				} else if (terms !== NO_TERMS) {
					const list = this.#termLists[-2 - terms];
					for (const term of list) see(term);
					length += list.length;
				}
			}
		}
		this.#pairs = grown(this.#pairs, this.#pairsEnd + 2 * seen.length);
		const pairs = this.#pairs;
		const documentFrequency = this.#documentFrequency;
		let at = this.#pairsEnd;
		for (const term of seen) {
			pairs[at++] = term;
			pairs[at++] = countInSlot[term];
			documentFrequency[term]++;
		}
		this.#slotStarts.push(this.#pairsEnd);
		this.#pairsEnd = at;
		this.#slotLengths.push(length);
		this.#liveSlots++;
		this.#liveLength += length;
		return slot;
	}

	retire(slot: number): void {
		if (this.#slotLengths[slot] < 0) return;
		const end = slot + 1 < this.#slotStarts.length ? this.#slotStarts[slot + 1] : this.#pairsEnd;
		for (let at = this.#slotStarts[slot]; at < end; at += 2) this.#documentFrequency[this.#pairs[at]]--;
		this.#liveSlots--;
		this.#liveLength -= this.#slotLengths[slot];
		this.#slotLengths[slot] = -1;
	}

	/** Scores by slot; a slot scores above zero only when it satisfied every clause of the query. */
	score(words: QueryWord[]): Float64Array {
		const scores = new Float64Array(this.slotCount);
		const clauses = this.#clauses(words);
		if (clauses.some((clause) => clause.length === 0)) return scores;
		const termClause = this.#termClause;
		const termWeight = this.#termWeight;
		/** Terms used by more than one clause (a word typed twice, a completion of two words). */
		const shared = new Map<number, Array<{ clause: number; weight: number }>>();
		clauses.forEach((clause, index) => {
			for (const { term, weight } of clause) {
				const idfWeight = weight * this.#idf(term);
				if (termClause[term] === UNUSED_TERM) {
					termClause[term] = index;
					termWeight[term] = idfWeight;
				} else {
					if (termClause[term] !== SHARED_TERM) {
						shared.set(term, [{ clause: termClause[term], weight: termWeight[term] }]);
						termClause[term] = SHARED_TERM;
					}
					shared.get(term)?.push({ clause: index, weight: idfWeight });
				}
			}
		});
		const clauseScores = new Float64Array(clauses.length);
		const averageLength = this.#liveLength / Math.max(1, this.#liveSlots) || 1;
		const pairs = this.#pairs;
		for (let slot = 0; slot < this.slotCount; slot++) {
			const length = this.#slotLengths[slot];
			if (length < 0) continue;
			const end = slot + 1 < this.#slotStarts.length ? this.#slotStarts[slot + 1] : this.#pairsEnd;
			const norm = BM25.k1 * (1 - BM25.b + (BM25.b * length) / averageLength);
			let matched = false;
			for (let at = this.#slotStarts[slot]; at < end; at += 2) {
				const term = pairs[at];
				const clause = termClause[term];
				if (clause === UNUSED_TERM) continue;
				const count = pairs[at + 1];
				const frequency = BM25.floor + (count * (BM25.k1 + 1)) / (count + norm);
				if (clause === SHARED_TERM) {
					for (const use of shared.get(term) ?? []) clauseScores[use.clause] += use.weight * frequency;
				} else {
					clauseScores[clause] += termWeight[term] * frequency;
				}
				matched = true;
			}
			if (!matched) continue;
			let total = 0;
			for (let clause = 0; clause < clauseScores.length; clause++) {
				total = clauseScores[clause] > 0 && total >= 0 ? total + clauseScores[clause] : -1;
				clauseScores[clause] = 0;
			}
			if (total > 0) scores[slot] = total;
		}
		for (const clause of clauses) for (const { term } of clause) termClause[term] = UNUSED_TERM;
		return scores;
	}

	#clauses(words: QueryWord[]): Clause[] {
		const clauses: Clause[] = [];
		const known = (term: string, weight: number): Clause => {
			const id = this.#termIds.get(term);
			return id === undefined ? [] : [{ term: id, weight }];
		};
		for (const word of words) {
			if (word.kind === 'grams') {
				// Every bigram of the run must occur, as every word of the query must.
				for (const gram of word.grams) clauses.push(known(gram, 1));
				continue;
			}
			const clause = known(word.term, 1);
			const completed = new Set<string>([word.term]);
			if (word.prefix) {
				for (const [term, id] of this.#vocabulary.atPrefix(word.term)) {
					if (completed.has(term)) continue;
					completed.add(term);
					// A completion that adds little to what was typed is nearly as good as the word itself.
					clause.push({ term: id, weight: (0.5 * word.term.length) / term.length });
				}
			}
			if (word.maxEdits > 0) {
				for (const [term, [id, distance]] of this.#vocabulary.fuzzyGet(word.term, word.maxEdits)) {
					if (!completed.has(term)) clause.push({ term: id, weight: 0.4 / distance });
				}
			}
			clauses.push(clause);
		}
		return clauses;
	}

	#idf(term: number): number {
		const frequency = this.#documentFrequency[term];
		return Math.log(1 + Math.max(0, this.#liveSlots - frequency + 0.5) / (frequency + 0.5));
	}

	#remember(token: string): number {
		if (this.#tokenTerms.size >= TOKEN_CACHE_LIMIT) {
			this.#tokenTerms.clear();
			this.#termLists.length = 0;
		}
		const folded = foldWord(token);
		let terms = folded ? this.#termId(folded) : NO_TERMS;
		if (folded && NO_SPACE_CHARACTER.test(folded)) {
			const list: number[] = [];
			for (const segment of segments(folded)) {
				if (!segment.noSpace) list.push(this.#termId(segment.text));
				else {
					const characters = Array.from(segment.text);
					for (const character of characters) list.push(this.#termId(character));
					if (characters.length > 1) for (const gram of bigrams(segment.text)) list.push(this.#termId(gram));
				}
			}
			this.#termLists.push(list);
			terms = -1 - this.#termLists.length;
		}
		this.#tokenTerms.set(token, terms);
		return terms;
	}

	#termId(term: string): number {
		let id = this.#termIds.get(term);
		if (id === undefined) {
			id = this.#termIds.size;
			this.#termIds.set(term, id);
			this.#vocabulary.set(term, id);
			if (id >= this.#lastSlot.length) {
				const least = id + 1;
				this.#lastSlot = grown(this.#lastSlot, least, -1);
				this.#countInSlot = grown(this.#countInSlot, least);
				this.#documentFrequency = grown(this.#documentFrequency, least);
				this.#termClause = grown(this.#termClause, least, UNUSED_TERM);
				const termWeight = new Float64Array(this.#termClause.length);
				termWeight.set(this.#termWeight);
				this.#termWeight = termWeight;
			}
		}
		return id;
	}
}

export class CorpusIndex {
	readonly #records = new Map<string, CorpusRecord>();
	/** Record id → ids of the coders who coded something in it. */
	#coders = new Map<string, Set<string>>();
	#ordered: CorpusRecord[] | null = null;
	readonly #terms = new TermIndex();
	/**
	 * Each record indexed gets a slot; a record added again gets a new slot and its old one is
	 * emptied, so nothing already counted has to be rewritten.
	 */
	readonly #slots: Array<CorpusRecord | null> = [];
	readonly #slotOf = new Map<string, number>();

	get size(): number {
		return this.#records.size;
	}

	/** Adds records as they decrypt; a record whose id is already indexed replaces the old one. */
	add(records: CorpusRecord[]): void {
		for (const record of records) {
			const previous = this.#slotOf.get(record.id);
			if (previous !== undefined) {
				this.#slots[previous] = null;
				this.#terms.retire(previous);
			}
			const slot = this.#terms.addSlot(searchableTexts(record));
			this.#slots[slot] = record;
			this.#slotOf.set(record.id, slot);
			this.#records.set(record.id, record);
		}
		this.#ordered = null;
	}

	record(id: string): CorpusRecord | undefined {
		return this.#records.get(id);
	}

	/** Every record, newest month first, then by id. */
	all(): readonly CorpusRecord[] {
		this.#ordered ??= [...this.#records.values()].sort(compareStable);
		return this.#ordered;
	}

	/** Replaces the codings the coded/uncoded filter looks at (addresses only; no text needed). */
	setCodings(codings: Coding[]): void {
		const coders = new Map<string, Set<string>>();
		for (const coding of codings) {
			let set = coders.get(coding.recordId);
			if (!set) coders.set(coding.recordId, (set = new Set()));
			set.add(coding.coderId);
		}
		this.#coders = coders;
	}

	/** Records with at least one coding by this coder, or by anyone when `coderId` is null. */
	codedRecordIds(coderId: string | null): Set<string> {
		const ids = new Set<string>();
		for (const [recordId, coders] of this.#coders) {
			if (coderId === null ? coders.size > 0 : coders.has(coderId)) ids.add(recordId);
		}
		return ids;
	}

	/**
	 * Records matching the filter and every word of the query (prefix search from three
	 * characters, one typo per five letters in Latin words), best first; without a query,
	 * newest month first.
	 */
	search(query: string, filter: CorpusFilter = {}, page: SearchPage = {}): CorpusSearchResult {
		const accepts = this.#compileFilter(filter);
		const words = queryWords(query);
		let matched: CorpusRecord[];
		if (words.length === 0) {
			matched = this.all().filter(accepts);
		} else {
			const scores = this.#terms.score(words);
			matched = [];
			const slotScores = new Map<CorpusRecord, number>();
			scores.forEach((score, slot) => {
				const record = this.#slots[slot];
				if (score > 0 && record && accepts(record)) {
					matched.push(record);
					slotScores.set(record, score);
				}
			});
			matched.sort((a, b) => (slotScores.get(b) as number) - (slotScores.get(a) as number) || compareStable(a, b));
		}
		const offset = Math.max(0, page.offset ?? 0);
		const end = page.limit === undefined ? undefined : offset + Math.max(0, page.limit);
		return { ids: matched.slice(offset, end).map((record) => record.id), total: matched.length };
	}

	/** Distinct values and how many records carry each, over `ids` or the whole corpus. */
	facets(ids?: Iterable<string>): CorpusFacets {
		const counters = {
			channels: new Map<string, number>(),
			countries: new Map<string, number>(),
			locales: new Map<string, number>(),
			sessions: new Map<string, number>(),
			months: new Map<string, number>(),
			domains: new Map<string, number>()
		};
		const count = (counter: Map<string, number>, value: string) => counter.set(value, (counter.get(value) ?? 0) + 1);
		const records = ids === undefined ? this.#records.values() : this.#existing(ids);
		for (const record of records) {
			count(counters.channels, record.channelId);
			count(counters.countries, record.country);
			count(counters.locales, record.locale);
			if (record.sessionId !== null) count(counters.sessions, record.sessionId);
			count(counters.months, record.month);
			const domains = new Set(record.answers.map((answer) => answer.domain));
			for (const domain of domains) if (domain !== null) count(counters.domains, domain);
		}
		const sorted = (counter: Map<string, number>, order: 'ascending' | 'descending' = 'ascending'): FacetCount[] => {
			const facet = [...counter].map(([value, total]) => ({ value, count: total }));
			facet.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
			return order === 'ascending' ? facet : facet.reverse();
		};
		return {
			channels: sorted(counters.channels),
			countries: sorted(counters.countries),
			locales: sorted(counters.locales),
			sessions: sorted(counters.sessions),
			months: sorted(counters.months, 'descending'),
			domains: sorted(counters.domains)
		};
	}

	/** Where the query's words occur in each field of a record, as ranges of the original text. */
	matches(recordId: string, query: string): FieldMatches[] {
		const record = this.#records.get(recordId);
		const words = queryWords(query);
		if (!record || words.length === 0) return [];
		const result: FieldMatches[] = [];
		record.answers.forEach((answer, answerIndex) => {
			for (const kind of ANSWER_TEXT_KINDS) {
				if (!answer[kind]) continue;
				const folded = foldText(answer[kind]);
				const ranges = foldedMatches(folded.folded, words).map(([start, end]) => originalRange(folded, start, end));
				if (ranges.length > 0) result.push({ field: fieldAddress(answerIndex, kind), ranges });
			}
		});
		return result;
	}

	/**
	 * The range with up to `context` code points either side, cut at a space when there is one
	 * so that no word is shown half; null when the record or field does not exist.
	 */
	excerpt(recordId: string, field: string, start: number, end: number, context = 60): Excerpt | null {
		const record = this.#records.get(recordId);
		const text = record ? fieldText(record, field) : null;
		if (text === null) return null;
		const characters = Array.from(text);
		const from = Math.min(Math.max(0, start), characters.length);
		const to = Math.min(Math.max(from, end), characters.length);
		let windowStart = Math.max(0, from - context);
		if (windowStart > 0 && !SPACE.test(characters[windowStart - 1])) {
			const space = characters.slice(windowStart, from).findIndex((character) => SPACE.test(character));
			if (space >= 0) windowStart += space + 1;
		}
		let windowEnd = Math.min(characters.length, to + context);
		if (windowEnd < characters.length && !SPACE.test(characters[windowEnd])) {
			const space = characters.slice(to, windowEnd).findLastIndex((character) => SPACE.test(character));
			if (space >= 0) windowEnd = to + space;
		}
		const truncatedBefore = windowStart > 0;
		const truncatedAfter = windowEnd < characters.length;
		const before = characters.slice(windowStart, from).join('');
		const after = characters.slice(to, windowEnd).join('');
		return {
			before: truncatedBefore ? before.trimStart() : before,
			match: characters.slice(from, to).join(''),
			after: truncatedAfter ? after.trimEnd() : after,
			truncatedBefore,
			truncatedAfter
		};
	}

	*#existing(ids: Iterable<string>): Generator<CorpusRecord> {
		const seen = new Set<string>();
		for (const id of ids) {
			const record = this.#records.get(id);
			if (record && !seen.has(id)) {
				seen.add(id);
				yield record;
			}
		}
	}

	#compileFilter(filter: CorpusFilter): (record: CorpusRecord) => boolean {
		for (const month of filter.months ?? []) checkMonth(month, 'month');
		checkMonth(filter.monthFrom, 'start month');
		checkMonth(filter.monthTo, 'end month');
		const channels = nonEmptySet(filter.channelIds);
		const countries = nonEmptySet(filter.countries);
		const locales = nonEmptySet(filter.locales);
		const sessions = nonEmptySet(filter.sessionIds);
		const months = nonEmptySet(filter.months);
		const domains = nonEmptySet(filter.domains);
		const { monthFrom, monthTo, consentToQuote, group, coded } = filter;
		let codedIds: Set<string> | null = null;
		if (coded) {
			if (coded.by === 'me' && !coded.coderId) {
				throw new CorpusFilterError('The "coded by me" filter needs the signed-in researcher\'s coder id (coded.coderId).');
			}
			codedIds = this.codedRecordIds(coded.by === 'me' ? (coded.coderId as string) : null);
		}
		return (record) =>
			(!channels || channels.has(record.channelId)) &&
			(!countries || countries.has(record.country)) &&
			(!locales || locales.has(record.locale)) &&
			(!sessions || (record.sessionId !== null && sessions.has(record.sessionId))) &&
			(!months || months.has(record.month)) &&
			(monthFrom === undefined || record.month >= monthFrom) &&
			(monthTo === undefined || record.month <= monthTo) &&
			(!domains || record.answers.some((answer) => answer.domain !== null && domains.has(answer.domain))) &&
			(consentToQuote === undefined || record.consentToQuote === consentToQuote) &&
			(group === undefined || (record.group !== null) === group) &&
			(!coded || codedIds?.has(record.id) === (coded.state === 'coded'));
	}
}
