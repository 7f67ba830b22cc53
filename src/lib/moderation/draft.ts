import type { RedactionCategory } from '$lib/redaction/suggest';
import type { ImageRedaction } from './image-boxes';

/** One redaction: every occurrence of `text`, in every field of the testimony, becomes `replacement`. */
export type Redaction = { text: string; replacement: string; category: RedactionCategory };

/** A moderator's work on one testimony; encrypted and sealed to the channel when saved. */
export type ModerationDraft = {
	v: 1;
	/** By question id: transcripts of voice notes and translations, typed by staff. */
	transcripts: Record<string, string>;
	/** Into the channel's working language (`translationLocale`), and optionally into English. */
	translations: Record<string, string>;
	translationLocale: string;
	englishTranslations: Record<string, string>;
	redactions: Redaction[];
	/** Suggestions a person looked at and kept, as `category:text`. */
	dismissed: string[];
	/** Who changed what, kept inside the encrypted draft and never sent to researchers. */
	log: { at: string; by: string; action: 'redact' | 'undo' | 'dismiss'; text: string; replacement?: string }[];
	sentReplies: { at: string; text: string }[];
	reviewed: boolean;
	/**
	 * By attachment id: the boxes blacked out on each photo and whether it goes to the research
	 * corpus. Drafts saved before photos could be redacted lack it: no photo is included.
	 */
	images?: Record<string, ImageRedaction>;
};

/** The usual working language of partner organisations in a country; English elsewhere. */
const WORKING_LANGUAGE: Record<string, string> = {
	FR: 'fr',
	BE: 'fr',
	LU: 'fr',
	IT: 'it',
	MT: 'en',
	NL: 'nl',
	CZ: 'cs',
	ES: 'es',
	IE: 'en',
	GB: 'en'
};

export function workingLanguage(country: string): string {
	return WORKING_LANGUAGE[country.toUpperCase()] ?? 'en';
}

export function emptyDraft(country = ''): ModerationDraft {
	return {
		v: 1,
		transcripts: {},
		translations: {},
		translationLocale: workingLanguage(country),
		englishTranslations: {},
		redactions: [],
		dismissed: [],
		log: [],
		sentReplies: [],
		reviewed: false
	};
}

export const PLACEHOLDERS: Record<RedactionCategory, string> = {
	NAME: '[NAME]',
	PLACE: '[PLACE]',
	DATE: '[DATE]',
	ORGANISATION: '[ORGANISATION]',
	CONTACT: '[CONTACT]',
	OTHER: '[OTHER]'
};
