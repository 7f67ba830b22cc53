import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAgainstBase, readStaffCatalogue, readSurvivorCatalogue, staffSettings } from './catalogue-checks';

/**
 * The staff catalogues (staff.inlang, messages/staff/): every staff locale has every string of
 * the English one, with the same placeholders, in its own words. A sixth staff language is one
 * more file here and one more line in staff.inlang/settings.json; these tests then hold it to
 * the same rules.
 */
const settings = staffSettings;
const read = readStaffCatalogue;
const base = read(settings.baseLocale);
const reviewStatus = JSON.parse(fs.readFileSync('messages/staff/review-status.json', 'utf8')) as Record<
	string,
	{ reviewed: boolean }
>;

/** Words that really are the same in a language as in English. Keep this short. */
const SAME_AS_ENGLISH: Record<string, string[]> = {
	fr: [
		'staff_nav_admin',
		'staff_account_session_action',
		'staff_time_utc',
		'staff_admin_nav_questions',
		'staff_analysis_code',
		'staff_moderation_category_date',
		'staff_admin_questions_question',
		'staff_admin_questions_section',
		'staff_admin_questions_version',
		'staff_codebook_export_header_total'
	],
	it: [
		'staff_passphrase',
		'staff_time_utc',
		'staff_moderation_no',
		'staff_admin_questions_no',
		'staff_codebook_export_cell_no'
	],
	nl: [
		'staff_nav_inbox',
		'staff_nav_account',
		'staff_account_title',
		'staff_time_utc',
		'staff_accounts_invited_moderator',
		'staff_admin_role_moderator',
		'staff_analysis_code',
		'staff_codebook_export_header_context',
		'staff_codebook_export_header_context_code'
	],
	cs: ['staff_time_utc', 'staff_codebook_export_header_text']
};

describe('staff translations', () => {
	it('offer the partners’ five languages, English first', () => {
		expect(settings.baseLocale).toBe('en');
		expect(settings.locales).toEqual(['en', 'fr', 'it', 'nl', 'cs']);
	});

	it('name every staff message with the staff_ prefix, apart from the survivor catalogues', () => {
		expect(Object.keys(base).filter((key) => !key.startsWith('staff_'))).toEqual([]);
		const survivor = readSurvivorCatalogue('en');
		expect(Object.keys(survivor).filter((key) => key.startsWith('staff_'))).toEqual([]);
	});

	for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
		describe(locale, () => {
			const messages = read(locale);

			checkAgainstBase(messages, base, SAME_AS_ENGLISH[locale]);

			it('allows only words that are still the same as English', () => {
				const stale = (SAME_AS_ENGLISH[locale] ?? []).filter((key) => messages[key] !== base[key]);
				expect(stale).toEqual([]);
			});

			it('records whether a native speaker has reviewed it', () => {
				expect(typeof reviewStatus[locale]?.reviewed).toBe('boolean');
			});
		});
	}
});
