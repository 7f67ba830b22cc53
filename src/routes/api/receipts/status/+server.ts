import { jsonEndpoint } from '$lib/server/http/endpoint';
import { survivorView } from '$lib/server/intake/receipts';
import { receiptRequest } from '$lib/server/intake/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, receiptRequest, 1024, ({ lookupToken }) => survivorView(lookupToken));
