import { jsonEndpoint } from '$lib/server/http/endpoint';
import { totpStartRequest } from '$lib/server/accounts/schemas';
import { setupTotp } from '$lib/server/accounts/setup';
import type { RequestHandler } from './$types';

/** The authenticator secret for the first admin, shown as a QR code and as text. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, totpStartRequest, 1024, ({ token, username }) => setupTotp(token, username));
