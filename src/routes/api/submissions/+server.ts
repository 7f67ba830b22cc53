import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/endpoint';
import { admitIntake } from '$lib/server/intake-budget';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES, submissionUpload } from '$lib/server/schemas';
import { acceptSubmission } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

/** base64 inflates by 4/3; the envelope's other fields need far less than 8 KiB. */
const MAX_BODY_BYTES = Math.ceil((MAX_SUBMISSION_CIPHERTEXT_BYTES * 4) / 3) + 8192;

export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, submissionUpload, MAX_BODY_BYTES, (upload) => {
		admitIntake('testimony', upload.ciphertext.byteLength);
		const { created } = acceptSubmission(upload);
		return json({ id: upload.id, created }, { status: created ? 201 : 200 });
	});
