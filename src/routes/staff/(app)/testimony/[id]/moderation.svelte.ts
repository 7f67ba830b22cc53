import type { AttachedFileReference, SubmissionPayload } from '$lib/crypto';
import { MAX_BOXES, isBox, type Box, type ImageRedaction } from '$lib/moderation/image-boxes';
import { emptyDraft, PLACEHOLDERS, type ModerationDraft } from '$lib/moderation/draft';
import {
	applyRedactions,
	insertedRanges,
	isPseudonym,
	nextPseudonym,
	people,
	pseudonymFor,
	redactPieces
} from '$lib/moderation/redact';
import { suggestRedactions, type RedactionCategory, type RedactionSuggestion } from '$lib/redaction/suggest';
import type { ResearchRecordV1 } from '$lib/research/corpus-record';

export type Field = 'original' | 'transcript' | 'translation' | 'english';
export type PendingSuggestion = RedactionSuggestion & { key: string };

/** A testimony being moderated: the decrypted payload and the draft, in memory only. */
export class ModerationWork {
	payload = $state.raw<SubmissionPayload | null>(null);
	draft = $state<ModerationDraft>(emptyDraft());
	draftVersion = $state(0);
	dirty = $state(false);

	/** `moderator` is read when a change is logged, so it follows the page's data. */
	constructor(private readonly moderator: () => string) {}

	text(questionId: string, field: Field): string {
		if (field === 'original')
			return this.payload?.answers.find((answer) => answer.questionId === questionId)?.text ?? '';
		return this.#fieldMap(field)[questionId] ?? '';
	}

	redacted(questionId: string, field: Field): string {
		return applyRedactions(this.text(questionId, field), this.draft.redactions);
	}

	get knownNames(): string[] {
		return this.draft.redactions
			.filter((redaction) => redaction.category === 'NAME')
			.map((redaction) => redaction.text);
	}

	/**
	 * Suggestions over what researchers would see, minus what a person already dismissed. The
	 * placeholders and pseudonyms put in are blanked first, so "Person A" is never suggested.
	 */
	get suggestions(): PendingSuggestion[] {
		if (!this.payload) return [];
		const seen = new Map<string, PendingSuggestion>();
		for (const answer of this.payload.answers) {
			for (const field of ['original', 'transcript', 'translation', 'english'] as const) {
				const pieces = redactPieces(this.text(answer.questionId, field), this.draft.redactions);
				const inserted = insertedRanges(pieces);
				// An invisible separator stands in for each inserted character: not a letter, not a space,
				// so the words around read as they did beside the name ("السيدة Person A إنها" suggests no "إنها").
				const blanked = pieces.map((piece) =>
					piece.replacement === null ? piece.text : '\u2063'.repeat(piece.text.length)
				);
				for (const suggestion of suggestRedactions(blanked.join(''), {
					knownNames: this.knownNames,
					locale: this.payload.locale
				})) {
					const key = `${suggestion.category}:${suggestion.text}`;
					const overlaps = inserted.some((range) => suggestion.start < range.end && range.start < suggestion.end);
					if (overlaps || this.draft.dismissed.includes(key) || seen.has(key)) continue;
					seen.set(key, { ...suggestion, key });
				}
			}
		}
		return [...seen.values()];
	}

	/** Every text of the testimony as written and typed, before redaction. */
	get texts(): string[] {
		const answers = this.payload?.answers ?? [];
		return answers.flatMap((answer) =>
			(['original', 'transcript', 'translation', 'english'] as const).map((field) =>
				this.text(answer.questionId, field)
			)
		);
	}

	/** The people named so far, each pseudonym with its spellings: the list that links them. */
	get people(): { pseudonym: string; spellings: string[] }[] {
		return people(this.draft.redactions);
	}

	/** What redacting `text` as `category` puts in by default: a pseudonym for names when wanted. */
	defaultReplacement(text: string, category: RedactionCategory, pseudonym: boolean): string {
		if (!pseudonym || category !== 'NAME') return PLACEHOLDERS[category];
		return pseudonymFor(text, this.draft.redactions, this.texts);
	}

	/** The pseudonym a new person would get. */
	get newPerson(): string {
		return nextPseudonym(this.draft.redactions);
	}

	#log(action: 'redact' | 'undo' | 'dismiss', text: string, replacement?: string) {
		this.draft.log.push({ at: new Date().toISOString(), by: this.moderator(), action, text, replacement });
		this.dirty = true;
	}

	/**
	 * Redacts every occurrence of `text` with `replacement` (a placeholder, or the pseudonym of a
	 * person). Redacting a spelling already redacted moves it to the new replacement: that is how
	 * a moderator links a name written in another script to the person it belongs to.
	 */
	redactAs(text: string, replacement: string): void {
		const trimmed = text.trim();
		if (!trimmed || !replacement) return;
		const category = isPseudonym(replacement)
			? 'NAME'
			: ((Object.entries(PLACEHOLDERS).find(([, placeholder]) => placeholder === replacement)?.[0] ??
					'OTHER') as RedactionCategory);
		const existing = this.draft.redactions.find((redaction) => redaction.text === trimmed);
		if (existing?.replacement === replacement) return;
		if (existing) Object.assign(existing, { replacement, category });
		else this.draft.redactions.push({ text: trimmed, replacement, category });
		this.#log('redact', trimmed, replacement);
	}

	/** Redacts with the default replacement for the category. */
	redact(text: string, category: RedactionCategory, pseudonym = false): void {
		this.redactAs(text, this.defaultReplacement(text.trim(), category, pseudonym));
	}

	undo(text: string): void {
		this.draft.redactions = this.draft.redactions.filter((redaction) => redaction.text !== text);
		this.#log('undo', text);
	}

	dismiss(suggestion: PendingSuggestion): void {
		this.draft.dismissed.push(suggestion.key);
		this.#log('dismiss', suggestion.text);
	}

	#fieldMap(field: Exclude<Field, 'original'>): Record<string, string> {
		if (field === 'transcript') return this.draft.transcripts;
		if (field === 'translation') return this.draft.translations;
		// Drafts saved before English translations existed lack the map.
		return (this.draft.englishTranslations ??= {});
	}

	setField(questionId: string, field: Exclude<Field, 'original'>, value: string): void {
		this.#fieldMap(field)[questionId] = value;
		this.dirty = true;
	}

	/** Voice notes that arrived and whose transcript is written: saving the draft confirms them. */
	confirmedTranscripts(attachments: { id: string; present: boolean }[]): string[] {
		const answers = this.payload?.answers ?? [];
		const questionOf = (attachmentId: string) =>
			answers.find((answer) => answer.voice?.attachmentId === attachmentId)?.questionId ?? '';
		return attachments
			.filter((item) => item.present && this.text(questionOf(item.id), 'transcript'))
			.map((item) => item.id);
	}

	/** A photo's boxes and whether it goes to the corpus; a photo nobody touched is left out. */
	imageRedaction(attachmentId: string): ImageRedaction {
		return this.draft.images?.[attachmentId] ?? { boxes: [], include: false };
	}

	setImageRedaction(attachmentId: string, redaction: ImageRedaction): void {
		(this.draft.images ??= {})[attachmentId] = redaction;
		this.dirty = true;
	}

	/** The photos a moderator chose to include, with their boxes; documents never are. */
	get includedImages(): { reference: AttachedFileReference; boxes: Box[] }[] {
		return (this.payload?.files ?? [])
			.filter((file) => file.kind === 'image' && this.draft.images?.[file.attachmentId]?.include === true)
			.map((reference) => ({
				reference,
				// What the photo's list shows: a colleague's draft cannot slip in a box that draws nothing.
				boxes: (this.draft.images![reference.attachmentId].boxes ?? []).filter(isBox).slice(0, MAX_BOXES)
			}));
	}

	/** The research record: redacted words only, with the attributes researchers code by. */
	researchRecord(domains: Record<string, string | null>, channelCountry: string): ResearchRecordV1 {
		const payload = this.payload!;
		return {
			v: 1,
			kind: 'research-record',
			locale: payload.locale,
			mode: payload.mode ?? 'guided',
			country: channelCountry,
			consentToQuote: payload.consent?.quote ?? false,
			context: payload.context ?? {},
			group: payload.group ?? null,
			translationLocale: this.draft.translationLocale,
			answers: payload.answers.map((answer) => ({
				questionId: answer.questionId,
				questionVersion: answer.questionVersion,
				domain: domains[answer.questionId] ?? null,
				text: this.redacted(answer.questionId, 'original'),
				transcript: this.redacted(answer.questionId, 'transcript'),
				translation: this.redacted(answer.questionId, 'translation'),
				englishTranslation: this.redacted(answer.questionId, 'english')
			}))
		};
	}
}
