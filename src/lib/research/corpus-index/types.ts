import type { FieldAddress } from '../types';

/*
 * What the corpus index takes and gives: filters, search results, facet counts, match ranges
 * and excerpts. The crypto worker's protocol and the workspace pages use these types too.
 */

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

/**
 * `total` counts every record that matched; `ids` is the requested page of them. `nothingToSearch`
 * is true when the query held no word, number or emoji (only punctuation, say): nothing matches it.
 */
export type CorpusSearchResult = { ids: string[]; total: number; nothingToSearch?: boolean };

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

/** A stretch of a field's text with the hits in it marked, for keyword in context. */
export type Passage = {
	/** Code points of the original text shown, end exclusive. */
	start: number;
	end: number;
	/** The stretch in order, cut into plain text and hits. */
	parts: Array<{ text: string; hit: boolean }>;
	/** True when text was cut off before the passage (show an ellipsis). */
	truncatedBefore: boolean;
	truncatedAfter: boolean;
};

export type FieldPassage = Passage & { field: FieldAddress };

/** A record's hits for a query: how many there are, and the first passages that show them. */
export type RecordHits = { recordId: string; hits: number; passages: FieldPassage[] };

/** What coding a hit codes: the words found, the sentence they are in, or the whole answer. */
export type CodingScope = 'hit' | 'sentence' | 'answer';

/** One hit to review before it is coded: where it is, the span the coding would cover, and the hit in context. */
export type SearchHit = {
	recordId: string;
	field: FieldAddress;
	hit: CodePointRange;
	span: CodePointRange;
	passage: Passage;
};

/** Every hit of some records, up to a limit; `total` counts them all. */
export type SearchHits = { hits: SearchHit[]; total: number };
