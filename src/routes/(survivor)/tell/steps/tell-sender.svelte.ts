/**
 * Sealing and sending a testimony from the tell page: recordings and chosen files are encrypted
 * as soon as they exist, the testimony is sealed while the person reviews it, and Send delivers it. What goes
 * wrong decides the next step: a kiosk device without a line keeps it in the outbox, an intake
 * over its budget shows the busy step, anything else goes back to the review with a reason. The
 * crypto worker, the network and the outbox come in as services, so tests can stand in for them.
 */
import { cryptoWorker } from '$lib/client/crypto-client';
import type { PreparedAttachment } from '$lib/attach/prepare';
import type { CryptoOps, SealedAttachedFile, SealedVoiceNote } from '$lib/client/crypto-protocol';
import {
	deliverTestimony,
	deliveryFailure,
	isConnectionFailure,
	sealAttachment,
	sealVoiceNote,
	voiceUpload,
	type TestimonyDelivery
} from '$lib/client/deliver';
import type { enqueue, outboxState, queuedStatus, OutboxState } from '$lib/client/outbox';
import { startProof } from '$lib/client/proofs';
import type { VoiceNote } from '$lib/client/voice-recorder.svelte';
import { getLocale } from '$lib/paraglide/runtime';
import type { TellFlow } from './tell-flow.svelte';
import type { PageData } from './$types';

export type TellIntake = NonNullable<PageData['intake']>;

/** What sending needs from outside the page. */
export type TellServices = {
	worker: Pick<typeof cryptoWorker, 'call'>;
	sealVoiceNote: (note: VoiceNote) => Promise<SealedVoiceNote>;
	sealFile: (file: Uint8Array) => Promise<SealedAttachedFile>;
	deliver: typeof deliverTestimony;
	enqueue: typeof enqueue;
	outboxState: typeof outboxState;
	queuedStatus: typeof queuedStatus;
	startProof: typeof startProof;
	locale: () => string;
};

/** The outbox (and its IndexedDB code) loads only on a kiosk device, when it is first needed. */
const outbox = () => import('$lib/client/outbox');

const browserServices: TellServices = {
	worker: cryptoWorker,
	sealVoiceNote: (note) => sealVoiceNote(note),
	sealFile: (file) => sealAttachment(file),
	deliver: deliverTestimony,
	enqueue: async (delivery) => (await outbox()).enqueue(delivery),
	outboxState: async () => (await outbox()).outboxState(),
	queuedStatus: async (id) => (await outbox()).queuedStatus(id),
	startProof,
	locale: getLocale
};

type Sealed = CryptoOps['survivor.seal'][1];

/** What the review says when a send failed, by the reason it failed. */
const SEND_PROBLEMS = {
	crypto: 'crypto_unavailable',
	proof: 'pow_refused',
	refused: 'send_refused',
	failed: 'send_failed'
} as const;

export class TellSender {
	/** Why the server could not take the testimony now: 429 over its budget, 503 short of disk room. */
	busyStatus = $state<429 | 503>(429);
	/** Testimonies sealed on this kiosk device and not yet acknowledged by the server. */
	outbox = $state<OutboxState>({ waiting: 0, refused: 0 });
	/** The testimony being sealed in the worker while the person reviews it. */
	#sealing: Promise<Sealed> | null = null;
	/** Recordings and files still being encrypted; sealing the testimony waits for them. */
	#voiceSealing = new Set<Promise<unknown>>();

	/**
	 * `show` makes a step change and lets the page move the focus to the new step's heading;
	 * `intake` is read through a function so the sender follows the page's data.
	 */
	constructor(
		private readonly flow: TellFlow,
		private readonly intake: () => TellIntake | null,
		private readonly show: (change: () => void) => Promise<void>,
		private readonly services: TellServices = browserServices
	) {}

	/**
	 * Draws the receipt and runs its Argon2id in the worker while the person reads and writes.
	 * The testimony's proof of work is minted meanwhile too, so Send does not wait for it.
	 */
	prepare(): void {
		const intake = this.intake();
		if (!intake) return;
		this.services.worker
			.call('survivor.prepare', { deploymentSalt: intake.deploymentSalt })
			.then(({ submissionId }) => this.services.startProof('submission', submissionId))
			.catch(() => {});
	}

	/** Encrypts a new recording at once, so that sending later is only an upload. */
	recorded(questionId: string, note: VoiceNote | null): void {
		this.flow.setVoiceNote(questionId, note);
		if (!note) return;
		const work = this.services.sealVoiceNote(note).then((sealed) => this.flow.setSealedVoice(questionId, note, sealed));
		this.#voiceSealing.add(work);
		work.catch(() => {}).finally(() => this.#voiceSealing.delete(work));
	}

	/**
	 * Encrypts a photo or document the person added on the review, then seals the testimony again
	 * with it. Should the worker refuse it, it leaves the list and the review says why.
	 */
	attach(prepared: PreparedAttachment): void {
		this.flow.addFile(prepared);
		const work = this.services
			.sealFile(prepared.bytes)
			.then((sealed) => this.flow.setSealedFile(prepared, sealed))
			.catch(() => {
				this.flow.removeFile(prepared);
				this.flow.problem = this.flow.text('crypto_unavailable');
			});
		this.#voiceSealing.add(work);
		void work.finally(() => this.#voiceSealing.delete(work));
		this.#resealForReview();
	}

	detach(prepared: PreparedAttachment): void {
		this.flow.removeFile(prepared);
		this.#resealForReview();
	}

	/** The files changed on the review: the testimony sealed meanwhile is stale. */
	#resealForReview(): void {
		this.#sealing = null;
		if (this.flow.step === 'review') this.#startSealing();
	}

	async #seal(): Promise<Sealed> {
		await Promise.all(this.#voiceSealing);
		const intake = this.intake()!;
		const voice = [...this.flow.voiceUploads(), ...this.flow.sealedFiles];
		return this.services.worker.call('survivor.seal', {
			payload: this.flow.payload(this.services.locale()),
			channelId: intake.channelId,
			channelKeyVersion: intake.channelKeyVersion,
			channelPublicKey: intake.channelPublicKey,
			deploymentSalt: intake.deploymentSalt,
			attachments: voice.map((note) => ({ id: note.reference.attachmentId, bytes: note.ciphertext.byteLength }))
		});
	}

	/** Shows the review and seals the testimony meanwhile, if there is anything to send. */
	async toReview(): Promise<void> {
		await this.show(() => (this.flow.step = 'review'));
		this.#startSealing();
	}

	#startSealing(): void {
		this.#sealing = this.flow.answeredCount > 0 ? this.#seal() : null;
		// Already minting when the id was prepared; a testimony sealed again after an edit starts here.
		this.#sealing?.then(({ upload }) => this.services.startProof('submission', upload.id)).catch(() => {});
	}

	async send(): Promise<void> {
		const flow = this.flow;
		const intake = this.intake();
		if (!intake) return;
		flow.problem = '';
		await this.show(() => (flow.step = 'sending'));
		let delivery: TestimonyDelivery | null = null;
		try {
			if (!flow.upload) {
				const sealed = await (this.#sealing ?? this.#seal());
				flow.upload = sealed.upload;
				flow.receipt = sealed.receipt;
			}
			delivery = {
				upload: $state.snapshot(flow.upload),
				facilitationSessionId: intake.sessionId,
				voiceNotes: flow.voiceUploads().map(voiceUpload),
				files: flow.sealedFiles.map(voiceUpload)
			};
			await this.services.deliver(delivery, { onProgress: (percent) => (flow.progress = percent) });
			await this.#showReceipt();
		} catch (cause) {
			flow.progress = null;
			if (intake.kiosk && delivery && isConnectionFailure(cause)) {
				// A session device without a line: keep the ciphertext, send it when the line returns.
				try {
					await this.services.enqueue(delivery);
					flow.queued = true;
					await this.refreshOutbox();
					await this.#showReceipt();
					return;
				} catch {
					// Storage refused (private mode, full disk): say it could not be sent.
				}
			}
			const failure = deliveryFailure(cause);
			if (failure === 'busy' || failure === 'full') {
				// Intake is over its budget or out of disk room: nothing was stored, the answers stay for a retry.
				this.busyStatus = failure === 'full' ? 503 : 429;
				await this.show(() => (flow.step = 'busy'));
				return;
			}
			flow.problem = flow.text(SEND_PROBLEMS[failure]);
			await this.show(() => (flow.step = 'review'));
		}
	}

	async #showReceipt(): Promise<void> {
		this.flow.progress = null;
		await this.show(() => (this.flow.step = 'receipt'));
		this.flow.forgetAnswers();
	}

	async refreshOutbox(): Promise<void> {
		await this.outboxChanged(await this.services.outboxState());
	}

	/**
	 * The kiosk device sent what waited (or tried): the counts change, and the receipt on screen
	 * says "sent" only once the server has acknowledged this testimony.
	 */
	async outboxChanged(state: OutboxState): Promise<void> {
		this.outbox = state;
		const { queued, upload } = this.flow;
		if (!queued || !upload || this.flow.queuedStatus !== 'waiting') return;
		this.flow.queuedStatus = await this.services.queuedStatus(upload.id);
	}
}
