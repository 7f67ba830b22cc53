import { jsonEndpoint } from '$lib/server/endpoint';
import { describeInvitation } from '$lib/server/enrolment';
import { invitationTokenRequest } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

/** What an invitation offers (roles, channels, expiry), for the enrolment page. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, invitationTokenRequest, 1024, ({ token }) => describeInvitation(token));
