import * as researchApi from '$lib/client/api/research';
import { cryptoWorker } from '$lib/client/crypto-client';
import {
	unpackOpened,
	type ResearchOps,
	type ResearchRecordMetadata,
	type SealedCorpusKeys
} from '$lib/client/research-protocol';
import { decodeCorpusFrame, type CorpusFrameHeader } from '$lib/research/corpus-frame';
import type { CorpusRecord } from '$lib/research/types';

/*
 * Opening the sealed corpus: pages fetched one after another (the next while this one opens),
 * each handed over whole to the crypto worker, which decrypts and indexes it. Two pages are
 * always with the worker: with one, the worker sat idle each time its answer went to the page
 * and the page read it before sending the next (a third of the opening at 50,000 records). The
 * server's first page is small (500 records), so that the worker starts at once.
 */

/** Pages with the worker at once. */
const IN_FLIGHT = 2;
/** Pages fetched and waiting to be opened, at most (each about 4 MB). */
const PAGES_AHEAD = 2;

type CorpusPage = {
	header: CorpusFrameHeader<SealedCorpusKeys, ResearchRecordMetadata>;
	buffer: ArrayBuffer;
};

/** One page of the sealed corpus: the first (cursor null) or the one after `cursor`. */
async function fetchCorpusPage(cursor: string | null): Promise<CorpusPage> {
	const buffer = await researchApi.sealedCorpusPage(cursor);
	// Its header only (the worker reads the frame again): the next page's cursor and the keys.
	return { header: decodeCorpusFrame<SealedCorpusKeys, ResearchRecordMetadata>(buffer).header, buffer };
}

/**
 * `fetchMs`: the time the worker had nothing to open while a page was on its way; the rest of
 * the opening is `decryptAndIndexMs`, of which the worker's own figures are `decryptMs` and `indexMs`.
 */
export type OpeningTimings = { fetchMs: number; decryptAndIndexMs: number; decryptMs: number; indexMs: number };

type Opening = {
	/** The corpus keys seen so far; `addKeys` takes those a page brings (a rotation adds one). */
	keys: () => SealedCorpusKeys;
	addKeys: (keys: SealedCorpusKeys) => void;
	/** False once the opening was overtaken (closed, or opened again): it then stops. */
	current: () => boolean;
	/** Each page's records as they open, the number that could not be opened, and the corpus size. */
	batch: (records: CorpusRecord[], failed: number, total: number) => void;
};

/** A page sent to the worker, and the corpus size as that page gave it. */
type SentPage = {
	answer: Promise<ResearchOps['research.openCorpus'][1]>;
	total: number;
};

/**
 * The corpus's pages in order. Each page is asked for as soon as the one before it arrives (its
 * cursor comes with it), up to PAGES_AHEAD pages waiting: fetching only while the page before was
 * being opened left the worker waiting on the server for 4.5–5.3 s of a 50,000-record opening.
 */
async function* corpusPages(addKeys: Opening['addKeys']) {
	const waiting: Promise<CorpusPage>[] = [];
	/** The cursor of a page not asked for yet, for lack of room. */
	let deferred: string | null = null;
	let stopped = false;
	const request = (cursor: string | null) => {
		const page = fetchCorpusPage(cursor);
		waiting.push(page);
		page.then(
			({ header }) => {
				if (stopped || !header.page.next) return;
				if (waiting.length < PAGES_AHEAD) request(header.page.next);
				else deferred = header.page.next;
			},
			// Its failure is met when it is awaited; until then it must not count as unhandled.
			() => {}
		);
	};
	request(null);
	let seen = 0;
	try {
		while (waiting.length > 0) {
			const { buffer, header: page }: CorpusPage = await waiting.shift()!;
			if (deferred !== null) {
				request(deferred);
				deferred = null;
			}
			addKeys(page.keys);
			const total = Math.max(page.page.total, seen + page.records.length);
			seen += page.records.length;
			yield { page: buffer, last: !page.page.next, total };
		}
	} finally {
		stopped = true;
	}
}

/** Opens every page in the worker; null when the opening was overtaken before it finished. */
export async function openCorpusPages({ keys, addKeys, current, batch }: Opening): Promise<OpeningTimings | null> {
	const started = performance.now();
	const timings = { fetchMs: 0, decryptMs: 0, indexMs: 0 };
	const pages = corpusPages(addKeys);
	const sent: SentPage[] = [];
	let first = true;
	let exhausted = false;
	/** The page being sent, if any: it may still be on its way. */
	let sending: Promise<void> | null = null;
	let failure: { cause: unknown } | null = null;

	/** Keeps IN_FLIGHT pages with the worker, without waiting here for a page that has not come. */
	const topUp = (): void => {
		if (sending || exhausted || failure || !current() || sent.length >= IN_FLIGHT) return;
		sending = pages.next().then(
			(next) => {
				sending = null;
				if (next.done) {
					exhausted = true;
					return;
				}
				if (!current()) return;
				const { page, last, total } = next.value;
				const answer = cryptoWorker.call('research.openCorpus', { keys: keys(), page, reset: first, last }, [page]);
				first = false;
				// Its failure is met when it is awaited; until then it must not count as unhandled.
				answer.catch(() => {});
				sent.push({ answer, total });
				topUp();
			},
			(cause: unknown) => {
				sending = null;
				failure = { cause };
			}
		);
	};

	try {
		for (;;) {
			topUp();
			if (failure) throw (failure as { cause: unknown }).cause;
			// A page stays in `sent` until answered, so that it counts as with the worker.
			const next = sent[0];
			if (!next) {
				if (!sending) break;
				// The worker has nothing left to open: this is the time spent waiting on the network.
				const waited = performance.now();
				await sending;
				timings.fetchMs += performance.now() - waited;
				continue;
			}
			const opened = await next.answer;
			sent.shift();
			if (!current()) return null;
			// The worker gets its next page before this one's answer is read.
			topUp();
			const records = unpackOpened(opened);
			timings.decryptMs += opened.decryptMs;
			timings.indexMs += opened.indexMs;
			batch(records, opened.failed.length, next.total);
		}
	} finally {
		// An opening overtaken fetches no more pages (a page already on its way is let go).
		pages.return(undefined).catch(() => {});
	}
	if (!current()) return null;
	const round = Math.round;
	const fetchMs = round(timings.fetchMs);
	return {
		fetchMs,
		decryptAndIndexMs: round(performance.now() - started) - fetchMs,
		decryptMs: round(timings.decryptMs),
		indexMs: round(timings.indexMs)
	};
}
