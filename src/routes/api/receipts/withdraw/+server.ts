import { domainAnswer } from '$lib/server/endpoint';
import { checkProof, spendProof } from '$lib/server/pow';
import { withdraw } from '$lib/server/receipts';
import { receiptRequest } from '$lib/server/schemas';
import { readJson } from '$lib/server/validation';
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
