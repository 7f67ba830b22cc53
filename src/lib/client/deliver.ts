/**
 * Sending what a survivor sealed: a testimony (from the tell page, or from a kiosk's outbox when
 * the line returns) or a follow-up message (from the check page). Both take one path: the
 * record's own write with its proof of work, then each voice note's and attached file's upload
 * with its own proof, reporting progress. Retrying after a partial failure is safe: the server recognises what it
 * already has. Also here, what both pages do around it: sealing a recording or a chosen file as
 * soon as it exists, and sorting a failure into what the person is told.
 */
import { ApiError } from './api/http';
import { sendSubmission, uploadVoiceNote } from './api/intake';
import { sendFollowUp } from './api/receipts';
import { WorkerCryptoError, cryptoWorker } from './crypto-client';
import type { SealedAttachedFile, SealedVoiceNote, SubmissionUpload, SurvivorMessageUpload } from './crypto-protocol';
import { isProofRefusal, startProof, withProof } from './proofs';
import type { VoiceNote } from './voice-recorder.svelte';

/** A sealed voice note or file as it is uploaded: both go to the same attachment endpoint. */
export type AttachmentUpload = { attachmentId: string; ciphertext: ArrayBuffer };
export type VoiceUpload = AttachmentUpload;

/** A testimony ready to send: the same id and bytes however many times it is tried. */
export type TestimonyDelivery = {
	upload: SubmissionUpload;
	facilitationSessionId: string | null;
	voiceNotes: VoiceUpload[];
	/** Photos and documents; absent from deliveries a kiosk's outbox kept before files existed. */
	files?: AttachmentUpload[];
};

/** A follow-up ready to send to the testimony its receipt opened, with the same id on a retry. */
export type FollowUpDelivery = {
	lookupToken: string;
	submissionId: string;
	message: SurvivorMessageUpload;
	voiceNotes: VoiceUpload[];
};

export type DeliveryProgress = {
	/** Upload progress of the voice notes and files, 0 to 100. */
	onProgress?: (percent: number) => void;
	/** Reports 0 before the first upload goes, so the progress line shows at once. */
	reportStart?: boolean;
};

/** A sealed record's write and where its voice notes go; the steps common to both kinds. */
type SealedDelivery = {
	write: { purpose: 'submission' | 'message'; id: string; send: (proof: string) => Promise<unknown> };
	submissionId: string;
	/** Authorises the uploads: only the receipt's holder knows it. */
	receiptLookupToken: string;
	/** Voice notes, then files, in the order they are sent. */
	uploads: AttachmentUpload[];
};

async function deliver(delivery: SealedDelivery, { onProgress, reportStart = false }: DeliveryProgress): Promise<void> {
	const { write, submissionId, receiptLookupToken, uploads } = delivery;
	await withProof(write.purpose, write.id, write.send);
	const total = uploads.reduce((sum, note) => sum + note.ciphertext.byteLength, 0);
	let done = 0;
	if (reportStart && uploads.length > 0) onProgress?.(0);
	for (const note of uploads) {
		await withProof('attachment', note.attachmentId, (proof) =>
			uploadVoiceNote({ submissionId, ...note }, receiptLookupToken, proof, (sent) =>
				onProgress?.(Math.floor(((done + sent) / total) * 100))
			)
		);
		done += note.ciphertext.byteLength;
	}
}

/**
 * Sends a testimony, its voice notes and its files, each with its own proof of work (minted early
 * by the page, or here when an outbox is flushed).
 */
export function deliverTestimony(delivery: TestimonyDelivery, progress: DeliveryProgress = {}): Promise<void> {
	const { upload, facilitationSessionId } = delivery;
	const body = { ...upload, ...(facilitationSessionId ? { facilitationSessionId } : {}) };
	return deliver(
		{
			write: { purpose: 'submission', id: upload.id, send: (proof) => sendSubmission(body, proof) },
			submissionId: upload.id,
			receiptLookupToken: upload.receiptLookupToken,
			uploads: [...delivery.voiceNotes, ...(delivery.files ?? [])]
		},
		progress
	);
}

/** Sends a survivor's follow-up message, then its voice note under the testimony's id. */
export function deliverFollowUp(delivery: FollowUpDelivery, progress: DeliveryProgress = {}): Promise<void> {
	const { lookupToken, message } = delivery;
	return deliver(
		{
			write: { purpose: 'message', id: message.id, send: (proof) => sendFollowUp({ lookupToken, message }, proof) },
			submissionId: delivery.submissionId,
			receiptLookupToken: lookupToken,
			uploads: delivery.voiceNotes
		},
		progress
	);
}

/** The part of the crypto worker that seals a recording. */
export type VoiceSealer = Pick<typeof cryptoWorker, 'call'>;

/**
 * Encrypts a recording in the worker and starts minting its upload's proof of work, so that
 * sending it later is only an upload.
 */
export async function sealVoiceNote(note: VoiceNote, worker: VoiceSealer = cryptoWorker): Promise<SealedVoiceNote> {
	const audio = await note.blob.arrayBuffer();
	const recording = { audio, mimeType: note.mimeType, seconds: note.seconds };
	const sealed = await worker.call('survivor.sealVoice', recording, [audio]);
	startProof('attachment', sealed.reference.attachmentId);
	return sealed;
}

/** The part of the crypto worker that seals a chosen photo or document. */
export type FileSealer = Pick<typeof cryptoWorker, 'call'>;

/**
 * Encrypts a prepared photo or document in the worker (a copy: the page keeps its bytes for the
 * preview) and starts minting its upload's proof of work.
 */
export async function sealAttachment(file: Uint8Array, worker: FileSealer = cryptoWorker): Promise<SealedAttachedFile> {
	const copy = file.slice().buffer as ArrayBuffer;
	const sealed = await worker.call('survivor.sealFile', { file: copy }, [copy]);
	startProof('attachment', sealed.reference.attachmentId);
	return sealed;
}

/** A sealed voice note or file as it is uploaded. */
export const voiceUpload = (sealed: SealedVoiceNote | SealedAttachedFile): AttachmentUpload => ({
	attachmentId: sealed.reference.attachmentId,
	ciphertext: sealed.ciphertext
});

/**
 * Why a send failed, as the pages tell it: the crypto worker failed, the proof of work was
 * refused, the server is over its intake budget (429) or short of disk room (503), the server
 * refused what was sent (another 4xx), or anything else (no line, a server error).
 */
export type DeliveryFailure = 'crypto' | 'proof' | 'busy' | 'full' | 'refused' | 'failed';

export function deliveryFailure(cause: unknown): DeliveryFailure {
	if (cause instanceof WorkerCryptoError) return 'crypto';
	if (isProofRefusal(cause)) return 'proof';
	if (!(cause instanceof ApiError)) return 'failed';
	if (cause.status === 429) return 'busy';
	if (cause.status === 503) return 'full';
	return cause.status >= 400 && cause.status < 500 ? 'refused' : 'failed';
}

/**
 * True when a failure of `deliverTestimony` means "not now" rather than "refused": the network
 * dropped, the server or a proxy in front of it is down, or the server's intake budget is spent (429).
 * A refusal (other 4xx) would be refused again.
 */
export function isConnectionFailure(cause: unknown): boolean {
	return !(cause instanceof ApiError) || cause.status >= 500 || cause.status === 0 || cause.status === 429;
}
