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
import type { SubmissionPayload, VoiceNoteReference } from '$lib/crypto';
import { emptyDraft, type ModerationDraft } from '$lib/moderation/draft';
import type { ModerationWork, PendingSuggestion } from './moderation.svelte';
import type { PageData } from './$types';

export type TestimonyView = PageData['view'] & PageData['decision'];
export type RejectionKind = api.RejectionRequest['kind'];
export type RejectionReason = Extract<api.RejectionRequest, { kind: 'reject' }>['reason'];

export const STATUS_LABELS: Record<string, string> = {
	new: 'New',
	in_review: 'In review',
	waiting: 'Waiting for the survivor',
	approved: 'Approved',
	rejected: 'Rejected'
};
export const REASON_LABELS: Record<string, string> = {
	spam: 'Spam',
	abuse: 'Abuse',
	duplicate: 'Duplicate',
	out_of_scope: 'Out of scope'
};
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export type ModerationServices = {
	worker: Pick<typeof cryptoWorker, 'call'>;
	api: Pick<typeof api, 'markInReview' | 'saveDraft' | 'sendReply' | 'decide' | 'rejectionStep'>;
	/** Reloads where the decision stands, and only that: the testimony is not sent (or audited) again. */
	refreshDecision: () => Promise<void>;
};

const browserServices: ModerationServices = {
	worker: cryptoWorker,
	api,
	refreshDecision: () => invalidate('testimony:decision')
};

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
		const items: string[] = [];
		if (rejectionLosses.voiceNotes > 0) items.push(plural(rejectionLosses.voiceNotes, 'voice note', 'voice notes'));
		if (rejectionLosses.messages > 0) items.push(plural(rejectionLosses.messages, 'message', 'messages'));
		return items.length === 0 ? 'this testimony' : `this testimony, its ${items.join(' and ')}`;
	}

	#keyFor(channelKeyId: number) {
		const key = this.#view.keys[channelKeyId];
		if (!key?.sealedSecretKey) {
			throw new Error('You do not hold the channel key this testimony was sealed to. Ask a key holder to grant it.');
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
			this.problem = cause instanceof Error ? cause.message : 'This testimony could not be decrypted.';
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

	/** Seals the draft for the channel's moderators and saves it; false when that failed. */
	async save(confirmedTranscripts: string[] = []): Promise<boolean> {
		const { work } = this;
		const view = this.#view;
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
			this.notice = 'Saved, encrypted for this channel’s moderators.';
			return true;
		} catch (cause) {
			this.problem = cause instanceof ApiError ? cause.message : 'The draft could not be saved.';
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
			this.notice = 'Reply sent. The survivor reads it with their receipt number.';
		} catch (cause) {
			this.problem = cause instanceof ApiError ? cause.message : 'The reply could not be sent.';
			this.busy = false;
		}
	}

	/** Approves, with the research record sealed under the corpus key, or asks for more; saves first. */
	async decide(decision: 'approve' | 'waiting'): Promise<void> {
		const { work } = this;
		this.problem = this.notice = '';
		if (work.dirty && !(await this.save())) return;
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
				body = { kind: 'approve', record: { id: recordId, corpusKeyVersion: view.corpus!.version, ...sealed } };
			}
			const { status } = await this.services.api.decide(view.id, body);
			this.notice = `Decision recorded: ${STATUS_LABELS[status] ?? status}.`;
			await this.#refresh();
		} catch (cause) {
			this.problem = cause instanceof ApiError ? cause.message : 'The decision could not be recorded.';
		} finally {
			this.busy = false;
		}
	}

	/** After a decision the server holds: on a failed reload the page says so instead of showing the old status. */
	async #refresh(): Promise<void> {
		try {
			await this.services.refreshDecision();
		} catch {
			this.problem = 'The decision was recorded, but this page could not show it. Reload the page.';
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
			this.notice = rejectionNotice(outcome);
			await this.#refresh();
		} catch (cause) {
			this.problem = cause instanceof ApiError ? cause.message : 'The rejection could not be recorded.';
		} finally {
			this.busy = false;
		}
	}
}

function rejectionNotice(outcome: api.RejectionAnswer): string {
	if (outcome.state === 'rejected') {
		return `Rejected. It will be deleted on ${outcome.deleteOn} unless a moderator of this channel undoes it.`;
	}
	if (outcome.state === 'proposed') {
		return (
			`Rejection proposed. You have made ${outcome.limit} or more rejections in 24 hours, ` +
			'so another moderator of this channel must confirm it.' +
			(outcome.otherModerators === 0
				? ' This channel has no other moderator, so nobody can confirm it yet: ' +
					'ask an admin to add one, or withdraw the proposal.'
				: '')
		);
	}
	if (outcome.state === 'withdrawn') return 'The proposed rejection was withdrawn.';
	return 'Rejection undone. The testimony is back where it was.';
}
