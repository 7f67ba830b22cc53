import type {
	CodingScope,
	CorpusFilter,
	CorpusSearchResult,
	FieldMatches,
	RecordHits,
	SearchHits
} from '$lib/research/corpus-index';
import { OpenedCorpusRecord, recordHead, type RecordHead } from '$lib/research/corpus-record';
import type { Coding, CorpusRecord } from '$lib/research/types';

/**
 * A batch's opened records as the worker hands them to the page: their heads as one JSON string,
 * and each record's plaintext (UTF-8 JSON) one after another in one buffer (transferred, not
 * copied), record i ending at `ends[i]`. The page reads a record's answers from its plaintext
 * only when they are shown (`OpenedCorpusRecord`).
 */
export type OpenedBatch = { heads: string; plaintexts: ArrayBuffer; ends: number[] };

/**
 * Packs a batch for the page: `plaintexts` holds the records' plaintexts one after another,
 * record i ending at `ends[i]`. Its buffer is handed over as it is when the view covers it
 * whole; a view of part of a buffer is copied first, so the page keeps nothing beyond it.
 */
export function packOpened(records: readonly CorpusRecord[], plaintexts: Uint8Array, ends: number[]): OpenedBatch {
	const whole = plaintexts.byteOffset === 0 && plaintexts.byteLength === plaintexts.buffer.byteLength;
	return {
		heads: JSON.stringify(records.map(recordHead)),
		plaintexts: whole ? (plaintexts.buffer as ArrayBuffer) : plaintexts.slice().buffer,
		ends
	};
}

/** The page's records of a batch `packOpened` made. */
export function unpackOpened(batch: OpenedBatch): OpenedCorpusRecord[] {
	const heads = JSON.parse(batch.heads) as RecordHead[];
	const plaintexts = new Uint8Array(batch.plaintexts);
	return heads.map((head, position) => {
		const plaintext = plaintexts.subarray(position === 0 ? 0 : batch.ends[position - 1], batch.ends[position]);
		return new OpenedCorpusRecord(head, plaintext);
	});
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
	 * Decrypts a page of the sealed corpus, as the server sent it (a corpus frame, transferred
	 * rather than copied), and adds its records to the worker's index; `reset` starts a new corpus
	 * and `last` ends it (the index then gives back the room it kept for growing).
	 */
	'research.openCorpus': [
		{
			keys: SealedCorpusKeys;
			page: ArrayBuffer;
			reset: boolean;
			last?: boolean;
		},
		/**
		 * The records opened (see `packOpened`), the ids that could not be opened, and the time
		 * spent decrypting and indexing this page, for the workspace's timing figures.
		 */
		OpenedBatch & { failed: string[]; decryptMs: number; indexMs: number }
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
	/** Opens a record's blacked-out photo; refused unless it is a clean JPEG sealed for this record. */
	'research.openImage': [
		{
			image: { id: string; corpusKeyId: number; corpusKeyVersion: number; nonce: string; ciphertext: string };
			recordId: string;
			keys: SealedCorpusKeys;
		},
		{ jpeg: ArrayBuffer }
	];
	/** Forgets records withdrawn or deleted since the corpus opened: no search finds them again. */
	'research.forgetRecords': [{ ids: string[] }, Record<string, never>];
	/** Forgets the decrypted corpus and its keys (also done on lock). */
	'research.close': [Record<string, never>, Record<string, never>];
};
