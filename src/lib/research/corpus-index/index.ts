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
export { CorpusIndex } from './corpus-index';
export { CorpusFilterError } from './filter';
export { foldText } from './folding';
export type {
	CodedFilter,
	CodePointRange,
	CodingScope,
	CorpusFacets,
	CorpusFilter,
	CorpusSearchResult,
	Excerpt,
	FacetCount,
	FieldMatches,
	FieldPassage,
	FoldedText,
	Passage,
	RecordHits,
	SearchHit,
	SearchHits,
	SearchPage
} from './types';
