import type {
	CodingScope,
	CorpusFilter,
	CorpusSearchResult,
	FieldMatches,
	RecordHits,
	SearchHits
} from '$lib/research/corpus-index';
import type { Coding } from '$lib/research/types';

/**
 * A batch's plaintexts as the worker hands them to the page: each record's UTF-8 JSON one after
 * another in one buffer (transferred, not copied), record i ending at `ends[i]`.
 */
export function joinPlaintexts(parts: readonly Uint8Array[]): { plaintexts: ArrayBuffer; ends: number[] } {
	const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
	const ends: number[] = [];
	let end = 0;
	for (const part of parts) {
		joined.set(part, end);
		end += part.length;
		ends.push(end);
	}
	return { plaintexts: joined.buffer, ends };
}

/** Record `position`'s bytes in what `joinPlaintexts` made: a view, not a copy. */
export function plaintextAt(plaintexts: Uint8Array, ends: readonly number[], position: number): Uint8Array {
	return plaintexts.subarray(position === 0 ? 0 : ends[position - 1], ends[position]);
}

/** What the server says of a research record beside its ciphertext (see corpus-frame.ts). */
export type ResearchRecordMetadata = {
	id: string;
	approvedMonth: string;
	corpusKeyId: number;
	corpusKeyVersion: number;
	channelId: string;
	sessionId: string | null;
	nonceBytes: number;
	ciphertextBytes: number;
};

export type SealedMemo = {
	id: string;
	corpusKeyId: number;
	corpusKeyVersion: number;
	version: number;
	nonce: string;
	ciphertext: string;
};

/** Corpus keys sealed to the reader, by corpus key id. */
export type SealedCorpusKeys = Record<number, string>;

/** Operations on the research corpus, run in the staff worker where the keys are. */
export type ResearchOps = {
	/**
	 * Decrypts a batch of records and adds them to the worker's index; `reset` starts a new
	 * corpus and `last` ends it (the index then gives back the room it kept for growing);
	 * corpus. `bytes` holds each record's nonce then ciphertext, in order (transferred, not copied).
	 */
	'research.openCorpus': [
		{
			keys: SealedCorpusKeys;
			records: ResearchRecordMetadata[];
			bytes: ArrayBuffer;
			reset: boolean;
			last?: boolean;
		},
		/**
		 * The records opened, by id, and their plaintexts (see `joinPlaintexts`). Then the ids that
		 * could not be opened, and the time spent decrypting and indexing this batch, for the
		 * workspace's timing figures.
		 */
		{ ids: string[]; plaintexts: ArrayBuffer; ends: number[]; failed: string[]; decryptMs: number; indexMs: number }
	];
	'research.search': [{ query: string; filter: CorpusFilter }, CorpusSearchResult];
	/** Who coded which record (one pair per record and coder), for the coded / uncoded filters. */
	'research.setCodings': [{ codings: Array<Pick<Coding, 'recordId' | 'coderId'>> }, Record<string, never>];
	'research.matches': [{ recordId: string; query: string }, FieldMatches[]];
	/** Keyword in context for the records shown: each one's number of hits and first passages. */
	'research.hits': [{ recordIds: string[]; query: string; perRecord: number }, RecordHits[]];
	/** Every hit of the query in these records, with the span each would be coded with, for review. */
	'research.hitList': [{ recordIds: string[]; query: string; scope: CodingScope; limit: number }, SearchHits];
	'research.openMemos': [{ memos: SealedMemo[]; keys: SealedCorpusKeys }, { id: string; text: string | null }[]];
	'research.sealMemo': [
		{
			memoId: string;
			version: number;
			corpusKeyId: number;
			corpusKeyVersion: number;
			keys: SealedCorpusKeys;
			text: string;
		},
		{ nonce: string; ciphertext: string }
	];
	/** Forgets records withdrawn or deleted since the corpus opened: no search finds them again. */
	'research.forgetRecords': [{ ids: string[] }, Record<string, never>];
	/** Forgets the decrypted corpus and its keys (also done on lock). */
	'research.close': [Record<string, never>, Record<string, never>];
};
