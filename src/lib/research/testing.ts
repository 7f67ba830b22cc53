import { readFileSync } from 'node:fs';
import { staffTranslator, type StaffDictionary, type StaffTranslate } from '$lib/staff-i18n';
/** Fixtures for the research tests: a codebook code with empty criteria, a record's plaintext. */
import type { ResearchRecordV1 } from './corpus-record';
import type { Code } from './types';

export function code(
	id: string,
	name: string,
	position = 0,
	parentId: string | null = null,
	fields: Partial<Code> = {}
): Code {
	const criteria = { description: '', inclusion: '', exclusion: '', example: '' };
	return { id, parentId, name, colour: '#2f6f4e', ...criteria, archived: false, position, ...fields };
}

/** A research record's plaintext as moderation seals it (format 1): a French one, changed by `fields`. */
export function recordContent(fields: Partial<ResearchRecordV1> = {}): ResearchRecordV1 {
	return {
		v: 1,
		kind: 'research-record',
		locale: 'fr',
		mode: 'guided',
		country: 'FR',
		consentToQuote: true,
		context: { ageBand: '25-34' },
		group: null,
		translationLocale: 'en',
		answers: [],
		...fields
	};
}

/** The export words of one staff language, read from its codebook catalogue (this layer may not reach the server's). */
export function exportWords(locale: string): StaffTranslate {
	const catalogue = new URL(`../../../messages/staff/codebook/${locale}.json`, import.meta.url);
	return staffTranslator(JSON.parse(readFileSync(catalogue, 'utf8')) as StaffDictionary);
}
