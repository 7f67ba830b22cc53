import { json } from '@sveltejs/kit';
import { DomainError } from '$lib/server/http/errors';
import { IntakeRefused, admitIntake, refuseWhenDiskLow } from '$lib/server/intake/budget';
import { ProofRefused, requireProof } from '$lib/server/intake/proof-of-work';
import { MAX_VOICE_NOTE_CIPHERTEXT_BYTES } from '$lib/server/intake/schemas';
import { bodyChunks } from '$lib/server/security/body-limit';
import { storeAttachment } from '$lib/server/intake/submissions';
import { refuse } from '$lib/server/http/validation';
import type { RequestHandler } from './$types';
import { fromBase64urlIgnoringTail } from '$lib/encoding/base64url';

const ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The ciphertext of a declared voice note, as raw bytes streamed into the database as they
 * arrive; the receipt's lookup token authorises it.
 */
export const PUT: RequestHandler = async ({ params, request }) => {
	if (!ID.test(params.id) || !ID.test(params.attachmentId)) return refuse(404, 'No voice note is expected here.');
	const token = request.headers.get('x-receipt-lookup') ?? '';
	if (!TOKEN.test(token)) return refuse(401, 'The receipt token is missing or malformed.');
	if ((request.headers.get('content-type') ?? '') !== 'application/octet-stream') {
		return refuse(415, 'Send the voice note as application/octet-stream.');
	}
	// Paid for before a byte of the body is read: each voice note costs its own proof of work.
	try {
		refuseWhenDiskLow(Number(request.headers.get('content-length') ?? '0') || 0);
		await requireProof(request, { purpose: 'attachment', subject: params.attachmentId });
	} catch (cause) {
		if (cause instanceof ProofRefused) return refuse(cause.status, cause.message);
		if (cause instanceof IntakeRefused) return refuse(cause.status, cause.message, cause.retryAfterSeconds);
		throw cause;
	}
	try {
		const pieces = bodyChunks(request, MAX_VOICE_NOTE_CIPHERTEXT_BYTES);
		const { stored } = await storeAttachment(
			params.id,
			params.attachmentId,
			fromBase64urlIgnoringTail(token),
			pieces,
			(bytes) => admitIntake('voice-note', bytes)
		);
		return json({ stored }, { status: stored ? 201 : 200 });
	} catch (cause) {
		if (cause instanceof IntakeRefused) return refuse(cause.status, cause.message, cause.retryAfterSeconds);
		if (!(cause instanceof DomainError)) throw cause;
		return refuse(cause.status, cause.status === 413 ? 'The voice note is too large.' : cause.message);
	}
};
