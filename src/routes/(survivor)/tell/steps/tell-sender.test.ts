import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/client/api/http';
import { WorkerCryptoError } from '$lib/client/crypto-client';
import type { PreparedAttachment } from '$lib/attach/prepare';
import type { SealedAttachedFile, SealedVoiceNote, SubmissionUpload } from '$lib/client/crypto-protocol';
import type { DeliveryProgress, TestimonyDelivery } from '$lib/client/deliver';
import type { SurvivorQuestion } from '$lib/questions';
import { TellFlow } from './tell-flow.svelte';
import { TellSender, type TellIntake, type TellServices } from './tell-sender.svelte';

const question = (id: string): SurvivorQuestion => ({
	id,
	version: 1,
	section: 'guided',
	kind: 'text',
	domain: null,
	contentNote: false,
	text: id,
	options: []
});
const QUESTIONS = [question('journey'), question('work')];

const sealedRecording: SealedVoiceNote = {
	reference: { attachmentId: 'v'.repeat(22), key: 'k', header: 'h', mimeType: 'audio/webm', seconds: 3 },
	ciphertext: new ArrayBuffer(64)
};

const photo: PreparedAttachment = {
	kind: 'image',
	bytes: new Uint8Array([1, 2, 3]),
	removed: ['place'],
	width: 4,
	height: 3
};
const letter: PreparedAttachment = { kind: 'document', bytes: new Uint8Array([4, 5]) };

/** A sealed stand-in for a prepared file: its id says which file it was. */
const sealedFile = (file: Uint8Array): SealedAttachedFile => ({
	reference: {
		attachmentId: `f${file[0]}`.padEnd(22, 'f'),
		key: 'k',
		header: 'h',
		kind: file[0] === 1 ? 'image' : 'document',
		mimeType: file[0] === 1 ? 'image/jpeg' : 'application/pdf',
		bytes: file.length
	},
	ciphertext: new ArrayBuffer(100 + file.length)
});

type Options = {
	kiosk?: boolean;
	/** Each send's outcome in turn: nothing for success, or what `deliver` throws. */
	outcomes?: unknown[];
	enqueue?: (delivery: TestimonyDelivery) => Promise<void>;
	sealFails?: boolean;
	/** Seals a file when the returned promise's resolver is called; at once when absent. */
	sealFile?: (file: Uint8Array) => Promise<SealedAttachedFile>;
};

/** A tell page without a browser: the worker seals stand-in uploads and `deliver` fails as told. */
function tellPage({ kiosk = false, outcomes = [], enqueue, sealFails = false, sealFile }: Options = {}) {
	const flow = new TellFlow(() => QUESTIONS);
	const address = { channelId: 'channel', channelKeyVersion: 1, channelPublicKey: 'pk', deploymentSalt: 'salt' };
	const intake = { ...address, sessionId: kiosk ? 'session' : null, kiosk } as TellIntake;
	const steps: string[] = [];
	const sealRequests: unknown[] = [];
	const delivered: TestimonyDelivery[] = [];
	const queued: TestimonyDelivery[] = [];
	const proofs: string[] = [];
	const worker = {
		async call(op: string, argument: unknown) {
			if (op === 'survivor.prepare') return { submissionId: 'prepared' };
			if (op !== 'survivor.seal') throw new Error(`unexpected ${op}`);
			if (sealFails) throw new WorkerCryptoError('WorkerError', 'The crypto worker could not start.');
			sealRequests.push(argument);
			const upload = { id: `testimony-${sealRequests.length}`, receiptLookupToken: 'lookup' } as SubmissionUpload;
			return { receipt: `receipt ${sealRequests.length}`, upload };
		}
	} as TellServices['worker'];
	const services: TellServices = {
		worker,
		sealVoiceNote: async () => sealedRecording,
		sealFile: sealFile ?? (async (file) => sealedFile(file)),
		async deliver(delivery: TestimonyDelivery, progress: DeliveryProgress = {}) {
			delivered.push(delivery);
			progress.onProgress?.(50);
			const outcome = outcomes.shift();
			if (outcome) throw outcome;
		},
		enqueue: enqueue ?? (async (delivery) => void queued.push(delivery)),
		outboxState: async () => ({ waiting: queued.length, refused: 0 }),
		queuedStatus: async (id) => (queued.some((delivery) => delivery.upload.id === id) ? 'waiting' : 'sent'),
		startProof: (purpose, subject) => void proofs.push(`${purpose}:${subject}`),
		locale: () => 'en'
	};
	const show = async (change: () => void) => {
		change();
		steps.push(flow.step);
	};
	const sender = new TellSender(flow, () => intake, show, services);
	flow.chooseMode('guided');
	flow.answers = { journey: 'We crossed at night.' };
	return { flow, sender, steps, sealRequests, delivered, queued, proofs };
}

describe('TellSender', () => {
	it('prepares the receipt in the worker and starts minting the testimony’s proof of work', async () => {
		const page = tellPage();
		page.sender.prepare();
		await new Promise((resolve) => setTimeout(resolve));
		expect(page.proofs).toEqual(['submission:prepared']);
	});

	it('seals during the review, sends that testimony and then shows the receipt without the answers', async () => {
		const page = tellPage();
		await page.sender.toReview();
		await page.sender.send();
		expect(page.steps).toEqual(['review', 'sending', 'receipt']);
		expect(page.sealRequests).toHaveLength(1);
		expect(page.delivered.map((delivery) => delivery.upload.id)).toEqual(['testimony-1']);
		expect(page.flow.receipt).toBe('receipt 1');
		expect(page.flow.answers).toEqual({});
		expect(page.flow.progress).toBeNull();
		expect(page.proofs).toContain('submission:testimony-1');
	});

	it('keeps the answers and the sealed testimony after a failed send, and resends the same one', async () => {
		const page = tellPage({ outcomes: [new TypeError('Failed to fetch')] });
		await page.sender.toReview();
		await page.sender.send();
		expect(page.flow.step).toBe('review');
		expect(page.flow.problem).toBe('send_failed');
		expect(page.flow.progress).toBeNull();
		expect(page.flow.answers).toEqual({ journey: 'We crossed at night.' });
		expect(page.flow.upload?.id).toBe('testimony-1');
		await page.sender.send();
		expect(page.flow.step).toBe('receipt');
		expect(page.sealRequests).toHaveLength(1);
		expect(page.delivered.map((delivery) => delivery.upload.id)).toEqual(['testimony-1', 'testimony-1']);
	});

	it('seals again when an answer changed after the review', async () => {
		const page = tellPage();
		await page.sender.toReview();
		page.flow.goToQuestion(0);
		page.flow.answers.journey = 'We crossed at dawn.';
		await page.sender.toReview();
		await page.sender.send();
		expect(page.sealRequests).toHaveLength(2);
		expect(page.delivered.map((delivery) => delivery.upload.id)).toEqual(['testimony-2']);
	});

	it('shows the busy step when intake is over its budget or short of disk room, keeping the answers', async () => {
		const page = tellPage({ outcomes: [new ApiError('Too many.', 429), new ApiError('No room.', 503)] });
		await page.sender.send();
		expect(page.flow.step).toBe('busy');
		expect(page.sender.busyStatus).toBe(429);
		await page.sender.send();
		expect(page.sender.busyStatus).toBe(503);
		expect(page.flow.answers).toEqual({ journey: 'We crossed at night.' });
		expect(page.flow.problem).toBe('');
	});

	it('tells a refused proof of work, a refused testimony and a failed worker apart', async () => {
		const page = tellPage({ outcomes: [new ApiError('Proof refused.', 428), new ApiError('Key changed.', 409)] });
		await page.sender.send();
		expect(page.flow.problem).toBe('pow_refused');
		await page.sender.send();
		expect(page.flow.problem).toBe('send_refused');
		const broken = tellPage({ sealFails: true });
		await broken.sender.send();
		expect(broken.flow.problem).toBe('crypto_unavailable');
		expect(broken.delivered).toEqual([]);
	});

	it('on a kiosk without a line, keeps the sealed testimony in the outbox and shows the receipt', async () => {
		const page = tellPage({ kiosk: true, outcomes: [new TypeError('Failed to fetch')] });
		await page.sender.send();
		expect(page.queued).toHaveLength(1);
		expect(page.queued[0]).toMatchObject({ upload: { id: 'testimony-1' }, facilitationSessionId: 'session' });
		expect(page.flow.queued).toBe(true);
		expect(page.flow.step).toBe('receipt');
		expect(page.sender.outbox).toEqual({ waiting: 1, refused: 0 });
		expect(page.flow.queuedStatus).toBe('waiting');
	});

	it('says a queued testimony was sent only once the outbox no longer holds it', async () => {
		const page = tellPage({ kiosk: true, outcomes: [new TypeError('Failed to fetch')] });
		await page.sender.send();
		await page.sender.outboxChanged({ waiting: 1, refused: 0 });
		expect(page.flow.queuedStatus).toBe('waiting');
		page.queued.length = 0;
		await page.sender.outboxChanged({ waiting: 0, refused: 0 });
		expect(page.flow.queuedStatus).toBe('sent');
		expect(page.sender.outbox).toEqual({ waiting: 0, refused: 0 });
	});

	it('on a kiosk, never queues a testimony the server refused', async () => {
		const page = tellPage({ kiosk: true, outcomes: [new ApiError('Session ended.', 410)] });
		await page.sender.send();
		expect(page.queued).toEqual([]);
		expect(page.flow.step).toBe('review');
		expect(page.flow.problem).toBe('send_refused');
	});

	it('on a kiosk whose storage refuses, says the testimony could not be sent', async () => {
		const page = tellPage({
			kiosk: true,
			outcomes: [new TypeError('Failed to fetch')],
			enqueue: () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'))
		});
		await page.sender.send();
		expect(page.flow.queued).toBe(false);
		expect(page.flow.step).toBe('review');
		expect(page.flow.problem).toBe('send_failed');
	});

	it('declares and sends a recording encrypted while the person was answering', async () => {
		const page = tellPage();
		page.sender.recorded('work', { blob: new Blob(['audio']), mimeType: 'audio/webm', seconds: 3 });
		await page.sender.toReview();
		await page.sender.send();
		expect(page.sealRequests[0]).toMatchObject({ attachments: [{ id: 'v'.repeat(22), bytes: 64 }] });
		const [{ voiceNotes }] = page.delivered;
		expect(voiceNotes).toEqual([{ attachmentId: 'v'.repeat(22), ciphertext: sealedRecording.ciphertext }]);
	});

	it('declares, seals into the testimony and sends the files added on the review, voice notes first', async () => {
		const page = tellPage();
		page.sender.recorded('work', { blob: new Blob(['audio']), mimeType: 'audio/webm', seconds: 3 });
		await page.sender.toReview();
		page.sender.attach(photo);
		page.sender.attach(letter);
		await page.sender.send();
		const last = page.sealRequests.at(-1) as { attachments: unknown; payload: { files: unknown } };
		expect(last.attachments).toEqual([
			{ id: 'v'.repeat(22), bytes: 64 },
			{ id: 'f1'.padEnd(22, 'f'), bytes: 103 },
			{ id: 'f4'.padEnd(22, 'f'), bytes: 102 }
		]);
		expect(last.payload.files).toEqual([sealedFile(photo.bytes).reference, sealedFile(letter.bytes).reference]);
		expect(page.delivered).toHaveLength(1);
		expect(page.delivered[0].files?.map((file) => file.attachmentId)).toEqual([
			'f1'.padEnd(22, 'f'),
			'f4'.padEnd(22, 'f')
		]);
		expect(page.delivered[0].upload.id).toBe(`testimony-${page.sealRequests.length}`);
		expect(page.flow.files).toEqual([]);
	});

	it('waits for a file still being sealed when Send is pressed at once', async () => {
		let release: () => void = () => {};
		const page = tellPage({
			sealFile: (file) => new Promise((resolve) => (release = () => resolve(sealedFile(file))))
		});
		await page.sender.toReview();
		page.sender.attach(photo);
		const sending = page.sender.send();
		await new Promise((resolve) => setTimeout(resolve));
		expect(page.delivered).toEqual([]);
		release();
		await sending;
		expect(page.delivered[0].files?.map((file) => file.attachmentId)).toEqual(['f1'.padEnd(22, 'f')]);
		expect(page.delivered[0].upload.id).toBe(`testimony-${page.sealRequests.length}`);
	});

	it('sends no file the person removed, and seals the testimony again without it', async () => {
		const page = tellPage();
		await page.sender.toReview();
		page.sender.attach(photo);
		page.sender.attach(letter);
		page.sender.detach(photo);
		await page.sender.send();
		const last = page.sealRequests.at(-1) as { attachments: { id: string }[]; payload: { files: unknown[] } };
		expect(last.attachments.map((item) => item.id)).toEqual(['f4'.padEnd(22, 'f')]);
		expect(last.payload.files).toHaveLength(1);
		expect(page.delivered[0].files?.map((file) => file.attachmentId)).toEqual(['f4'.padEnd(22, 'f')]);
	});

	it('drops a file the worker refuses to seal and says so on the review', async () => {
		const page = tellPage({ sealFile: () => Promise.reject(new WorkerCryptoError('WorkerError', 'No.')) });
		await page.sender.toReview();
		page.sender.attach(photo);
		await new Promise((resolve) => setTimeout(resolve));
		expect(page.flow.files).toEqual([]);
		expect(page.flow.problem).toBe('crypto_unavailable');
	});

	it('resends the same sealed testimony and files after a failed upload, never a second copy', async () => {
		const page = tellPage({ outcomes: [new TypeError('Failed to fetch')] });
		await page.sender.toReview();
		page.sender.attach(letter);
		await page.sender.send();
		expect(page.flow.step).toBe('review');
		expect(page.flow.files).toHaveLength(1);
		const sealedBefore = page.sealRequests.length;
		await page.sender.send();
		expect(page.sealRequests).toHaveLength(sealedBefore);
		expect(page.delivered.map((delivery) => delivery.upload.id)).toEqual([
			page.delivered[0].upload.id,
			page.delivered[0].upload.id
		]);
		expect(page.delivered[1].files).toEqual(page.delivered[0].files);
	});
});
