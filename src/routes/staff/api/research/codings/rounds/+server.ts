import { json } from '@sveltejs/kit';
import { requireCorpusReader } from '$lib/server/auth/guard';
import { newestRevealedRound } from '$lib/server/research/rounds';
import type { RequestHandler } from './$types';

/** The newest blind round revealed, polled by open workspaces: a number, never a coding. */
export const GET: RequestHandler = ({ locals }) => {
	requireCorpusReader(locals.staff);
	return json({ revealed: newestRevealedRound() });
};
