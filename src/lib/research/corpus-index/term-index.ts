import SearchableMap from 'minisearch/SearchableMap';
import { foldWord, NO_SPACE_CHARACTER } from './folding';
import { bigrams, segments, type QueryWord } from './query';
import { TokenTable } from './token-table';

/*
 * The BM25 term counts behind a search: one slot of (term, count) pairs per indexed record,
 * read in one pass per search, and MiniSearch's radix tree for prefix and fuzzy lookups.
 */

const TOKEN_CACHE_LIMIT = 200_000;

/** Numbers per chunk of term counts (4 MB). */
const CHUNK = 1 << 20;

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
export class TermIndex {
	readonly #termIds = new Map<string, number>();
	/** Term ids by term in a radix tree, for prefix and fuzzy lookups. */
	readonly #vocabulary = new SearchableMap<number>();
	/** Folding the same word thousands of times would be most of the cost of indexing. */
	readonly #tokenTerms = new TokenTable();
	readonly #termLists: number[][] = [];
	/**
	 * term, count, term, count… for every slot in turn, in chunks: growing one array by doubling
	 * copied everything stored so far and cost half a second at 50,000 records.
	 */
	readonly #chunks: Int32Array[] = [];
	/** Where the next slot's pairs go in the last chunk. */
	#chunkEnd = 0;
	/** Each slot's chunk, and where its pairs start and end in it. */
	readonly #slotChunks: number[] = [];
	readonly #slotStarts: number[] = [];
	readonly #slotEnds: number[] = [];
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
		const remember = (token: string) => {
			const terms = this.#remember(token);
			// Remembering a token may have made room for new terms.
			lastSlot = this.#lastSlot;
			countInSlot = this.#countInSlot;
			return terms;
		};
		const tokens = this.#tokenTerms;
		for (const text of texts) {
			const count = tokens.lookUp(text, remember);
			const found = tokens.found;
			for (let index = 0; index < count; index++) {
				const terms = found[index];
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
		const pairs = this.#room(2 * seen.length);
		const documentFrequency = this.#documentFrequency;
		const start = this.#chunkEnd;
		let at = start;
		for (const term of seen) {
			pairs[at++] = term;
			pairs[at++] = countInSlot[term];
			documentFrequency[term]++;
		}
		this.#slotChunks.push(this.#chunks.length - 1);
		this.#slotStarts.push(start);
		this.#slotEnds.push(at);
		this.#chunkEnd = at;
		this.#slotLengths.push(length);
		this.#liveSlots++;
		this.#liveLength += length;
		return slot;
	}

	/** The last chunk, with room for `numbers` more after `#chunkEnd`; a new chunk when it has none. */
	#room(numbers: number): Int32Array {
		const last = this.#chunks.at(-1);
		if (last && this.#chunkEnd + numbers <= last.length) return last;
		const chunk = new Int32Array(Math.max(CHUNK, numbers));
		this.#chunks.push(chunk);
		this.#chunkEnd = 0;
		return chunk;
	}

	/** Cuts the last chunk to what it holds: the rest was room kept for records that are not coming. */
	compact(): void {
		const last = this.#chunks.length - 1;
		if (last >= 0) this.#chunks[last] = this.#chunks[last].slice(0, this.#chunkEnd);
	}

	retire(slot: number): void {
		if (this.#slotLengths[slot] < 0) return;
		const pairs = this.#chunks[this.#slotChunks[slot]];
		const end = this.#slotEnds[slot];
		for (let at = this.#slotStarts[slot]; at < end; at += 2) this.#documentFrequency[pairs[at]]--;
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
		const chunks = this.#chunks;
		for (let slot = 0; slot < this.slotCount; slot++) {
			const length = this.#slotLengths[slot];
			if (length < 0) continue;
			const pairs = chunks[this.#slotChunks[slot]];
			const end = this.#slotEnds[slot];
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
