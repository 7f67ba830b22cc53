import * as researchApi from '$lib/client/api/research';
import { cryptoWorker } from '$lib/client/crypto-client';
import type { ResearchRecordMetadata, SealedCorpusKeys } from '$lib/client/research-protocol';
import { decodeCorpusFrame, type CorpusFrameHeader } from '$lib/research/corpus-frame';
import { toCorpusRecord, type ResearchRecordPlaintext } from '$lib/research/corpus-record';
import type { CorpusRecord } from '$lib/research/types';

/*
 * Opening the sealed corpus: pages fetched one after another (the next while this one opens),
 * each cut into batches the crypto worker decrypts and indexes, one batch always waiting there.
 */

/** Records decrypted per call to the worker: small enough to keep the progress bar moving. */
const BATCH = 500;

type CorpusPage = {
	header: CorpusFrameHeader<SealedCorpusKeys, ResearchRecordMetadata>;
	offsets: number[];
	buffer: ArrayBuffer;
};

/** One page of the sealed corpus: the first (cursor null) or the one after `cursor`. */
async function fetchCorpusPage(cursor: string | null): Promise<CorpusPage> {
	const buffer = await researchApi.sealedCorpusPage(cursor);
	return { ...decodeCorpusFrame<SealedCorpusKeys, ResearchRecordMetadata>(buffer), buffer };
}

export type OpeningTimings = { fetchMs: number; decryptAndIndexMs: number; decryptMs: number; indexMs: number };

type Opening = {
	/** The corpus keys seen so far; `addKeys` takes those a page brings (a rotation adds one). */
	keys: () => SealedCorpusKeys;
	addKeys: (keys: SealedCorpusKeys) => void;
	/** False once the opening was overtaken (closed, or opened again): it then stops. */
	current: () => boolean;
	/** Each batch's records as they open, the number that could not be opened, and the corpus size. */
	batch: (records: CorpusRecord[], failed: number, total: number) => void;
};

/** Opens every page in the worker; null when the opening was overtaken before it finished. */
export async function openCorpusPages({ keys, addKeys, current, batch }: Opening): Promise<OpeningTimings | null> {
	let decryptMs = 0;
	let indexMs = 0;
	let fetchMs = 0;
	let decryptAndIndexMs = 0;
	let seen = 0;
	let first = true;
	let pendingPage: Promise<CorpusPage> | null = fetchCorpusPage(null);
	pendingPage.catch(() => {});
	while (pendingPage) {
		const waited = performance.now();
		const { buffer, header: page, offsets }: CorpusPage = await pendingPage;
		if (!current()) return null;
		fetchMs += performance.now() - waited;
		const working = performance.now();
		pendingPage = page.page.next ? fetchCorpusPage(page.page.next) : null;
		// Its failure is met when it is awaited; until then it must not count as unhandled.
		pendingPage?.catch(() => {});
		addKeys(page.keys);
		const total = Math.max(page.page.total, seen + page.records.length);
		const byId = new Map(page.records.map((record) => [record.id, record]));
		const decryptBatch = (start: number, reset: boolean) => {
			const records = page.records.slice(start, start + BATCH);
			const end = start + records.length < page.records.length ? offsets[start + records.length] : buffer.byteLength;
			// A copy of just this batch's bytes, handed over to the worker rather than cloned.
			const bytes = records.length ? buffer.slice(offsets[start], end) : new ArrayBuffer(0);
			const last = !page.page.next && start + BATCH >= page.records.length;
			return cryptoWorker.call('research.openCorpus', { keys: keys(), records, bytes, reset, last }, [bytes]);
		};
		let pending: ReturnType<typeof decryptBatch> | null = decryptBatch(0, first);
		first = false;
		for (let start = 0; pending; start += BATCH) {
			const opened: Awaited<ReturnType<typeof decryptBatch>> = await pending;
			if (!current()) return null;
			pending = start + BATCH < page.records.length ? decryptBatch(start + BATCH, false) : null;
			const plaintexts = JSON.parse(opened.plaintexts) as ResearchRecordPlaintext[];
			const records = opened.ids.map((id, position) => {
				const sealed = byId.get(id)!;
				const { approvedMonth: month, channelId, sessionId } = sealed;
				return toCorpusRecord(plaintexts[position], { id, month, channelId, sessionId });
			});
			seen += records.length + opened.failed.length;
			decryptMs += opened.decryptMs;
			indexMs += opened.indexMs;
			batch(records, opened.failed.length, total);
		}
		decryptAndIndexMs += performance.now() - working;
	}
	const round = Math.round;
	return {
		fetchMs: round(fetchMs),
		decryptAndIndexMs: round(decryptAndIndexMs),
		decryptMs: round(decryptMs),
		indexMs: round(indexMs)
	};
}
