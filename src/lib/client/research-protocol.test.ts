import { describe, expect, it } from 'vitest';
import { OpenedCorpusRecord, toCorpusRecord, type ResearchRecordV1 } from '$lib/research/corpus-record';
import { answer } from '$lib/research/corpus-index/testing';
import { recordContent } from '$lib/research/testing';
import { AttributeTally } from '$lib/research/record-attributes';
import { packOpened, unpackOpened } from './research-protocol';

const content = (country: string, text: string) =>
	recordContent({
		locale: 'fa-AF',
		country,
		group: { participants: 3, languages: ['fa-AF', 'ps'] },
		translationLocale: 'fr',
		answers: [
			answer(`${text}\r\nدر خانه`, {
				questionId: 'housing',
				questionVersion: 2,
				translation: 'Le logement',
				englishTranslation: 'Housing'
			}),
			answer('Nobody 😢 listened.', { questionId: 'safety', domain: null })
		]
	});

/** A batch as the worker packs it: the plaintexts one after another, in a buffer with room left at the end. */
function batch(contents: Record<string, ResearchRecordV1>) {
	const encoder = new TextEncoder();
	const parts = Object.values(contents).map((value) => encoder.encode(JSON.stringify(value)));
	const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0) + 100);
	const ends: number[] = [];
	for (const part of parts) {
		joined.set(part, ends.at(-1) ?? 0);
		ends.push((ends.at(-1) ?? 0) + part.length);
	}
	const records = Object.entries(contents).map(([id, value]) =>
		toCorpusRecord(value, {
			id,
			month: '2026-05',
			channelId: `channel-${id}`,
			sessionId: id === 'b' ? 'session-b' : null
		})
	);
	return { records, ends, packed: packOpened(records, joined.subarray(0, ends.at(-1)), ends) };
}

describe('a batch of opened records, from the worker to the page', () => {
	it('gives the page the very records the worker read, answers included', () => {
		const { records, ends, packed } = batch({ a: content('FR', 'Le foyer'), b: content('IT', 'La casa') });
		// The page keeps the bytes: none of the room left at the end goes with them.
		expect(packed.plaintexts.byteLength).toBe(ends.at(-1));
		const opened = unpackOpened(structuredClone(packed));
		expect(opened).toHaveLength(2);
		for (const [index, record] of opened.entries()) {
			// The answers are read through a getter, which a spread does not copy.
			const domains = records[index].answers.map((answer) => answer.domain);
			expect({ ...record, answers: record.answers }).toEqual({ ...records[index], domains });
		}
	});

	it('reads a record’s answers only when they are asked for, once', () => {
		const { packed } = batch({ a: content('FR', 'Le foyer') });
		// Bytes that are not JSON: reading the answers fails, reading anything else does not.
		new Uint8Array(packed.plaintexts).fill(0x7b, 0, packed.ends[0]);
		const [record] = unpackOpened(packed);
		expect(record).toBeInstanceOf(OpenedCorpusRecord);
		expect(record.country).toBe('FR');
		expect(record.domains).toEqual(['housing', null]);
		const attributes = new AttributeTally().of([record]);
		expect(attributes.domains).toEqual(['housing']);
		expect(attributes.contextKeys).toEqual(['ageBand']);
		expect(() => record.answers).toThrow(SyntaxError);
	});

	it('keeps the answers once read, and lets the plaintext go', () => {
		const { packed } = batch({ a: content('FR', 'Le foyer') });
		const [record] = unpackOpened(packed);
		const answers = record.answers;
		new Uint8Array(packed.plaintexts).fill(0);
		expect(record.answers).toBe(answers);
		expect(answers[0].text).toBe('Le foyer\nدر خانه');
	});
});
