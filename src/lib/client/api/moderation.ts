/**
 * A moderator's work on a testimony: marking it in review, the sealed draft, replies sealed to
 * the survivor, decisions and the steps of a rejection, and the voice notes' ciphertext. Also
 * the inbox's language filter, which needs the envelopes to read each testimony's language.
 */
import type * as v from 'valibot';
import type { SubmissionStatus } from '$lib/server/db/schema';
import type { RejectionOutcome } from '$lib/server/moderation/rejections';
import type { inboxLanguageMaterial } from '$lib/server/moderation/review';
import type { decisionUpload, draftUpload } from '$lib/server/moderation/schemas';
import { postJson } from './http';

export type { SubmissionStatus };
export type DraftRequest = v.InferInput<typeof draftUpload>;
export type DecisionRequest = Extract<v.InferInput<typeof decisionUpload>, { kind: 'approve' | 'waiting' }>;
export type RejectionRequest = Exclude<v.InferInput<typeof decisionUpload>, DecisionRequest>;
/** What each step of a rejection answers (see the decision endpoint). */
export type RejectionAnswer = RejectionOutcome | { state: 'withdrawn' } | { state: 'undone'; status: SubmissionStatus };
export type LanguageMaterial = ReturnType<typeof inboxLanguageMaterial>;

/** Envelopes of inbox testimonies and this moderator's keys for them, to read their languages. */
export function languageMaterial(ids: string[]): Promise<LanguageMaterial> {
	return postJson('/staff/api/inbox/envelopes', { ids });
}

/** A new testimony is on a moderator's screen: it is now in review. */
export function markInReview(submissionId: string): Promise<{ status: SubmissionStatus | null }> {
	return postJson(`/staff/api/submissions/${submissionId}/review`, {});
}

/** The moderator's sealed draft; refused if someone saved a newer version in between. */
export function saveDraft(submissionId: string, request: DraftRequest): Promise<{ version: number }> {
	return postJson(`/staff/api/submissions/${submissionId}/draft`, request);
}

/** A reply sealed in this browser to the survivor's reply key. */
export function sendReply(submissionId: string, sealedReply: string): Promise<{ id: string }> {
	return postJson(`/staff/api/submissions/${submissionId}/replies`, { sealedReply });
}

/** Approves (with the sealed research record) or asks the survivor for more. */
export function decide(submissionId: string, request: DecisionRequest): Promise<{ status: SubmissionStatus }> {
	return postJson(`/staff/api/submissions/${submissionId}/decision`, request);
}

/** Rejects, confirms or withdraws a proposed rejection, or undoes one in its grace period. */
export function rejectionStep(submissionId: string, request: RejectionRequest): Promise<RejectionAnswer> {
	return postJson(`/staff/api/submissions/${submissionId}/decision`, request);
}

/** A voice note's ciphertext, to be opened in the worker. */
export async function voiceNoteCiphertext(attachmentId: string): Promise<ArrayBuffer> {
	const response = await fetch(`/staff/api/attachments/${attachmentId}`);
	if (!response.ok) {
		throw new Error((await response.json().catch(() => ({}))).message ?? 'The voice note could not be fetched.');
	}
	return response.arrayBuffer();
}
