import { contextQuestionLabel, NO_CONTEXT_LABELS, type ContextLabels } from '$lib/context-labels';
import type { StaffTranslate } from '$lib/staff-i18n';
import type { AnswerTextKind } from './types';

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
export function contextLabel(key: string, t: StaffTranslate, labels: ContextLabels = NO_CONTEXT_LABELS): string {
	return t('staff_codebook_export_header_context', { question: contextQuestionLabel(labels, key) });
}

/** The export column or variable beside it that keeps the answer's code (`25to34`). */
export function contextCodeLabel(key: string, t: StaffTranslate, labels: ContextLabels = NO_CONTEXT_LABELS): string {
	return t('staff_codebook_export_header_context_code', { question: contextQuestionLabel(labels, key) });
}

/**
 * Column and variable names of the exported files for a record's own attributes, in the file's
 * language. Every language names the same columns in the same order, so files written in
 * different languages can be merged column by column.
 */
export function recordFieldLabels(t: StaffTranslate) {
	return {
		record: t('staff_codebook_export_header_record'),
		month: t('staff_codebook_export_header_month'),
		country: t('staff_codebook_export_header_country'),
		channel: t('staff_codebook_export_header_channel'),
		locale: t('staff_codebook_export_header_language'),
		session: t('staff_codebook_export_header_session'),
		group: t('staff_codebook_export_header_group'),
		consentToQuote: t('staff_codebook_export_header_consent')
	};
}

/** Who spoke, as a value in an exported file. */
export function speakerValue(grouped: boolean, t: StaffTranslate): string {
	return t(grouped ? 'staff_codebook_export_cell_group' : 'staff_codebook_export_cell_individual');
}

/** Stand-ins for a coder, channel or session the team directory no longer lists. */
export const formerCoder = (t: StaffTranslate) => t('staff_codebook_export_former_coder');
export const unknownChannel = (t: StaffTranslate) => t('staff_codebook_export_unknown_channel');
export const unknownSession = (t: StaffTranslate) => t('staff_codebook_export_unknown_session');

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
