import {
	ANSWER_TEXT_KINDS,
	fieldAddress,
	fieldText,
	type Coding,
	type CorpusRecord,
	type FieldAddress
} from '../types';
import { excerptAround } from './excerpt';
import { codingSpan, joinedHits, passageAround, passages } from './kwic';
import { compileFilter } from './filter';
import { foldText } from './folding';
import { foldedMatches, originalRange, queryWords } from './query';
import { TermIndex } from './term-index';
import type {
	CorpusFacets,
	CorpusFilter,
	CorpusSearchResult,
	CodePointRange,
	CodingScope,
	Excerpt,
	FacetCount,
	FieldMatches,
	FieldPassage,
	RecordHits,
	SearchHit,
	SearchHits,
	SearchPage
} from './types';

/*
 * The index itself: records by id, their search terms, who coded which record, and the
 * searches, facets, highlights and excerpts the workspace asks for.
 */

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

	/** Forgets records (withdrawn or deleted since the corpus opened): no search or facet counts them again. */
	remove(ids: Iterable<string>): void {
		for (const id of ids) {
			const slot = this.#slotOf.get(id);
			if (slot !== undefined) {
				this.#slots[slot] = null;
				this.#terms.retire(slot);
				this.#slotOf.delete(id);
			}
			this.#records.delete(id);
			this.#coders.delete(id);
		}
		this.#ordered = null;
	}

	/** Gives back the room the index kept for growing, once every record is in. */
	compact(): void {
		this.#terms.compact();
	}

	record(id: string): CorpusRecord | undefined {
		return this.#records.get(id);
	}

	/** Every record, newest month first, then by id. */
	all(): readonly CorpusRecord[] {
		this.#ordered ??= [...this.#records.values()].sort(compareStable);
		return this.#ordered;
	}

	/** Replaces the codings the coded/uncoded filter looks at: who coded which record is all it needs. */
	setCodings(codings: Array<Pick<Coding, 'recordId' | 'coderId'>>): void {
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
		const accepts = compileFilter(filter, (coderId) => this.codedRecordIds(coderId));
		const words = queryWords(query);
		if (words.length === 0 && query.trim() !== '') return { ids: [], total: 0, nothingToSearch: true };
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
		if (!record) return [];
		return this.#fieldHits(record, queryWords(query)).map(({ field, ranges }) => ({ field, ranges }));
	}

	/**
	 * Keyword in context: for each record, how many hits the query has in it and the first
	 * `perRecord` passages that show them, hits marked. Words next to each other count as one hit.
	 */
	hits(recordIds: string[], query: string, perRecord = 3, context = 60): RecordHits[] {
		const words = queryWords(query);
		const result: RecordHits[] = [];
		for (const recordId of recordIds) {
			const record = this.#records.get(recordId);
			if (!record) continue;
			let count = 0;
			const shown: FieldPassage[] = [];
			for (const { field, text, ranges } of this.#fieldHits(record, words)) {
				const joined = joinedHits(text, ranges);
				count += joined.length;
				if (shown.length >= perRecord) continue;
				for (const passage of passages(text, joined, context).slice(0, perRecord - shown.length)) {
					shown.push({ field, ...passage });
				}
			}
			result.push({ recordId, hits: count, passages: shown });
		}
		return result;
	}

	/**
	 * Every hit of the query in these records, in their order, for coding them all after review:
	 * each with the span `scope` would code and its context. Hits whose span is the same (two in
	 * one sentence, coded by sentence) are one. At most `limit` are listed; `total` counts all.
	 */
	hitList(recordIds: string[], query: string, scope: CodingScope, limit = 1000, context = 60): SearchHits {
		const words = queryWords(query);
		const hits: SearchHit[] = [];
		let total = 0;
		for (const recordId of recordIds) {
			const record = this.#records.get(recordId);
			if (!record) continue;
			for (const { field, text, ranges } of this.#fieldHits(record, words)) {
				const joined = joinedHits(text, ranges);
				const spans = new Set<string>();
				for (const hit of joined) {
					const span = codingSpan(text, hit, scope);
					const key = `${span.start}-${span.end}`;
					if (spans.has(key)) continue;
					spans.add(key);
					total++;
					if (hits.length < limit)
						hits.push({ recordId, field, hit, span, passage: passageAround(text, hit, joined, context) });
				}
			}
		}
		return { hits, total };
	}

	#fieldHits(
		record: CorpusRecord,
		words: ReturnType<typeof queryWords>
	): Array<{ field: FieldAddress; text: string; ranges: CodePointRange[] }> {
		if (words.length === 0) return [];
		const result: Array<{ field: FieldAddress; text: string; ranges: CodePointRange[] }> = [];
		record.answers.forEach((answer, answerIndex) => {
			for (const kind of ANSWER_TEXT_KINDS) {
				const text = answer[kind];
				if (!text) continue;
				const folded = foldText(text);
				const ranges = foldedMatches(folded.folded, words).map(([start, end]) => originalRange(folded, start, end));
				if (ranges.length > 0) result.push({ field: fieldAddress(answerIndex, kind), text, ranges });
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
		return excerptAround(text, start, end, context);
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
}
