import { jsonEndpoint } from '$lib/server/http/endpoint';
import { invitationTotp } from '$lib/server/accounts/enrolment';
import { totpStartRequest } from '$lib/server/accounts/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, totpStartRequest, 1024, ({ token, username }) => invitationTotp(token, username));
