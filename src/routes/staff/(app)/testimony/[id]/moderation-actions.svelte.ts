/**
 * What a moderator does with a testimony beyond editing the draft: opening it in the crypto
 * worker, saving the sealed draft, replying to the survivor, deciding, and the steps of a
 * rejection, each with the notice or problem the page shows. The worker, the server and the
 * page reload come in as services, so tests can stand in for them.
 */
import { invalidate } from '$app/navigation';
import * as api from '$lib/client/api/moderation';
import { ApiError } from '$lib/client/api/http';
import { cryptoWorker } from '$lib/client/crypto-client';
import type { AttachedFileReference, SubmissionPayload, VoiceNoteReference } from '$lib/crypto';
import { blackOutImage, RedactedImageTooLarge } from '$lib/attach/black-out';
import type { Box } from '$lib/moderation/image-boxes';
import { emptyDraft, type ModerationDraft } from '$lib/moderation/draft';
import type { StaffMessageKey, StaffTranslate } from '$lib/staff-i18n';
import { formatNumber, t } from '$lib/staff-text';
import type { ModerationWork, PendingSuggestion } from './moderation.svelte';
import type { PageData } from './$types';

export type TestimonyView = PageData['view'] & PageData['decision'];
export type RejectionKind = api.RejectionRequest['kind'];
export type RejectionReason = Extract<api.RejectionRequest, { kind: 'reject' }>['reason'];

export const STATUS_LABELS: Record<string, StaffMessageKey> = {
	new: 'staff_moderation_status_new',
	in_review: 'staff_moderation_status_in_review',
	waiting: 'staff_moderation_status_waiting',
	approved: 'staff_moderation_status_approved',
	rejected: 'staff_moderation_status_rejected'
};
export const REASON_LABELS: Record<string, StaffMessageKey> = {
	spam: 'staff_moderation_reason_spam',
	abuse: 'staff_moderation_reason_abuse',
	duplicate: 'staff_moderation_reason_duplicate',
	out_of_scope: 'staff_moderation_reason_out_of_scope'
};
/** A message that names a number: English has one form for 1 and one for the rest. */
export const counted = (
	text: StaffTranslate,
	n: number,
	one: StaffMessageKey,
	other: StaffMessageKey,
	params: Record<string, string | number> = {}
) => text(n === 1 ? one : other, { ...params, count: n });
/** A status or reason in words, the code itself when it has none. */
export const labelOf = (text: StaffTranslate, labels: Record<string, StaffMessageKey>, code: string) =>
	labels[code] ? text(labels[code]) : code;

export type ModerationServices = {
	worker: Pick<typeof cryptoWorker, 'call'>;
	api: Pick<typeof api, 'markInReview' | 'saveDraft' | 'sendReply' | 'decide' | 'rejectionStep'>;
	/** Reloads where the decision stands, and only that: the testimony is not sent (or audited) again. */
	refreshDecision: () => Promise<void>;
	/** The notices and problems in the reader's language. */
	text: StaffTranslate;
	/** Decrypts a photo, blacks out its boxes and seals the result to the corpus key. */
	sealCorpusImage?: (
		reference: AttachedFileReference,
		boxes: Box[],
		address: { imageId: string; recordId: string; corpusKeyVersion: number; sealedCorpusKey: string }
	) => Promise<{ nonce: string; ciphertext: string }>;
};

/** In the browser: the original is decrypted, blacked out and re-encoded here, and only the result is sealed. */
async function sealCorpusImage(
	reference: AttachedFileReference,
	boxes: Box[],
	address: { imageId: string; recordId: string; corpusKeyVersion: number; sealedCorpusKey: string }
): Promise<{ nonce: string; ciphertext: string }> {
	const ciphertext = await api.voiceNoteCiphertext(reference.attachmentId);
	const { file } = await cryptoWorker.call('staff.openFile', { ciphertext, reference }, [ciphertext]);
	const redacted = await blackOutImage(new Uint8Array(file), boxes);
	const image = redacted.buffer.slice(redacted.byteOffset, redacted.byteOffset + redacted.byteLength) as ArrayBuffer;
	return cryptoWorker.call('staff.sealResearchImage', { image, ...address }, [image]);
}

const browserServices: ModerationServices = {
	worker: cryptoWorker,
	api,
	refreshDecision: () => invalidate('testimony:decision'),
	sealCorpusImage,
	text: (key, params) =>
		t(key, params && mapValues(params, (value) => (typeof value === 'number' ? formatNumber(value) : value)))
};

function mapValues<T, U>(record: Record<string, T>, change: (value: T) => U): Record<string, U> {
	return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, change(value)]));
}

type Envelope = { formatVersion: number; nonce: string; ciphertext: string; sealedDataKey: string };

export class ModerationActions {
	problem = $state('');
	notice = $state('');
	busy = $state(false);
	replyText = $state('');
	rejectReason = $state<RejectionReason>('out_of_scope');
	/** The survivor's follow-ups, opened in this browser, with the voice notes they carry. */
	thread = $state<{ id: string; direction: string; sentDay: string; text: string; voices: VoiceNoteReference[] }[]>([]);
	/** The step the rejection dialog asks about. */
	rejectStep = $state<'reject' | 'confirm_rejection'>('reject');
	/** Suggestions still to redact or keep; approving waits for none. */
	unhandled: PendingSuggestion[];
	// Opening a new testimony puts it in review: a POST once it is on screen, never the GET.
	#reviewed = $state<{ id: string; status: string | null } | null>(null);

	/** `page` is read through a function so the actions follow the page's data after a reload. */
	constructor(
		private readonly work: ModerationWork,
		private readonly page: () => Pick<PageData, 'view' | 'decision' | 'domains'>,
		private readonly services: ModerationServices = browserServices
	) {
		this.unhandled = $derived(this.work.suggestions);
	}

	get #view(): TestimonyView {
		const { view, decision } = this.page();
		return { ...view, ...decision };
	}

	/** The status shown: "in review" as soon as this page moved a new testimony there. */
	get shownStatus(): string {
		const view = this.#view;
		return view.status === 'new' && this.#reviewed?.id === view.id ? (this.#reviewed.status ?? '') : view.status;
	}

	get canApprove(): boolean {
		return Boolean(this.#view.corpus) && this.unhandled.length === 0 && this.work.draft.reviewed && !this.busy;
	}

	/** Over the limit, this moderator's rejection is only a proposal until a colleague confirms. */
	get onlyProposal(): boolean {
		const { rejectionLimit } = this.#view;
		return this.rejectStep === 'reject' && rejectionLimit.used >= rejectionLimit.perDay;
	}

	/** What a rejection deletes, in words. */
	get losses(): string {
		const { rejectionLosses } = this.#view;
		const { text } = this.services;
		const voiceNotes = counted(
			text,
			rejectionLosses.voiceNotes,
			'staff_moderation_voice_notes_one',
			'staff_moderation_voice_notes_other'
		);
		const messages = counted(
			text,
			rejectionLosses.messages,
			'staff_moderation_messages_one',
			'staff_moderation_messages_other'
		);
		if (rejectionLosses.voiceNotes > 0 && rejectionLosses.messages > 0)
			return text('staff_moderation_losses_both', { voiceNotes, messages });
		if (rejectionLosses.voiceNotes > 0) return text('staff_moderation_losses_some', { items: voiceNotes });
		if (rejectionLosses.messages > 0) return text('staff_moderation_losses_some', { items: messages });
		return text('staff_moderation_losses_none');
	}

	#keyFor(channelKeyId: number) {
		const key = this.#view.keys[channelKeyId];
		if (!key?.sealedSecretKey) {
			throw new Error(this.services.text('staff_moderation_no_channel_key'));
		}
		return { version: key.version, publicKey: key.publicKey, sealedSecretKey: key.sealedSecretKey };
	}

	async #openEnvelope(channelKeyId: number, envelope: Envelope) {
		const key = this.#keyFor(channelKeyId);
		return (await this.services.worker.call('staff.openSubmission', {
			envelope,
			channelId: this.#view.channel.id,
			channelKeyVersion: key.version,
			channelPublicKey: key.publicKey,
			sealedChannelSecretKey: key.sealedSecretKey
		})) as SubmissionPayload;
	}

	/** Opens the testimony, its draft and the survivor's follow-ups in the worker. */
	async load(): Promise<void> {
		const { work } = this;
		const view = this.#view;
		this.problem = '';
		try {
			work.payload = await this.#openEnvelope(view.envelope.channelKeyId, view.envelope);
			if (view.draft) {
				const key = this.#keyFor(view.draft.channelKeyId);
				work.draft = (await this.services.worker.call('staff.openDraft', {
					draft: view.draft,
					submissionId: view.id,
					channelKeyVersion: key.version,
					channelPublicKey: key.publicKey,
					sealedChannelSecretKey: key.sealedSecretKey,
					draftVersion: view.draft.version
				})) as ModerationDraft;
			} else {
				work.draft = emptyDraft(view.channel.country);
			}
			work.draftVersion = view.draft?.version ?? 0;
			void this.#markOpened();
			work.dirty = false;
			this.thread = [];
			for (const item of view.thread) {
				if (item.direction !== 'from_survivor' || !item.nonce || !item.sealedDataKey || !item.channelKeyId) continue;
				const { formatVersion, nonce, ciphertext, sealedDataKey } = item;
				const payload = await this.#openEnvelope(item.channelKeyId, {
					formatVersion,
					nonce,
					ciphertext,
					sealedDataKey
				});
				const text = payload.answers
					.map((answer) => answer.text)
					.filter(Boolean)
					.join('\n');
				const voices = payload.answers.flatMap((answer) => (answer.voice ? [answer.voice] : []));
				this.thread.push({ id: item.id, direction: item.direction, sentDay: item.sentDay, text, voices });
			}
		} catch (cause) {
			this.problem = cause instanceof Error ? cause.message : this.services.text('staff_moderation_not_decrypted');
		}
	}

	async #markOpened(): Promise<void> {
		const view = this.#view;
		if (view.status !== 'new') return;
		const id = view.id;
		try {
			this.#reviewed = { id, status: (await this.services.api.markInReview(id)).status };
		} catch {
			// The status stays "new" and the next save or decision moves it on; nothing is lost.
		}
	}

	/**
	 * Voice notes whose transcript is written but not yet confirmed on the server. Every save
	 * confirms them, whichever button saved: approving or rejecting saves first too.
	 */
	get unconfirmedTranscripts(): string[] {
		const confirmed = new Set(this.#view.attachments.filter((item) => item.transcriptConfirmed).map((item) => item.id));
		return this.work.confirmedTranscripts(this.#view.attachments).filter((id) => !confirmed.has(id));
	}

	/** Seals the draft for the channel's moderators and saves it; false when that failed. */
	async save(): Promise<boolean> {
		const { work } = this;
		const view = this.#view;
		const confirmedTranscripts = work.confirmedTranscripts(view.attachments);
		this.busy = true;
		this.problem = this.notice = '';
		try {
			const key = this.#keyFor(view.currentChannelKeyId);
			const sealed = await this.services.worker.call('staff.sealDraft', {
				draft: $state.snapshot(work.draft),
				submissionId: view.id,
				channelKeyVersion: key.version,
				channelPublicKey: key.publicKey,
				draftVersion: work.draftVersion + 1
			});
			const { version } = await this.services.api.saveDraft(view.id, {
				expectedVersion: work.draftVersion,
				channelKeyVersion: key.version,
				...sealed,
				confirmedTranscripts
			});
			work.draftVersion = version;
			work.dirty = false;
			this.notice = this.services.text('staff_moderation_saved');
			return true;
		} catch (cause) {
			this.problem = cause instanceof ApiError ? cause.message : this.services.text('staff_moderation_save_failed');
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Seals the reply to the survivor's reply key, sends it, and keeps it in the draft. */
	async sendReply(): Promise<void> {
		if (!this.replyText.trim()) return;
		const view = this.#view;
		this.busy = true;
		this.problem = this.notice = '';
		try {
			const { sealedReply } = await this.services.worker.call('staff.sealReply', {
				text: this.replyText.trim(),
				replyPublicKey: view.replyPublicKey
			});
			await this.services.api.sendReply(view.id, sealedReply);
			this.work.draft.sentReplies.push({ at: new Date().toISOString(), text: this.replyText.trim() });
			this.replyText = '';
			this.busy = false;
			await this.save();
			this.notice = this.services.text('staff_moderation_reply_sent');
		} catch (cause) {
			this.problem = cause instanceof ApiError ? cause.message : this.services.text('staff_moderation_reply_failed');
			this.busy = false;
		}
	}

	/** Approves, with the research record sealed under the corpus key, or asks for more; saves first. */
	async decide(decision: 'approve' | 'waiting'): Promise<void> {
		const { work } = this;
		this.problem = this.notice = '';
		// A transcript written and approved is confirmed even when nothing else changed.
		const unsaved = work.dirty || (decision === 'approve' && this.unconfirmedTranscripts.length > 0);
		if (unsaved && !(await this.save())) return;
		const view = this.#view;
		this.busy = true;
		try {
			let body: api.DecisionRequest = { kind: 'waiting' };
			if (decision === 'approve') {
				const recordId = crypto.randomUUID();
				const sealed = await this.services.worker.call('staff.sealResearchRecord', {
					record: work.researchRecord(this.page().domains, view.channel.country),
					recordId,
					corpusKeyVersion: view.corpus!.version,
					sealedCorpusKey: view.corpus!.sealedKey
				});
				const images = [];
				for (const { reference, boxes } of work.includedImages) {
					const imageId = crypto.randomUUID();
					const seal = this.services.sealCorpusImage ?? sealCorpusImage;
					const sealedImage = await seal(reference, $state.snapshot(boxes), {
						imageId,
						recordId,
						corpusKeyVersion: view.corpus!.version,
						sealedCorpusKey: view.corpus!.sealedKey
					});
					images.push({ id: imageId, ...sealedImage, boxes: boxes.length });
				}
				body = {
					kind: 'approve',
					record: { id: recordId, corpusKeyVersion: view.corpus!.version, ...sealed, images }
				};
			}
			const { status } = await this.services.api.decide(view.id, body);
			this.notice = this.services.text('staff_moderation_decision_recorded', {
				status: labelOf(this.services.text, STATUS_LABELS, status)
			});
			await this.#refresh();
		} catch (cause) {
			this.problem =
				cause instanceof ApiError
					? cause.message
					: cause instanceof RedactedImageTooLarge
						? this.services.text('staff_moderation_attach_too_large')
						: this.services.text('staff_moderation_decision_failed');
		} finally {
			this.busy = false;
		}
	}

	/** After a decision the server holds: on a failed reload the page says so instead of showing the old status. */
	async #refresh(): Promise<void> {
		try {
			await this.services.refreshDecision();
		} catch {
			this.problem = this.services.text('staff_moderation_refresh_failed');
		}
	}

	/** Readies the rejection dialog; the page opens it. */
	askToReject(step: 'reject' | 'confirm_rejection'): void {
		this.problem = this.notice = '';
		this.rejectStep = step;
	}

	/** Rejects (saving the draft first), confirms or withdraws a proposal, or undoes a rejection. */
	async rejectionStep(kind: RejectionKind): Promise<void> {
		this.problem = this.notice = '';
		if (kind === 'reject' && this.work.dirty && !(await this.save())) return;
		this.busy = true;
		try {
			const body: api.RejectionRequest = kind === 'reject' ? { kind, reason: this.rejectReason } : { kind };
			const outcome = await this.services.api.rejectionStep(this.#view.id, body);
			this.notice = rejectionNotice(outcome, this.services.text);
			await this.#refresh();
		} catch (cause) {
			this.problem =
				cause instanceof ApiError ? cause.message : this.services.text('staff_moderation_rejection_failed');
		} finally {
			this.busy = false;
		}
	}
}

function rejectionNotice(outcome: api.RejectionAnswer, text: StaffTranslate): string {
	if (outcome.state === 'rejected') return text('staff_moderation_notice_rejected', { day: outcome.deleteOn });
	if (outcome.state === 'proposed') {
		return text(
			outcome.otherModerators === 0 ? 'staff_moderation_notice_proposed_alone' : 'staff_moderation_notice_proposed',
			{ limit: outcome.limit }
		);
	}
	if (outcome.state === 'withdrawn') return text('staff_moderation_notice_withdrawn');
	return text('staff_moderation_notice_undone');
}
