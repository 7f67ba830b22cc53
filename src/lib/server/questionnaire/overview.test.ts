import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '$lib/paraglide/runtime';
import { db } from '../db';
import { questionTranslation } from '../db/schema';
import { translate } from '../i18n/dictionary';
import { QuestionNotFound } from './errors';
import { createQuestion, editWording, moveQuestion, setQuestionActive } from './admin';
import { localeReviewStatus, questionForEditing, questionPreview, questionnaireOverview } from './overview';
import { adminId, householdInFrench, householdQuestion, newQuestion, useQuestionnaireDeployment } from './fixtures';

useQuestionnaireDeployment();

// The questions the admin tests leave behind that these read: an admin's global question in English
// only, and a choice question whose French wording is version 2.
beforeAll(() => {
	createQuestion(newQuestion({ id: 'rent_costs' }), adminId);
	createQuestion(householdQuestion(), adminId);
	editWording('household', householdInFrench, adminId);
});

describe('questionnaireOverview', () => {
	it('groups every question by section in position order', () => {
		const groups = questionnaireOverview();
		expect(groups.map((group) => group.section)).toEqual(['guided', 'free', 'context']);
		expect(groups[2].questions.map((entry) => entry.id)).toEqual(
			expect.arrayContaining(['years', 'age', 'gender', 'household'])
		);
	});

	it('counts the locales translated at the current version and names the missing ones', () => {
		const find = (id: string) =>
			questionnaireOverview()
				.flatMap((group) => group.questions)
				.find((entry) => entry.id === id)!;
		expect(find('rights')).toMatchObject({ translatedCount: locales.length, missingLocales: [] });
		expect(find('rent_costs')).toMatchObject({ translatedCount: 1, version: 1 });
		expect(find('rent_costs').missingLocales).toHaveLength(locales.length - 1);
		expect(find('rent_costs').missingLocales).not.toContain('en');

		editWording(
			'rent_costs',
			{ locale: 'ti', expectedVersion: 1, text: 'ብዛዕባ ክራይ ገዛ ንገሩና።', optionLabels: {} },
			adminId
		);
		expect(find('rent_costs')).toMatchObject({ translatedCount: 2, version: 2 });
		expect(find('rent_costs').missingLocales).not.toContain('ti');
	});

	it('counts a choice translation without every option label as missing', () => {
		db()
			.insert(questionTranslation)
			.values({
				questionId: 'household',
				version: 2,
				locale: 'it',
				text: 'Con chi vivi?',
				optionLabels: { alone: 'Da solo' }
			})
			.run();
		const household = questionnaireOverview()
			.flatMap((group) => group.questions)
			.find((entry) => entry.id === 'household')!;
		expect(household.missingLocales).toContain('it');
		expect(household.missingLocales).not.toContain('fr');
		expect(household.translatedCount).toBe(2);
	});
});

describe('localeReviewStatus', () => {
	it('marks every locale but English for review, as shipped', () => {
		const status = localeReviewStatus()!;
		expect(status.map((entry) => entry.locale)).toEqual([...locales]);
		expect(status.filter((entry) => entry.reviewed).map((entry) => entry.locale)).toEqual(['en']);
		expect(status.find((entry) => entry.locale === 'ar')?.name).toBe('العربية');
	});

	it('says it does not know rather than guessing when the file is unreadable', () => {
		const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tv-review-')), 'review-status.json');
		fs.writeFileSync(broken, '{ "fr": { "reviewed": "yes" } }');
		expect(localeReviewStatus(broken)).toBeNull();
		expect(localeReviewStatus(path.join(path.dirname(broken), 'missing.json'))).toBeNull();
		fs.rmSync(path.dirname(broken), { recursive: true, force: true });
	});
});

describe('questionPreview', () => {
	it('shows a right-to-left question with its content note in that language', () => {
		const preview = questionPreview('safety', 'ar');
		expect(preview).toMatchObject({
			locale: 'ar',
			dir: 'rtl',
			textLocale: 'ar',
			fallback: false,
			text: translate('ar', 'question_safety'),
			contentNote: translate('ar', 'question_content_note'),
			preferNotLabel: null
		});
	});

	it('falls back to English where a translation is missing, as survivors see it', () => {
		expect(questionPreview('rent_costs', 'ps')).toMatchObject({
			dir: 'rtl',
			textLocale: 'en',
			textDir: 'ltr',
			fallback: true,
			text: 'Tell us about paying the rent.',
			contentNote: null
		});
	});

	it('adds "prefer not to say" to a context question', () => {
		const preview = questionPreview('gender', 'uk');
		expect(preview.preferNotLabel).toBe(translate('uk', 'context_prefer_not'));
		expect(preview.options.map((option) => option.id)).toEqual(['woman', 'man', 'other']);
		expect(preview.options[0].label).toBe(translate('uk', 'context_gender_woman'));
		expect(preview.hint).toBeNull();
	});

	it('answers an unknown question with QuestionNotFound', () => {
		expect(() => questionPreview('nope', 'en')).toThrow(QuestionNotFound);
		expect(() => questionForEditing('nope')).toThrow(QuestionNotFound);
		expect(() => moveQuestion('nope', 'up', adminId)).toThrow(QuestionNotFound);
		expect(() => setQuestionActive('nope', false, adminId)).toThrow(QuestionNotFound);
	});

	it('does not repeat the unknown id, which comes from the address, in its message', () => {
		expect(() => questionForEditing('<b>kestrel-canary</b>')).toThrow(/^There is no question with this id\.$/);
	});
});

describe('questionForEditing', () => {
	it('gives the current wording of every locale and whether it can move', () => {
		const editable = questionForEditing('household');
		expect(editable).toMatchObject({ version: 2, options: ['alone', 'family'], canMoveDown: false });
		expect(editable.wordings).toHaveLength(locales.length);
		expect(editable.wordings.find((entry) => entry.locale === 'fr')).toMatchObject({
			text: 'Avec qui vivez-vous ?',
			optionLabels: { alone: 'Seul·e', family: 'En famille' },
			complete: true
		});
		expect(editable.wordings.find((entry) => entry.locale === 'so')).toMatchObject({ text: null, complete: false });
	});
});
