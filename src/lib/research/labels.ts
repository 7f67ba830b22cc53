import { contextQuestionLabel, NO_CONTEXT_LABELS, type ContextLabels } from '$lib/context-labels';
import type { AnswerTextKind, CorpusRecord } from './types';

/*
 * What the research workspace calls things: the kinds of text an answer has, the attributes a
 * record carries (country, language, session, month, context) and the stand-ins for people and
 * places no longer in the directory. Pages, charts and exports take their words from here
 * instead of each keeping a map of their own.
 */

/**
 * What each kind of answer text is called: as a heading over the text, as a choice between
 * texts to compare, and inside a line of an exported file.
 */
export const TEXT_KIND_LABELS: Record<AnswerTextKind, { heading: string; choice: string; inline: string }> = {
	text: { heading: 'Original', choice: 'Original text', inline: 'original' },
	transcript: { heading: 'Transcript', choice: 'Transcript', inline: 'transcript' },
	translation: { heading: 'Translation', choice: 'Translation', inline: 'translation' },
	englishTranslation: { heading: 'English translation', choice: 'English translation', inline: 'English translation' }
};

/** The attributes of a record that counts can be broken down by, besides the context it carries. */
export const RECORD_ATTRIBUTES = ['country', 'locale', 'session', 'month'] as const;
export type RecordAttribute = (typeof RECORD_ATTRIBUTES)[number];

export const ATTRIBUTE_LABELS: Record<RecordAttribute, string> = {
	country: 'Country',
	locale: 'Language',
	session: 'Session',
	month: 'Month'
};

/** The column of records that do not carry the attribute. */
export const NOT_GIVEN_LABELS: Record<RecordAttribute, string> = {
	country: 'Unknown country',
	locale: 'Unknown language',
	session: 'No session',
	month: 'Unknown month'
};

/** A piece of context the person chose to give (age band, gender…), by its key, in words. */
export function contextLabel(key: string, labels: ContextLabels = NO_CONTEXT_LABELS): string {
	return `Context: ${contextQuestionLabel(labels, key)}`;
}

/** The export column or variable beside it that keeps the answer's code (`25to34`). */
export function contextCodeLabel(key: string, labels: ContextLabels = NO_CONTEXT_LABELS): string {
	return `${contextLabel(key, labels)} (code)`;
}

/** Column and variable names of the exported files for a record's own attributes. */
export const RECORD_FIELD_LABELS = {
	record: 'Record',
	month: 'Month approved',
	country: ATTRIBUTE_LABELS.country,
	channel: 'Channel',
	locale: ATTRIBUTE_LABELS.locale,
	session: ATTRIBUTE_LABELS.session,
	group: 'Group or individual',
	consentToQuote: 'Consent to quote'
} as const;

/** Who spoke, as a value in an exported file. */
export function speakerValue(group: CorpusRecord['group']): 'group' | 'individual' {
	return group ? 'group' : 'individual';
}

/** Stand-ins for a coder, channel or session the team directory no longer lists. */
export const FORMER_CODER = 'former coder';
export const UNKNOWN_CHANNEL = 'channel';
export const UNKNOWN_SESSION = 'session';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function displayName(names: Intl.DisplayNames, code: string): string {
	try {
		return names.of(code) ?? code;
	} catch {
		return code;
	}
}

/** A country's English name from its ISO 3166 code ("Italy" for IT); the code itself when unknown. */
export function countryName(code: string): string {
	return displayName(regionNames, code);
}

/** A language's English name from its BCP 47 tag ("Tigrinya" for ti); the tag itself when unknown. */
export function languageName(tag: string): string {
	return displayName(languageNames, tag);
}

/** "1 coding", "2 codings". */
export function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** Today's date on this device, `YYYY-MM-DD`, for file names and printed reports. */
export function today(now = new Date()): string {
	const twoDigits = (value: number) => String(value).padStart(2, '0');
	return `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
}
