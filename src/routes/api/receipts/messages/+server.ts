import { json } from '@sveltejs/kit';
import { domainAnswer } from '$lib/server/http/endpoint';
import { admitIntake, refuseWhenDiskLow } from '$lib/server/intake/budget';
import { checkProof, spendProof } from '$lib/server/intake/proof-of-work';
import { addSurvivorMessage } from '$lib/server/intake/receipts';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES, survivorMessageUpload } from '$lib/server/intake/schemas';
import { readJson } from '$lib/server/http/validation';
import type { RequestHandler } from './$types';

const MAX_BODY_BYTES = Math.ceil((MAX_SUBMISSION_CIPHERTEXT_BYTES * 4) / 3) + 8192;

export const POST: RequestHandler = ({ request }) =>
	domainAnswer(async () => {
		const proof = await checkProof(request, 'message');
		const { lookupToken, message } = await readJson(request, survivorMessageUpload, MAX_BODY_BYTES);
		refuseWhenDiskLow(message.ciphertext.byteLength);
		spendProof(proof, message.id);
		admitIntake('message', message.ciphertext.byteLength);
		const { created } = addSurvivorMessage(lookupToken, message);
		return json({ id: message.id, created }, { status: created ? 201 : 200 });
	});
