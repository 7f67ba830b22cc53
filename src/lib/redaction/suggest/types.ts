/**
 * The types shared by the suggestion modules: what a suggestion is and the candidates the finders
 * return before overlaps are resolved. The public ones are re-exported from index.ts.
 */
export type RedactionCategory = 'NAME' | 'PLACE' | 'DATE' | 'ORGANISATION' | 'CONTACT' | 'OTHER';

export type SuggestionReason =
	'email' | 'phone' | 'url' | 'long-number' | 'date' | 'place' | 'capitalised-name' | 'title-name';

export type RedactionSuggestion = {
	/** UTF-16 index into the text (a JavaScript string index). */
	start: number;
	/** Exclusive. */
	end: number;
	/** text.slice(start, end) */
	text: string;
	/** The placeholder category to apply if the moderator confirms. */
	category: RedactionCategory;
	reason: SuggestionReason;
};

export type SuggestionOptions = {
	/** Names the moderator already redacted elsewhere in this testimony. */
	knownNames?: readonly string[];
	/** The testimony's language (BCP 47); see index.ts on why it does not narrow. */
	locale?: string;
};

/** A span one finder proposes; index.ts keeps the longest of overlapping ones. */
export type Candidate = { start: number; end: number; reason: SuggestionReason };
