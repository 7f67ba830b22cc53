import { domainAnswer } from '$lib/server/http/endpoint';
import { checkProof, spendProof } from '$lib/server/intake/proof-of-work';
import { withdraw } from '$lib/server/intake/receipts';
import { receiptRequest } from '$lib/server/intake/schemas';
import { readJson } from '$lib/server/http/validation';
import type { RequestHandler } from './$types';
import { toBase64url } from '$lib/encoding/base64url';

export const POST: RequestHandler = ({ request }) =>
	domainAnswer(async () => {
		// Bound to the lookup token: each withdrawal attempt, and so each guess, costs the work.
		const proof = await checkProof(request, 'withdraw');
		const { lookupToken } = await readJson(request, receiptRequest, 1024);
		spendProof(proof, toBase64url(lookupToken));
		withdraw(lookupToken);
		return { withdrawn: true };
	});
