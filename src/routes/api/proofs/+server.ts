import { jsonEndpoint } from '$lib/server/http/endpoint';
import { challengeRequest, issueChallenge } from '$lib/server/intake/proof-of-work';
import type { RequestHandler } from './$types';

/** A proof-of-work challenge for one anonymous write (its kind and id). Stores nothing. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, challengeRequest, 1024, (binding) => issueChallenge(binding));
