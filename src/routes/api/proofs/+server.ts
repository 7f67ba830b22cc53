import { jsonEndpoint } from '$lib/server/endpoint';
import { challengeRequest, issueChallenge } from '$lib/server/pow';
import type { RequestHandler } from './$types';

/** A proof-of-work challenge for one anonymous write (its kind and id). Stores nothing. */
export const POST: RequestHandler = ({ request }) => jsonEndpoint(request, challengeRequest, 1024, (binding) => issueChallenge(binding));
