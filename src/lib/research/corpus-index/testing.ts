import type { CorpusAnswer, CorpusRecord } from '../types';
import { CorpusIndex, type CorpusFilter } from '.';

/* Small fictional records and an index over them, for the corpus index's tests. */

export function answer(text: string, extra: Partial<CorpusAnswer> = {}): CorpusAnswer {
	return {
		questionId: 'q_housing',
		questionVersion: 1,
		domain: 'housing',
		text,
		transcript: '',
		translation: '',
		englishTranslation: '',
		...extra
	};
}

export function corpusRecord(id: string, answers: CorpusAnswer[], extra: Partial<CorpusRecord> = {}): CorpusRecord {
	return {
		id,
		month: '2025-03',
		channelId: 'channel-lyon',
		country: 'FR',
		locale: 'fr',
		sessionId: null,
		consentToQuote: true,
		group: null,
		context: {},
		translationLocale: 'fr',
		answers,
		...extra
	};
}

export function indexOf(...records: CorpusRecord[]): CorpusIndex {
	const index = new CorpusIndex();
	index.add(records);
	return index;
}

export function idsFor(index: CorpusIndex, query: string, filter: CorpusFilter = {}): string[] {
	return index.search(query, filter).ids;
}
