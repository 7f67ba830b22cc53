import { codebookTexts } from '$lib/server/research/codebook';
import { staffDictionary } from '$lib/server/i18n/staff';
import { STAFF_LOCALES, type StaffDictionary, type StaffLocale } from '$lib/staff-i18n';
import type { PageServerLoad } from './$types';

/** The words written into exported files, in every staff language a file can be written in. */
function fileWords(locale: StaffLocale): StaffDictionary {
	return Object.fromEntries(
		Object.entries(staffDictionary(locale)).filter(([key]) => key.startsWith('staff_codebook_file_'))
	);
}

/** Every code's name and description in each language, and the files' words, for the export language. */
export const load: PageServerLoad = async ({ parent }) => {
	// The workspace layout decides who may read the codebook.
	await parent();
	return {
		codeTexts: codebookTexts(),
		fileWords: Object.fromEntries(STAFF_LOCALES.map((locale) => [locale, fileWords(locale as StaffLocale)]))
	};
};
