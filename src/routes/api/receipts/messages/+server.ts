import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/endpoint';
import { admitIntake } from '$lib/server/intake-budget';
import { addSurvivorMessage } from '$lib/server/receipts';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES, survivorMessageUpload } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

const MAX_BODY_BYTES = Math.ceil((MAX_SUBMISSION_CIPHERTEXT_BYTES * 4) / 3) + 8192;

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, survivorMessageUpload, MAX_BODY_BYTES, ({ lookupToken, message }) => {
		admitIntake('message', message.ciphertext.byteLength);
		const { created } = addSurvivorMessage(lookupToken, message);
		return json({ id: message.id, created }, { status: created ? 201 : 200 });
	});
