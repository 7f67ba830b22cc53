import { vi, type Mock } from 'vitest';
import { packOpened, type ResearchRecordMetadata } from '$lib/client/research-protocol';
import { toCorpusRecord, type ResearchRecordV1 } from '$lib/research/corpus-record';
import { decodeCorpusFrame, encodeCorpusFrame } from '$lib/research/corpus-frame';
import { answer } from '$lib/research/corpus-index/testing';
import { recordContent } from '$lib/research/testing';
import type { CorpusRecord } from '$lib/research/types';

/*
 * A sealed corpus served page by page and a crypto worker that "decrypts" it, for the tests of
 * opening the workspace: each record's ciphertext is its plaintext's JSON.
 */

export type SealedRecord = Omit<ResearchRecordMetadata, 'nonceBytes' | 'ciphertextBytes'> & {
	nonce: Uint8Array;
	ciphertext: Uint8Array;
};

export function plaintext(country: string, text: string): ResearchRecordV1 {
	return recordContent({ country, answers: [answer(text, { questionId: 'housing' })] });
}

/** A stand-in for a sealed record: its "ciphertext" is its plaintext's JSON, which the fake worker reads back. */
export function sealed(id: string, month: string, content: ResearchRecordV1, corpusKeyId = 1): SealedRecord {
	const ciphertext = new TextEncoder().encode(JSON.stringify(content));
	return {
		id,
		approvedMonth: month,
		corpusKeyId,
		corpusKeyVersion: 1,
		channelId: 'channel-lyon',
		sessionId: null,
		nonce: new Uint8Array(24),
		ciphertext
	};
}

/** Serves the corpus in the pages given, as the server does: each page names the next one's cursor. */
export function serveCorpus(pages: { keys: Record<number, string>; records: SealedRecord[] }[], total: number) {
	const fetchMock = vi.fn(async (url: string) => {
		const cursor = new URL(url, 'https://portal.test').searchParams.get('after');
		const index = cursor === null ? 0 : Number(cursor);
		const next = index + 1 < pages.length ? String(index + 1) : null;
		return new Response(
			encodeCorpusFrame(pages[index].keys, pages[index].records, { total, next }).buffer as ArrayBuffer
		);
	});
	vi.stubGlobal('fetch', fetchMock);
	return fetchMock;
}

/** Holds back every page after the first until `release` is called, as a slow line does. */
export function holdLaterPages(fetchMock: ReturnType<typeof serveCorpus>): { release: () => void } {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	const serve = fetchMock.getMockImplementation()!;
	fetchMock.mockImplementation(async (url: string) => {
		if (url.includes('after=')) await held;
		return serve(url);
	});
	return { release };
}

/** The crypto worker's research operations over the stand-in records: a record sealed under a key not given fails. */
export function fakeWorker(worker: { call: Mock }) {
	worker.call.mockImplementation(async (op: string, argument: Record<string, unknown>) => {
		if (op === 'research.openCorpus') {
			const { keys, page } = argument as { keys: Record<number, string>; page: ArrayBuffer };
			const { header, offsets } = decodeCorpusFrame<Record<number, string>, ResearchRecordMetadata>(page);
			const opened: CorpusRecord[] = [];
			const plaintexts: Uint8Array[] = [];
			const failed: string[] = [];
			for (const [position, item] of header.records.entries()) {
				const ciphertext = new Uint8Array(page, offsets[position] + item.nonceBytes, item.ciphertextBytes);
				if (keys[item.corpusKeyId]) {
					const { id, approvedMonth: month, channelId, sessionId } = item;
					const content = JSON.parse(new TextDecoder().decode(ciphertext));
					opened.push(toCorpusRecord(content, { id, month, channelId, sessionId }));
					plaintexts.push(ciphertext);
				} else failed.push(item.id);
			}
			const joined = new Uint8Array(plaintexts.reduce((length, part) => length + part.length, 0));
			const ends: number[] = [];
			for (const part of plaintexts) {
				joined.set(part, ends.at(-1) ?? 0);
				ends.push((ends.at(-1) ?? 0) + part.length);
			}
			return { ...packOpened(opened, joined, ends), failed, decryptMs: 3, indexMs: 2 };
		}
		if (op === 'research.openMemos') {
			return (argument.memos as { id: string }[]).map((memo) => ({ id: memo.id, text: `opened ${memo.id}` }));
		}
		if (op === 'research.sealMemo') return { nonce: 'nonce', ciphertext: 'ciphertext' };
		return {};
	});
}
