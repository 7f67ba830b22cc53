import type { SubmissionAnswer, SubmissionPayload } from '$lib/crypto';
import type { PreparedAttachment } from '$lib/attach/prepare';
import type { SealedAttachedFile, SealedVoiceNote, SubmissionUpload } from '$lib/client/crypto-protocol';
import type { VoiceNote } from '$lib/client/voice-recorder.svelte';
import type { MessageKey } from '$lib/i18n';
import type { SurvivorQuestion } from '$lib/questions';
import { NO_CONSENT, consentProblem, type ConsentAnswers } from './consent';

export type TellStep = 'consent' | 'mode' | 'question' | 'context' | 'review' | 'sending' | 'busy' | 'receipt';
export type TellMode = 'guided' | 'free';
/** Where a testimony kept in a kiosk device's outbox stands: not yet taken, taken, or refused. */
export type QueuedStatus = 'waiting' | 'sent' | 'refused';
export const PREFER_NOT = 'prefer_not';

/**
 * A photo or document attached to the testimony (not to one answer): as prepared in the page
 * (a photo already re-encoded, for its preview and what was removed), and once the worker has
 * sealed it. Its name is never kept: it may be a person's name.
 */
export type AttachedFile = { prepared: PreparedAttachment; sealed: SealedAttachedFile | null };

/**
 * Everything a survivor has entered, held in memory only. `wipe` forgets it all; nothing is
 * ever written to storage, cookies or the URL.
 */
export class TellFlow {
	/** The safety note is a page of its own before this flow (it needs no JavaScript). */
	step = $state<TellStep>('consent');
	consent = $state({ ...NO_CONSENT.consent });
	/** Answer to "can you delete what you told us later?": must be 'yes' to go on. */
	understood = $state<ConsentAnswers['understood']>('');
	mode = $state<TellMode>('guided');
	answers = $state<Record<string, string>>({});
	/**
	 * Recordings as the survivor hears them back, until sending, and the same recordings
	 * already encrypted in the worker. Raw state: blobs and buffers must not be proxied, and
	 * identity comparisons must see the objects the recorder made.
	 */
	voiceNotes = $state.raw<Record<string, VoiceNote | null>>({});
	sealedVoice = $state.raw<Record<string, SealedVoiceNote>>({});
	/** Photos and documents of the whole testimony, in the order chosen. Raw state, like the recordings. */
	files = $state.raw<AttachedFile[]>([]);
	context = $state<Record<string, string>>({});
	questionIndex = $state(0);
	/** The sealed testimony kept for a retry, so a resend reuses its ids and never duplicates. */
	upload = $state<SubmissionUpload | null>(null);
	/** Sealed and kept on a kiosk device to send when the line returns. */
	queued = $state(false);
	/** Whether the server has since taken (or refused) the testimony kept in the outbox. */
	queuedStatus = $state<QueuedStatus>('waiting');
	/** Shown only once the server has confirmed the upload (or a kiosk device queued it). */
	receipt = $state('');
	writtenDown = $state(false);
	problem = $state('');
	/** Upload progress of voice notes, 0 to 100, or null when nothing large is being sent. */
	progress = $state<number | null>(null);

	/**
	 * Reads the questions through a function so the flow follows the page's data; `text` turns a
	 * message key into the page's language (tests keep the keys).
	 */
	constructor(
		private readonly loadQuestions: () => SurvivorQuestion[],
		readonly text: (key: MessageKey) => string = (key) => key
	) {}

	get allQuestions(): SurvivorQuestion[] {
		return this.loadQuestions();
	}

	get questions(): SurvivorQuestion[] {
		return this.allQuestions.filter((question) => question.section === this.mode);
	}

	get contextQuestions(): SurvivorQuestion[] {
		return this.allQuestions.filter((question) => question.section === 'context');
	}

	setVoiceNote(questionId: string, note: VoiceNote | null): void {
		this.voiceNotes = { ...this.voiceNotes, [questionId]: note };
		const { [questionId]: _stale, ...others } = this.sealedVoice;
		this.sealedVoice = others;
		this.changed();
	}

	setSealedVoice(questionId: string, note: VoiceNote, sealed: SealedVoiceNote): void {
		if (this.voiceNotes[questionId] === note) this.sealedVoice = { ...this.sealedVoice, [questionId]: sealed };
	}

	addFile(prepared: PreparedAttachment): void {
		this.files = [...this.files, { prepared, sealed: null }];
		this.changed();
	}

	/** The worker sealed a file: kept only if the person has not removed it meanwhile. */
	setSealedFile(prepared: PreparedAttachment, sealed: SealedAttachedFile): void {
		this.files = this.files.map((each) => (each.prepared === prepared ? { prepared, sealed } : each));
	}

	removeFile(prepared: PreparedAttachment): void {
		const kept = this.files.filter((each) => each.prepared !== prepared);
		if (kept.length === this.files.length) return;
		this.files = kept;
		this.changed();
	}

	/** Files sealed and ready to send, in the order chosen. */
	get sealedFiles(): SealedAttachedFile[] {
		return this.files.flatMap((file) => (file.sealed ? [file.sealed] : []));
	}

	get currentQuestion(): SurvivorQuestion {
		return this.questions[this.questionIndex];
	}

	hasAnswer(questionId: string): boolean {
		return (this.answers[questionId] ?? '').trim() !== '' || Boolean(this.sealedVoice[questionId]);
	}

	get answeredCount(): number {
		return this.questions.filter((question) => this.hasAnswer(question.id)).length;
	}

	/** Anything the person changes makes an already sealed testimony stale. */
	changed(): void {
		this.upload = null;
		this.receipt = '';
		this.problem = '';
	}

	payload(locale: string): SubmissionPayload {
		const answers: SubmissionAnswer[] = [];
		for (const question of this.questions) {
			if (!this.hasAnswer(question.id)) continue;
			const voice = this.sealedVoice[question.id]?.reference;
			answers.push({
				questionId: question.id,
				questionVersion: question.version,
				text: (this.answers[question.id] ?? '').trim(),
				...(voice ? { voice } : {})
			});
		}
		const context = Object.fromEntries(
			this.contextQuestions.map((question) => [question.id, this.context[question.id] || PREFER_NOT])
		);
		const files = this.sealedFiles.map((file) => file.reference);
		return {
			v: 1,
			kind: 'testimony',
			locale,
			mode: this.mode,
			consent: { ...this.consent },
			answers,
			context,
			...(files.length > 0 ? { files } : {})
		};
	}

	/** The voice notes of the answers being sent, with their encrypted bytes. */
	voiceUploads(): SealedVoiceNote[] {
		return this.questions
			.filter((question) => this.hasAnswer(question.id))
			.map((question) => this.sealedVoice[question.id])
			.filter((sealed): sealed is SealedVoiceNote => Boolean(sealed));
	}

	/**
	 * Whether the consent step may be left: research use agreed and the check question answered
	 * right. Otherwise `problem` says what is missing.
	 */
	consentGiven(): boolean {
		const refused = consentProblem({ consent: this.consent, understood: this.understood });
		this.problem = refused ? this.text(refused) : '';
		return !refused;
	}

	/**
	 * Starts from the consent form as the server received it, when the person sent it before the
	 * page's code had started (or without JavaScript): on to the next step if it was complete.
	 */
	startFrom(answers: ConsentAnswers): void {
		this.consent = { ...answers.consent };
		this.understood = answers.understood;
		if (this.consentGiven()) this.step = 'mode';
	}

	chooseMode(mode: TellMode): void {
		this.mode = mode;
		this.questionIndex = 0;
		this.changed();
		this.step = 'question';
	}

	goToQuestion(index: number): void {
		this.changed();
		this.questionIndex = Math.max(0, Math.min(index, this.questions.length - 1));
		this.step = 'question';
	}

	nextQuestion(): void {
		if (this.questionIndex < this.questions.length - 1) this.questionIndex += 1;
		else this.step = this.contextQuestions.length > 0 ? 'context' : 'review';
	}

	/**
	 * Goes to a step the person reached before, with Back or Forward. Steps after the consent
	 * need it given (it may have been withdrawn on the way back); sending and the receipt are
	 * never reached this way.
	 */
	moveTo(step: TellStep, questionIndex: number): void {
		if (!['consent', 'mode', 'question', 'context', 'review'].includes(step)) return;
		if (step !== 'consent' && !this.consentGiven()) {
			this.step = 'consent';
			return;
		}
		this.problem = '';
		if (step === 'question') this.goToQuestion(questionIndex);
		else this.step = step;
	}

	/** Something entered and not yet sent: leaving would lose it. */
	get hasUnsentWork(): boolean {
		return (
			Object.values(this.answers).some((answer) => answer?.trim()) ||
			Object.values(this.voiceNotes).some(Boolean) ||
			this.files.length > 0 ||
			Object.values(this.context).some(Boolean)
		);
	}

	/** Whether leaving the page now would lose something: unsent words, or a receipt not written down. */
	get wouldLoseWork(): boolean {
		return this.step === 'receipt' ? !this.writtenDown : this.hasUnsentWork;
	}

	previousQuestion(): void {
		if (this.questionIndex > 0) this.questionIndex -= 1;
		else this.step = 'mode';
	}

	/** Once the testimony is sent (or queued), the answers go; the receipt stays on screen. */
	forgetAnswers(): void {
		this.answers = {};
		this.voiceNotes = {};
		this.sealedVoice = {};
		this.files = [];
	}

	/** The receipt page may be left only once the person says they wrote the receipt down. */
	readyToFinish(): boolean {
		if (!this.writtenDown) this.problem = this.text('receipt_write_down_required');
		return this.writtenDown;
	}

	wipe(): void {
		this.step = 'consent';
		this.consent = { ...NO_CONSENT.consent };
		this.understood = '';
		this.mode = 'guided';
		this.answers = {};
		this.voiceNotes = {};
		this.sealedVoice = {};
		this.files = [];
		this.context = {};
		this.questionIndex = 0;
		this.upload = null;
		this.receipt = '';
		this.queued = false;
		this.queuedStatus = 'waiting';
		this.writtenDown = false;
		this.problem = '';
		this.progress = null;
	}
}
