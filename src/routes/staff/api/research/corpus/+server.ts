import { json } from '@sveltejs/kit';
import { sealedCorpus, sealedMemos } from '$lib/server/research';
import { requireCorpusReader } from '$lib/server/research-guard';
import type { RequestHandler } from './$types';

/** Every research record and memo as ciphertext, with the corpus keys sealed to the reader. */
export const GET: RequestHandler = ({ locals }) => {
	const staff = requireCorpusReader(locals.staff);
	return json({ ...sealedCorpus(staff.id), memos: sealedMemos() });
};
