import { json } from '@sveltejs/kit';
import { BadRequest, readJson, refuse } from '$lib/server/validation';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES, submissionUpload } from '$lib/server/schemas';
import { SubmissionRejected, acceptSubmission } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

/** base64 inflates by 4/3; the envelope's other fields need far less than 4 KiB. */
const MAX_BODY_BYTES = Math.ceil((MAX_SUBMISSION_CIPHERTEXT_BYTES * 4) / 3) + 4096;

export const POST: RequestHandler = async ({ request }) => {
	try {
		const upload = await readJson(request, submissionUpload, MAX_BODY_BYTES);
		const { created } = acceptSubmission(upload);
		return json({ id: upload.id, created }, { status: created ? 201 : 200 });
	} catch (cause) {
		if (cause instanceof BadRequest || cause instanceof SubmissionRejected) {
			return refuse(cause.status, cause.message);
		}
		throw cause;
	}
};
