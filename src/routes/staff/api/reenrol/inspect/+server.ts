import { jsonEndpoint } from '$lib/server/http/endpoint';
import { describeReenrolment } from '$lib/server/auth/reenrolment';
import { reenrolmentInspectRequest } from '$lib/server/auth/schemas';
import type { RequestHandler } from './$types';

/** Whether a re-enrolment link can still be used, and until when. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, reenrolmentInspectRequest, 1024, ({ token }) => describeReenrolment(token));
