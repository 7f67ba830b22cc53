import { encodeCorpusFrame } from '$lib/research/corpus-frame';
import { domainAnswer } from '$lib/server/http/endpoint';
import { sealedCorpusPage } from '$lib/server/research/workspace';
import { requireCorpusReader } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/**
 * One page of the research records as ciphertext (`?after=` the previous page's cursor), with
 * the corpus keys sealed to the reader, in one binary frame (`$lib/research/corpus-frame`).
 * Memos come with each workspace page.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	const staff = requireCorpusReader(locals.staff);
	return domainAnswer(() => {
		const corpus = sealedCorpusPage(staff.id, url.searchParams.get('after'));
		const frame = encodeCorpusFrame(corpus.keys, corpus.records, corpus.page);
		return new Response(frame.buffer as ArrayBuffer, {
			headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
		});
	});
};
