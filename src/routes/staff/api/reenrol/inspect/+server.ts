import { jsonEndpoint } from '$lib/server/endpoint';
import { describeReenrolment } from '$lib/server/reenrolment';
import { reenrolmentInspectRequest } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

/** Whether a re-enrolment link can still be used, and until when. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, reenrolmentInspectRequest, 1024, ({ token }) => describeReenrolment(token));
