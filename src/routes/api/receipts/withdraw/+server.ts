import { jsonEndpoint } from '$lib/server/endpoint';
import { withdraw } from '$lib/server/receipts';
import { receiptRequest } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, receiptRequest, 1024, ({ lookupToken }) => {
		withdraw(lookupToken);
		return { withdrawn: true };
	});
