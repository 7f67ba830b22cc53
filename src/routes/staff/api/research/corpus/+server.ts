import { encodeCorpusFrame } from '$lib/research/corpus-frame';
import { sealedCorpus } from '$lib/server/research';
import { requireCorpusReader } from '$lib/server/research-guard';
import type { RequestHandler } from './$types';

/**
 * Every research record as ciphertext, with the corpus keys sealed to the reader, in one binary
 * frame (`$lib/research/corpus-frame`). Memos come with each workspace page.
 */
export const GET: RequestHandler = ({ locals }) => {
	const staff = requireCorpusReader(locals.staff);
	const corpus = sealedCorpus(staff.id);
	const frame = encodeCorpusFrame(corpus.keys, corpus.records);
	return new Response(frame.buffer as ArrayBuffer, { headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' } });
};
