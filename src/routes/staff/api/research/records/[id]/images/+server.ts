import { requireCorpusReader } from '$lib/server/auth/guard';
import { domainAnswer } from '$lib/server/http/endpoint';
import { sealedResearchImages } from '$lib/server/research/images';
import type { RequestHandler } from './$types';

/**
 * A research record's blacked-out photos, as corpus ciphertext with the key version each is
 * bound to: opened in the researcher's browser with the corpus keys the workspace already holds.
 */
export const GET: RequestHandler = ({ locals, params }) => {
	requireCorpusReader(locals.staff);
	return domainAnswer(() => {
		const images = sealedResearchImages(params.id);
		return new Response(JSON.stringify({ images }), {
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	});
};
