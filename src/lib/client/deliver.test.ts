import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api/http';
import { WorkerCryptoError } from './crypto-client';
import type { SubmissionUpload, SurvivorMessageUpload } from './crypto-protocol';
import { deliverFollowUp, deliverTestimony, deliveryFailure } from './deliver';

/** Every write, in order, with the proof it was paid with. */
const writes: { what: string; proof: string; detail?: unknown }[] = [];
/** Bytes each upload reports sent, in turn. */
let reportedBytes: number[] = [];

vi.mock('./proofs', () => ({
	// A proof is bound to the write's kind and id; here its value says which.
	withProof: (purpose: string, subject: string, write: (proof: string) => Promise<unknown>) =>
		write(`${purpose}:${subject}`),
	startProof: () => {},
	isProofRefusal: (cause: unknown) => cause instanceof ApiError && cause.status === 428
}));

vi.mock('./api/intake', () => ({
	sendSubmission: async (body: { id: string }, proof: string) => {
		if (body.id === 'refused') throw new Error('The channel key has changed.');
		writes.push({ what: 'testimony', proof, detail: body });
	},
	uploadVoiceNote: async (
		note: { submissionId: string; attachmentId: string },
		receiptLookupToken: string,
		proof: string,
		onProgress: (sent: number) => void
	) => {
		for (const sent of reportedBytes) onProgress(sent);
		writes.push({ what: `voice ${note.submissionId}/${note.attachmentId}`, proof, detail: receiptLookupToken });
	}
}));

vi.mock('./api/receipts', () => ({
	sendFollowUp: async (body: unknown, proof: string) => void writes.push({ what: 'follow-up', proof, detail: body })
}));

const upload = { id: 'testimony-1', receiptLookupToken: 'lookup' } as SubmissionUpload;
const voice = (attachmentId: string, bytes: number) => ({ attachmentId, ciphertext: new ArrayBuffer(bytes) });

beforeEach(() => {
	writes.length = 0;
	reportedBytes = [];
});

describe('deliverTestimony', () => {
	it('sends the testimony with its proof, then each voice note with its own, under the lookup token', async () => {
		await deliverTestimony({ upload, facilitationSessionId: null, voiceNotes: [voice('a1', 10), voice('a2', 30)] });
		expect(writes).toEqual([
			{ what: 'testimony', proof: 'submission:testimony-1', detail: upload },
			{ what: 'voice testimony-1/a1', proof: 'attachment:a1', detail: 'lookup' },
			{ what: 'voice testimony-1/a2', proof: 'attachment:a2', detail: 'lookup' }
		]);
	});

	it('names the facilitated session only when there is one', async () => {
		await deliverTestimony({ upload, facilitationSessionId: 'session-1', voiceNotes: [] });
		expect(writes[0].detail).toEqual({ ...upload, facilitationSessionId: 'session-1' });
	});

	it('reports progress over the bytes of all voice notes together', async () => {
		const progress: number[] = [];
		reportedBytes = [5, 10];
		await deliverTestimony(
			{ upload, facilitationSessionId: null, voiceNotes: [voice('a1', 10), voice('a2', 30)] },
			{ onProgress: (percent) => progress.push(percent) }
		);
		expect(progress).toEqual([12, 25, 37, 50]);
	});

	it('uploads the attached files after the voice notes, each with its own proof, and counts them in the progress', async () => {
		const progress: number[] = [];
		reportedBytes = [10];
		await deliverTestimony(
			{ upload, facilitationSessionId: null, voiceNotes: [voice('a1', 10)], files: [voice('f1', 10), voice('f2', 20)] },
			{ onProgress: (percent) => progress.push(percent) }
		);
		expect(writes.map(({ what, proof }) => `${what} ${proof}`)).toEqual([
			'testimony submission:testimony-1',
			'voice testimony-1/a1 attachment:a1',
			'voice testimony-1/f1 attachment:f1',
			'voice testimony-1/f2 attachment:f2'
		]);
		expect(progress).toEqual([25, 50, 75]);
	});

	it('sends no voice note when the testimony itself was refused', async () => {
		const refused = {
			upload: { ...upload, id: 'refused' },
			facilitationSessionId: null,
			voiceNotes: [voice('a1', 10)]
		};
		await expect(deliverTestimony(refused)).rejects.toThrow('The channel key has changed.');
		expect(writes).toEqual([]);
	});
});

describe('deliverFollowUp', () => {
	const message = { id: 'message-1' } as SurvivorMessageUpload;

	it('sends the message with its proof, then its voice note under the testimony the receipt opened', async () => {
		await deliverFollowUp({
			lookupToken: 'lookup',
			submissionId: 'testimony-1',
			message,
			voiceNotes: [voice('a1', 10)]
		});
		expect(writes).toEqual([
			{ what: 'follow-up', proof: 'message:message-1', detail: { lookupToken: 'lookup', message } },
			{ what: 'voice testimony-1/a1', proof: 'attachment:a1', detail: 'lookup' }
		]);
	});

	it('can show the progress line from the start of the upload', async () => {
		const progress: number[] = [];
		reportedBytes = [10];
		const delivery = { lookupToken: 'lookup', submissionId: 'testimony-1', message, voiceNotes: [voice('a1', 10)] };
		await deliverFollowUp(delivery, { onProgress: (percent) => progress.push(percent), reportStart: true });
		expect(progress).toEqual([0, 100]);
		progress.length = 0;
		const withoutVoice = { ...delivery, voiceNotes: [] };
		await deliverFollowUp(withoutVoice, { onProgress: (percent) => progress.push(percent), reportStart: true });
		expect(progress).toEqual([]);
	});
});

describe('deliveryFailure', () => {
	it('sorts a failed send into what the person is told', () => {
		expect(deliveryFailure(new WorkerCryptoError('WorkerError', 'The crypto worker could not start.'))).toBe('crypto');
		expect(deliveryFailure(new ApiError('The proof of work is not valid.', 428))).toBe('proof');
		expect(deliveryFailure(new ApiError('Too many people are sending right now.', 429))).toBe('busy');
		expect(deliveryFailure(new ApiError('The portal cannot store anything new right now.', 503))).toBe('full');
		expect(deliveryFailure(new ApiError('The channel key has changed.', 409))).toBe('refused');
		expect(deliveryFailure(new ApiError('Bad gateway.', 502))).toBe('failed');
		expect(deliveryFailure(new TypeError('Failed to fetch'))).toBe('failed');
	});
});
