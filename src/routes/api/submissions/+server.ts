import { json } from '@sveltejs/kit';
import { domainAnswer } from '$lib/server/http/endpoint';
import { refuseWhenDiskLow } from '$lib/server/intake/budget';
import { checkProof } from '$lib/server/intake/proof-of-work';
import { MAX_SUBMISSION_CIPHERTEXT_BYTES, submissionUpload } from '$lib/server/intake/schemas';
import { acceptPaidSubmission } from '$lib/server/intake/submissions';
import { readJson } from '$lib/server/http/validation';
import type { RequestHandler } from './$types';

/** base64 inflates by 4/3; the envelope's other fields need far less than 8 KiB. */
const MAX_BODY_BYTES = Math.ceil((MAX_SUBMISSION_CIPHERTEXT_BYTES * 4) / 3) + 8192;

export const POST: RequestHandler = ({ request }) =>
	domainAnswer(async () => {
		// The proof of work is checked before the body is read: an unpaid request costs nothing.
		const proof = checkProof(request, 'submission');
		const upload = await readJson(request, submissionUpload, MAX_BODY_BYTES);
		refuseWhenDiskLow(upload.ciphertext.byteLength);
		// Spent before the budget counts the write, so one proof replayed cannot drain the budget.
		const { created } = await acceptPaidSubmission(proof, upload);
		return json({ id: upload.id, created }, { status: created ? 201 : 200 });
	});
