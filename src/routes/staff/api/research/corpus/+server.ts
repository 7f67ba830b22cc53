import { json } from '@sveltejs/kit';
import { sealedCorpus } from '$lib/server/research';
import { requireCorpusReader } from '$lib/server/research-guard';
import type { RequestHandler } from './$types';

/** Every research record as ciphertext, with the corpus keys sealed to the reader (memos come with each workspace page). */
export const GET: RequestHandler = ({ locals }) => {
	const staff = requireCorpusReader(locals.staff);
	return json(sealedCorpus(staff.id));
};
