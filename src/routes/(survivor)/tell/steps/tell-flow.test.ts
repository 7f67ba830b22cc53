import { describe, expect, it } from 'vitest';
import type { PreparedAttachment } from '$lib/attach/prepare';
import type { SealedAttachedFile, SealedVoiceNote } from '$lib/client/crypto-protocol';
import type { VoiceNote } from '$lib/client/voice-recorder.svelte';
import type { SurvivorQuestion } from '$lib/questions';
import { PREFER_NOT, TellFlow } from './tell-flow.svelte';

const question = (id: string, section: SurvivorQuestion['section'], options: SurvivorQuestion['options'] = []) =>
	({
		id,
		version: 2,
		section,
		kind: options.length ? 'choice' : 'text',
		domain: null,
		contentNote: false,
		text: id,
		options
	}) satisfies SurvivorQuestion;

const QUESTIONS = [
	question('journey', 'guided'),
	question('work', 'guided'),
	question('story', 'free'),
	question('age', 'context', [{ id: 'under_18', label: 'Under 18' }])
];

const recording = (): VoiceNote => ({ blob: new Blob(['audio']), mimeType: 'audio/webm', seconds: 12 });
const sealedRecording = (attachmentId: string): SealedVoiceNote => ({
	reference: { attachmentId, key: 'k', header: 'h', mimeType: 'audio/webm', seconds: 12 },
	ciphertext: new ArrayBuffer(64)
});

const letter = (): PreparedAttachment => ({ kind: 'document', bytes: new Uint8Array([37, 80, 68, 70]) });
const sealedLetter = (attachmentId: string): SealedAttachedFile => ({
	reference: { attachmentId, key: 'k', header: 'h', kind: 'document', mimeType: 'application/pdf', bytes: 4 },
	ciphertext: new ArrayBuffer(80)
});

describe('TellFlow', () => {
	it('leaves the consent step only with research use agreed and the check question answered yes', () => {
		const flow = new TellFlow(() => QUESTIONS);
		expect(flow.consentGiven()).toBe(false);
		expect(flow.problem).toBe('consent_research_required');
		flow.consent.research = true;
		expect(flow.consentGiven()).toBe(false);
		expect(flow.problem).toBe('consent_check_required');
		flow.understood = 'no';
		expect(flow.consentGiven()).toBe(false);
		expect(flow.problem).toBe('consent_check_wrong');
		flow.understood = 'yes';
		expect(flow.consentGiven()).toBe(true);
		expect(flow.problem).toBe('');
	});

	it('says the refusal in the page language', () => {
		const flow = new TellFlow(
			() => QUESTIONS,
			(key) => `[${key}]`
		);
		flow.consentGiven();
		expect(flow.problem).toBe('[consent_research_required]');
	});

	it('walks the guided questions, then the context questions, then the review', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.chooseMode('guided');
		expect(flow.step).toBe('question');
		expect(flow.questions.map((item) => item.id)).toEqual(['journey', 'work']);
		expect(flow.currentQuestion.id).toBe('journey');
		flow.nextQuestion();
		expect(flow.currentQuestion.id).toBe('work');
		flow.nextQuestion();
		expect(flow.step).toBe('context');
		flow.goToQuestion(9);
		expect(flow.step).toBe('question');
		expect(flow.currentQuestion.id).toBe('work');
	});

	it('goes back from the first question to the choice of mode', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.chooseMode('free');
		expect(flow.currentQuestion.id).toBe('story');
		flow.previousQuestion();
		expect(flow.step).toBe('mode');
	});

	it('goes straight to the review when there are no context questions', () => {
		const flow = new TellFlow(() => QUESTIONS.filter((item) => item.section !== 'context'));
		flow.chooseMode('free');
		flow.nextQuestion();
		expect(flow.step).toBe('review');
	});

	it('counts an answer of spaces as no answer, and a sealed recording as one', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.answers = { journey: '   ' };
		expect(flow.hasAnswer('journey')).toBe(false);
		const note = recording();
		flow.setVoiceNote('work', note);
		expect(flow.answeredCount).toBe(0);
		flow.setSealedVoice('work', note, sealedRecording('a'.repeat(22)));
		expect(flow.hasAnswer('work')).toBe(true);
		expect(flow.answeredCount).toBe(1);
	});

	it('ignores a sealed recording that was replaced while it was being encrypted', () => {
		const flow = new TellFlow(() => QUESTIONS);
		const first = recording();
		flow.setVoiceNote('journey', first);
		flow.setVoiceNote('journey', recording());
		flow.setSealedVoice('journey', first, sealedRecording('a'.repeat(22)));
		expect(flow.sealedVoice).toEqual({});
	});

	it('builds the payload from the answered questions of the chosen mode only', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.consent = { research: true, quote: true, replies: false };
		flow.chooseMode('guided');
		flow.answers = { journey: '  By bus.  ', story: 'not in this mode' };
		const note = recording();
		flow.setVoiceNote('work', note);
		flow.setSealedVoice('work', note, sealedRecording('b'.repeat(22)));
		const payload = flow.payload('fr');
		expect(payload).toMatchObject({ v: 1, kind: 'testimony', locale: 'fr', mode: 'guided' });
		expect(payload.consent).toEqual({ research: true, quote: true, replies: false });
		expect(payload.answers).toEqual([
			{ questionId: 'journey', questionVersion: 2, text: 'By bus.' },
			{ questionId: 'work', questionVersion: 2, text: '', voice: sealedRecording('b'.repeat(22)).reference }
		]);
		expect(payload.context).toEqual({ age: PREFER_NOT });
		expect(flow.voiceUploads().map((sealed) => sealed.reference.attachmentId)).toEqual(['b'.repeat(22)]);
	});

	it('forgets a sealed testimony when an answer changes, so a stale one is never sent', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.upload = { id: 'x' } as TellFlow['upload'];
		flow.receipt = '1234';
		flow.problem = 'send_failed';
		flow.changed();
		expect(flow.upload).toBeNull();
		expect(flow.receipt).toBe('');
		expect(flow.problem).toBe('');
	});

	it('keeps the person on the receipt until they say they wrote it down', () => {
		const flow = new TellFlow(() => QUESTIONS);
		expect(flow.readyToFinish()).toBe(false);
		expect(flow.problem).toBe('receipt_write_down_required');
		flow.writtenDown = true;
		expect(flow.readyToFinish()).toBe(true);
	});

	it('forgets everything of the person when wiped', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.consent.research = true;
		flow.understood = 'yes';
		flow.chooseMode('free');
		flow.answers = { story: 'Something' };
		flow.receipt = '1234';
		flow.queued = true;
		flow.wipe();
		expect(flow.step).toBe('consent');
		expect(flow.consent).toEqual({ research: false, quote: false, replies: false });
		expect(flow.understood).toBe('');
		expect(flow.mode).toBe('guided');
		expect(flow.answers).toEqual({});
		expect(flow.receipt).toBe('');
		expect(flow.queued).toBe(false);
	});

	it('goes Back and Forward to steps seen before, but not past a consent withdrawn on the way', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.consent.research = true;
		flow.understood = 'yes';
		flow.chooseMode('guided');
		flow.answers.journey = 'By bus.';
		flow.moveTo('question', 1);
		expect([flow.step, flow.questionIndex]).toEqual(['question', 1]);
		flow.moveTo('consent', 0);
		flow.consent.research = false;
		flow.moveTo('question', 0);
		expect(flow.step).toBe('consent');
		expect(flow.problem).toBe('consent_research_required');
		flow.consent.research = true;
		flow.moveTo('context', 0);
		expect([flow.step, flow.problem]).toEqual(['context', '']);
		flow.moveTo('receipt', 0);
		flow.moveTo('sending', 0);
		expect(flow.step).toBe('context');
		expect(flow.answers.journey).toBe('By bus.');
	});

	it('asks before leaving only while something is unsent, or the receipt is not written down', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.consent.research = true;
		expect(flow.wouldLoseWork).toBe(false);
		flow.answers.journey = '   ';
		expect(flow.wouldLoseWork).toBe(false);
		flow.answers.journey = 'By bus.';
		expect(flow.wouldLoseWork).toBe(true);
		flow.answers = {};
		flow.context.age = 'under_18';
		expect(flow.wouldLoseWork).toBe(true);
		flow.forgetAnswers();
		flow.context = {};
		flow.setVoiceNote('work', recording());
		expect(flow.wouldLoseWork).toBe(true);
		flow.forgetAnswers();
		flow.step = 'receipt';
		expect(flow.wouldLoseWork).toBe(true);
		flow.writtenDown = true;
		expect(flow.wouldLoseWork).toBe(false);
		flow.wipe();
		expect(flow.wouldLoseWork).toBe(false);
	});

	it('starts after the consent the server received, and stays on it when it was incomplete', () => {
		const given = new TellFlow(() => QUESTIONS);
		given.startFrom({ consent: { research: true, quote: false, replies: true }, understood: 'yes' });
		expect(given.step).toBe('mode');
		expect(given.consent).toEqual({ research: true, quote: false, replies: true });

		const wrong = new TellFlow(() => QUESTIONS);
		wrong.startFrom({ consent: { research: true, quote: true, replies: false }, understood: 'no' });
		expect(wrong.step).toBe('consent');
		expect(wrong.problem).toBe('consent_check_wrong');
		expect(wrong.consent.quote).toBe(true);
	});

	it('puts the sealed files in the testimony, whichever mode was chosen, and only those not removed', () => {
		for (const mode of ['guided', 'free'] as const) {
			const flow = new TellFlow(() => QUESTIONS);
			flow.chooseMode(mode);
			flow.answers = { journey: 'By bus.', story: 'By boat.' };
			const [kept, removed, unsealed] = [letter(), letter(), letter()];
			flow.addFile(kept);
			flow.addFile(removed);
			flow.addFile(unsealed);
			flow.setSealedFile(kept, sealedLetter('a'.repeat(22)));
			flow.setSealedFile(removed, sealedLetter('b'.repeat(22)));
			flow.removeFile(removed);
			// Sealed after its removal: it does not come back.
			flow.setSealedFile(removed, sealedLetter('c'.repeat(22)));
			expect(flow.payload('en').files).toEqual([sealedLetter('a'.repeat(22)).reference]);
			expect(flow.files.map((file) => file.prepared)).toEqual([kept, unsealed]);
		}
	});

	it('sends no files field when nothing is attached', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.chooseMode('guided');
		flow.answers = { journey: 'By bus.' };
		expect('files' in flow.payload('en')).toBe(false);
	});

	it('counts an attached file as unsent work, forgets a sealed testimony when files change, and forgets files when wiped', () => {
		const flow = new TellFlow(() => QUESTIONS);
		flow.chooseMode('guided');
		expect(flow.hasUnsentWork).toBe(false);
		const file = letter();
		flow.upload = { id: 'sealed' } as never;
		flow.addFile(file);
		expect(flow.upload).toBeNull();
		expect(flow.hasUnsentWork).toBe(true);
		flow.upload = { id: 'sealed' } as never;
		flow.removeFile(file);
		expect(flow.upload).toBeNull();
		flow.addFile(file);
		flow.forgetAnswers();
		expect(flow.files).toEqual([]);
		flow.addFile(file);
		flow.wipe();
		expect(flow.files).toEqual([]);
	});
});
