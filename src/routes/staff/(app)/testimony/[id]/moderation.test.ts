import { describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '$lib/crypto';
import { ModerationWork } from './moderation.svelte';

const STORY = 'My boss Marco Rossi took my passport in Palermo. Call +39 333 123 4567.';

function testimony(): SubmissionPayload {
	return {
		v: 1,
		kind: 'testimony',
		locale: 'en',
		mode: 'guided',
		consent: { research: true, quote: true, replies: true },
		answers: [
			{ questionId: 'journey', questionVersion: 1, text: STORY },
			{
				questionId: 'work',
				questionVersion: 1,
				text: '',
				voice: { attachmentId: 'v'.repeat(22), key: 'k', header: 'h', mimeType: 'audio/webm', seconds: 40 }
			}
		],
		context: { age: 'prefer_not' }
	};
}

function opened(): ModerationWork {
	const work = new ModerationWork(() => 'moderator-1');
	work.payload = testimony();
	return work;
}

describe('ModerationWork', () => {
	it('suggests names, places and contacts in what researchers would see', () => {
		const work = opened();
		expect(work.suggestions.map((item) => `${item.category}:${item.text}`)).toEqual([
			'NAME:Marco Rossi',
			'PLACE:Palermo',
			'CONTACT:+39 333 123 4567'
		]);
	});

	it('redacts every occurrence, logs who did it, and no longer suggests it', () => {
		const work = opened();
		work.redact(' Palermo ', 'PLACE');
		expect(work.redacted('journey', 'original')).toBe(STORY.replace('Palermo', '[PLACE]'));
		const entry = { by: 'moderator-1', action: 'redact', text: 'Palermo', replacement: '[PLACE]' };
		expect(work.draft.log).toEqual([expect.objectContaining(entry)]);
		expect(work.dirty).toBe(true);
		expect(work.suggestions.map((item) => item.text)).not.toContain('Palermo');
	});

	it('gives names consistent pseudonyms when asked, and ignores a text already redacted', () => {
		const work = opened();
		work.redact('Marco Rossi', 'NAME', true);
		work.redact('Marco Rossi', 'NAME', true);
		work.redact('Palermo', 'PLACE', true);
		expect(work.draft.redactions).toEqual([
			{ text: 'Marco Rossi', replacement: 'Person A', category: 'NAME' },
			{ text: 'Palermo', replacement: '[PLACE]', category: 'PLACE' }
		]);
	});

	it('undoes a redaction and logs it', () => {
		const work = opened();
		work.redact('Palermo', 'PLACE');
		work.undo('Palermo');
		expect(work.draft.redactions).toEqual([]);
		expect(work.redacted('journey', 'original')).toBe(STORY);
		expect(work.draft.log.map((entry) => entry.action)).toEqual(['redact', 'undo']);
	});

	it('keeps a dismissed suggestion out of the list without redacting it', () => {
		const work = opened();
		const [name] = work.suggestions;
		work.dismiss(name);
		expect(work.draft.dismissed).toEqual(['NAME:Marco Rossi']);
		expect(work.suggestions.map((item) => item.text)).toEqual(['Palermo', '+39 333 123 4567']);
		expect(work.redacted('journey', 'original')).toBe(STORY);
	});

	it('redacts typed transcripts and translations too, and suggests from them', () => {
		const work = opened();
		work.setField('work', 'transcript', 'I cleaned for Giulia Bianchi.');
		work.redact('Giulia Bianchi', 'NAME');
		expect(work.text('work', 'transcript')).toBe('I cleaned for Giulia Bianchi.');
		expect(work.redacted('work', 'transcript')).toBe('I cleaned for [NAME].');
	});

	it('accepts an English translation in a draft saved before English translations existed', () => {
		const work = opened();
		const { englishTranslations: _absent, ...older } = work.draft;
		work.draft = older as typeof work.draft;
		work.setField('journey', 'english', 'In English.');
		expect(work.text('journey', 'english')).toBe('In English.');
	});

	it('confirms the transcripts written for voice notes that arrived', () => {
		const work = opened();
		const attachments = [
			{ id: 'v'.repeat(22), present: true },
			{ id: 'w'.repeat(22), present: true }
		];
		expect(work.confirmedTranscripts(attachments)).toEqual([]);
		work.setField('work', 'transcript', 'Spoken words.');
		expect(work.confirmedTranscripts(attachments)).toEqual(['v'.repeat(22)]);
		expect(work.confirmedTranscripts([{ id: 'v'.repeat(22), present: false }])).toEqual([]);
	});

	it('builds the research record from redacted words only', () => {
		const work = opened();
		work.redact('Marco Rossi', 'NAME', true);
		work.redact('Palermo', 'PLACE');
		work.redact('+39 333 123 4567', 'CONTACT');
		const record = work.researchRecord({ journey: 'recruitment' }, 'IT');
		expect(record).toMatchObject({ kind: 'research-record', country: 'IT', consentToQuote: true });
		expect(record.context).toEqual({ age: 'prefer_not' });
		expect(record.answers[0]).toMatchObject({
			questionId: 'journey',
			domain: 'recruitment',
			text: 'My boss Person A took my passport in [PLACE]. Call [CONTACT].'
		});
		expect(record.answers[1]).toMatchObject({ questionId: 'work', domain: null, text: '' });
	});

	it('never suggests the pseudonyms and placeholders it put in', () => {
		const work = opened();
		work.redact('Marco Rossi', 'NAME', true);
		work.redact('Palermo', 'PLACE');
		expect(work.redacted('journey', 'original')).toContain('My boss Person A took');
		expect(work.suggestions.map((item) => item.text)).toEqual(['+39 333 123 4567']);
	});

	it('redacts with the replacement the moderator chose, not the suggestion’s category', () => {
		const work = opened();
		work.redactAs('Palermo', '[ORGANISATION]');
		expect(work.draft.redactions).toEqual([
			{ text: 'Palermo', replacement: '[ORGANISATION]', category: 'ORGANISATION' }
		]);
	});

	it('links a spelling in another script to a person, and a surname to the full name', () => {
		const work = opened();
		work.setField('journey', 'translation', 'Il mio capo ماركو روسي mi ha preso il passaporto.');
		work.redact('Marco Rossi', 'NAME', true);
		work.redact('Rossi', 'NAME', true);
		work.redactAs('ماركو روسي', 'Person A');
		expect(work.people).toEqual([{ pseudonym: 'Person A', spellings: ['Marco Rossi', 'Rossi', 'ماركو روسي'] }]);
		expect(work.redacted('journey', 'translation')).toBe('Il mio capo Person A mi ha preso il passaporto.');
		work.redactAs('Rossi', 'Person B');
		expect(work.draft.redactions.find((item) => item.text === 'Rossi')?.replacement).toBe('Person B');
	});
});
