import type { SubmissionPayload } from '$lib/crypto';
import type { SubmissionUpload } from '$lib/client/crypto-protocol';
import { DEFAULT_QUESTIONS } from '$lib/questions';

export type TellStep = 'safety' | 'consent' | 'question' | 'review' | 'sending' | 'receipt';

/**
 * Everything a survivor has entered, held in memory only. `wipe` forgets it all; nothing is
 * ever written to storage, cookies or the URL.
 */
export class TellFlow {
	step = $state<TellStep>('safety');
	consent = $state({ research: false, quote: false, replies: false });
	answers = $state<Record<string, string>>({});
	questionIndex = $state(0);
	/** The sealed testimony kept for a retry, so a resend reuses its id and never duplicates. */
	upload = $state<SubmissionUpload | null>(null);
	/** Shown only once the server has confirmed the upload. */
	receipt = $state('');
	confirmed = $state(false);
	problem = $state('');

	readonly questions = DEFAULT_QUESTIONS;

	get answeredCount(): number {
		return Object.values(this.answers).filter((text) => text.trim() !== '').length;
	}

	payload(locale: string): SubmissionPayload {
		return {
			v: 1,
			kind: 'testimony',
			locale,
			consent: { ...this.consent },
			answers: this.questions
				.map((question) => ({
					questionId: question.id,
					questionVersion: question.version,
					text: (this.answers[question.id] ?? '').trim()
				}))
				.filter((answer) => answer.text !== '')
		};
	}

	goToQuestion(index: number): void {
		// Changing an answer invalidates a testimony sealed for an earlier attempt.
		this.upload = null;
		this.receipt = '';
		this.questionIndex = Math.max(0, Math.min(index, this.questions.length - 1));
		this.step = 'question';
	}

	nextQuestion(): void {
		if (this.questionIndex < this.questions.length - 1) this.questionIndex += 1;
		else this.step = 'review';
	}

	previousQuestion(): void {
		if (this.questionIndex > 0) this.questionIndex -= 1;
		else this.step = 'consent';
	}

	wipe(): void {
		this.step = 'safety';
		this.consent = { research: false, quote: false, replies: false };
		this.answers = {};
		this.questionIndex = 0;
		this.upload = null;
		this.receipt = '';
		this.confirmed = false;
		this.problem = '';
	}
}
