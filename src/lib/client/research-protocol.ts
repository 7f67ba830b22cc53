import type { CorpusFilter, CorpusSearchResult, FieldMatches } from '$lib/research/corpus-index';
import type { Coding } from '$lib/research/types';

/** A research record as the server sends it: ciphertext, and what the server knows anyway. */
export type SealedResearchRecord = {
	id: string;
	approvedMonth: string;
	corpusKeyId: number;
	corpusKeyVersion: number;
	channelId: string;
	sessionId: string | null;
	nonce: string;
	ciphertext: string;
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

/** Operations on the research corpus, run in the crypto worker where the keys are. */
export type ResearchOps = {
	/** Decrypts a batch of records and adds them to the worker's index; `reset` starts a new corpus. */
	'research.openCorpus': [
		{ keys: SealedCorpusKeys; records: SealedResearchRecord[]; reset: boolean },
		/** Time spent decrypting and indexing this batch, for the workspace's timing figures. */
		{ ids: string[]; plaintexts: string; failed: string[]; decryptMs: number; indexMs: number }
	];
	'research.search': [{ query: string; filter: CorpusFilter }, CorpusSearchResult];
	/** The team's codings, for the coded / uncoded filters. */
	'research.setCodings': [{ codings: Coding[] }, Record<string, never>];
	'research.matches': [{ recordId: string; query: string }, FieldMatches[]];
	'research.openMemos': [{ memos: SealedMemo[]; keys: SealedCorpusKeys }, { id: string; text: string | null }[]];
	'research.sealMemo': [
		{ memoId: string; version: number; corpusKeyId: number; corpusKeyVersion: number; keys: SealedCorpusKeys; text: string },
		{ nonce: string; ciphertext: string }
	];
	/** Forgets the decrypted corpus and its keys (also done on lock). */
	'research.close': [Record<string, never>, Record<string, never>];
};
