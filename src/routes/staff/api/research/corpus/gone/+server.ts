import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireCorpusReader } from '$lib/server/auth/guard';
import { heldRecords } from '$lib/server/research/schemas';
import { goneRecords } from '$lib/server/research/withdrawals';
import type { RequestHandler } from './$types';

/**
 * Which of the records open in this browser have been withdrawn or deleted since it opened them.
 * A POST, because the question (up to a few thousand ids) does not fit in an address.
 */
export const POST: RequestHandler = ({ request, locals }) => {
	requireCorpusReader(locals.staff);
	return jsonEndpoint(request, heldRecords, 256 * 1024, (input) => ({ gone: goneRecords(input.ids) }));
};
