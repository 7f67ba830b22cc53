/**
 * The anonymous intake endpoints: a proof-of-work challenge for one write, a sealed testimony,
 * and the ciphertext of one of its voice notes. Request shapes are the server's own schemas.
 */
import type * as v from 'valibot';
import type { challengeRequest, issueChallenge } from '$lib/server/intake/proof-of-work';
import type { submissionUpload } from '$lib/server/intake/schemas';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { postJson, putBytes } from './http';

export type ChallengeRequest = v.InferInput<typeof challengeRequest>;
export type Challenge = Awaited<ReturnType<typeof issueChallenge>>;
/**
 * A request whose envelope the worker sealed. The worker reports its format version as a number,
 * not the one literal the schema accepts: the server refuses a version it does not support.
 */
export type SealedRequest<T extends { formatVersion: unknown }> = Omit<T, 'formatVersion'> & { formatVersion: number };
export type SubmissionRequest = SealedRequest<v.InferInput<typeof submissionUpload>>;
/** A write the server has (`created` false when it already had it: a retry after a lost answer). */
export type WriteAccepted = { id: string; created: boolean };
export type VoiceNoteStored = { stored: boolean };

/** A challenge bound to one write's kind and id; its solution pays for that write only. */
export function requestChallenge(binding: ChallengeRequest): Promise<Challenge> {
	return postJson<Challenge>('/api/proofs', binding);
}

/** A sealed testimony, paid for with a proof of work bound to its id. */
export function sendSubmission(upload: SubmissionRequest, proof: string): Promise<WriteAccepted> {
	return postJson<WriteAccepted>('/api/submissions', upload, { headers: { [PROOF_HEADER]: proof } });
}

/**
 * The ciphertext of a declared voice note, authorised by the receipt's lookup token and paid for
 * with its own proof; `onProgress` hears how many bytes have gone.
 */
export function uploadVoiceNote(
	note: { submissionId: string; attachmentId: string; ciphertext: ArrayBuffer },
	receiptLookupToken: string,
	proof: string,
	onProgress: (sentBytes: number) => void
): Promise<VoiceNoteStored> {
	return putBytes(
		`/api/submissions/${note.submissionId}/attachments/${note.attachmentId}`,
		note.ciphertext,
		{ 'x-receipt-lookup': receiptLookupToken, [PROOF_HEADER]: proof },
		onProgress
	) as Promise<VoiceNoteStored>;
}
