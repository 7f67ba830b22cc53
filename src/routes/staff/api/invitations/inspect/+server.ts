import { jsonEndpoint } from '$lib/server/http/endpoint';
import { describeInvitation } from '$lib/server/accounts/enrolment';
import { invitationTokenRequest } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

/** What an invitation offers (roles, channels, expiry), for the enrolment page. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, invitationTokenRequest, 1024, ({ token }) => describeInvitation(token));
