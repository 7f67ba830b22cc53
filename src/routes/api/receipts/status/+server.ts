import { jsonEndpoint } from '$lib/server/endpoint';
import { survivorView } from '$lib/server/receipts';
import { receiptRequest } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, receiptRequest, 1024, ({ lookupToken }) => survivorView(lookupToken));
