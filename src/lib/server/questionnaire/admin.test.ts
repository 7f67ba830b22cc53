import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { locales } from '$lib/paraglide/runtime';
import { db } from '../db';
import { question, questionTranslation } from '../db/schema';
import { translate } from '../i18n/dictionary';
import { questionnaire, questionWording, seedDefaultQuestions } from './questions';
import { QuestionNotFound, QuestionRefused } from './errors';
import { createQuestion, editWording, moveQuestion, setQuestionActive } from './admin';
import { questionnaireOverview } from './overview';

import {
	adminId,
	auditOf,
	brno,
	householdInFrench,
	householdQuestion,
	newQuestion,
	palermo,
	sectionOrder,
	translationRows,
	useQuestionnaireDeployment
} from './fixtures';

useQuestionnaireDeployment();

describe('createQuestion', () => {
	it('adds a question at the end of its section with its English wording as version 1', () => {
		const created = createQuestion(newQuestion({ id: 'rent_costs' }), adminId);
		expect(created).toMatchObject({ id: 'rent_costs', version: 1, isDefault: false, active: true, channelId: null });
		expect(sectionOrder('guided').at(-1)).toBe('rent_costs');
		expect(questionWording('rent_costs', 1, 'en')).toBe('Tell us about paying the rent.');
		expect(questionnaire(palermo, 'en').map((entry) => entry.id)).toContain('rent_costs');
		expect(auditOf('rent_costs')).toEqual([
			expect.objectContaining({
				action: 'question.created',
				actorId: adminId,
				subjectType: 'question',
				detail: { section: 'guided', kind: 'text', scope: 'global' }
			})
		]);
	});

	it('asks a channel question only to that channel’s survivors', () => {
		createQuestion(newQuestion({ id: 'palermo_transport', channelId: palermo }), adminId);
		expect(questionnaire(palermo, 'en').map((entry) => entry.id)).toContain('palermo_transport');
		expect(questionnaire(brno, 'en').map((entry) => entry.id)).not.toContain('palermo_transport');
		const summary = questionnaireOverview()
			.flatMap((group) => group.questions)
			.find((entry) => entry.id === 'palermo_transport');
		expect(summary?.channel).toEqual({ id: palermo, name: 'Palermo shelter' });
	});

	it('stores a context choice question with its option labels', () => {
		createQuestion(householdQuestion(), adminId);
		const [asked] = questionnaire(brno, 'en').filter((entry) => entry.id === 'household');
		expect(asked.options).toEqual([
			{ id: 'alone', label: 'Alone' },
			{ id: 'family', label: 'With family' }
		]);
		expect(sectionOrder('context').at(-1)).toBe('household');
	});

	it('refuses an id that is already taken, by a default question or an admin’s', () => {
		expect(() => createQuestion(newQuestion({ id: 'housing' }), adminId)).toThrow(/already exists/);
		expect(() => createQuestion(newQuestion({ id: 'rent_costs', text: 'Another' }), adminId)).toThrow(QuestionRefused);
		expect(questionWording('rent_costs', 1, 'en')).toBe('Tell us about paying the rent.');
		expect(auditOf('housing').filter((entry) => entry.action === 'question.created')).toHaveLength(0);
	});

	it('refuses a choice question with fewer than two options', () => {
		const single = newQuestion({ section: 'context', kind: 'choice', options: [{ id: 'yes', label: 'Yes' }] });
		expect(() => createQuestion(single, adminId)).toThrow(/at least two options/);
		expect(db().select().from(question).where(eq(question.id, single.id)).get()).toBeUndefined();
	});

	it('refuses options a survivor could not tell apart or that clash with "prefer not to say"', () => {
		const choice = (options: { id: string; label: string }[]) =>
			newQuestion({ section: 'context', kind: 'choice', options });
		expect(() =>
			createQuestion(
				choice([
					{ id: 'a', label: 'A' },
					{ id: 'a', label: 'B' }
				]),
				adminId
			)
		).toThrow(/same id as an earlier option/);
		expect(() =>
			createQuestion(
				choice([
					{ id: 'a', label: 'A' },
					{ id: 'prefer_not', label: 'No' }
				]),
				adminId
			)
		).toThrow(/reserved/);
		expect(() =>
			createQuestion(
				choice([
					{ id: 'a', label: 'A' },
					{ id: 'B c', label: 'B' }
				]),
				adminId
			)
		).toThrow(/option id/);
		expect(() =>
			createQuestion(
				choice([
					{ id: 'a', label: 'A' },
					{ id: 'b', label: '' }
				]),
				adminId
			)
		).toThrow(/English label/);
	});

	it('refuses a kind the survivor page cannot show in that section', () => {
		expect(() => createQuestion(newQuestion({ section: 'context' }), adminId)).toThrow(/choice question/);
		expect(() =>
			createQuestion(
				newQuestion({
					kind: 'choice',
					options: [
						{ id: 'a', label: 'A' },
						{ id: 'b', label: 'B' }
					]
				}),
				adminId
			)
		).toThrow(/text question/);
	});

	it('refuses a channel that does not exist', () => {
		expect(() => createQuestion(newQuestion({ channelId: 'no-such-channel' }), adminId)).toThrow(
			/channel does not exist/
		);
	});
});

describe('editWording', () => {
	it('saves a change as a new version and keeps every row of the old one', () => {
		createQuestion(newQuestion({ id: 'training', text: 'Tell us about training.' }), adminId);
		editWording(
			'training',
			{ locale: 'fr', expectedVersion: 1, text: 'Parlez-nous de la formation.', optionLabels: {} },
			adminId
		);
		const before = translationRows('training', 2);

		const result = editWording(
			'training',
			{ locale: 'en', expectedVersion: 2, text: 'Tell us about courses and training.', optionLabels: {} },
			adminId
		);

		expect(result).toEqual({ changed: true, version: 3 });
		expect(translationRows('training', 2)).toEqual(before);
		expect(questionWording('training', 2, 'en')).toBe('Tell us about training.');
		expect(questionWording('training', 3, 'en')).toBe('Tell us about courses and training.');
		expect(questionWording('training', 3, 'fr')).toBe('Parlez-nous de la formation.');
		expect(db().select().from(question).where(eq(question.id, 'training')).get()).toMatchObject({
			version: 3,
			isDefault: false
		});
		expect(questionnaire(brno, 'en').find((entry) => entry.id === 'training')).toMatchObject({
			version: 3,
			text: 'Tell us about courses and training.'
		});
		expect(auditOf('training').at(-1)).toMatchObject({
			action: 'question.updated',
			detail: { version: 3, change: 'wording', locale: 'en' }
		});
	});

	it('copies every translated locale of a default question into the new version', () => {
		editWording('work', { locale: 'ar', expectedVersion: 1, text: 'حدثنا عن العمل.', optionLabels: {} }, adminId);
		expect(translationRows('work', 2)).toHaveLength(locales.length);
		expect(questionWording('work', 2, 'it')).toBe(questionWording('work', 1, 'it'));
		expect(questionWording('work', 2, 'ar')).toBe('حدثنا عن العمل.');
		expect(questionWording('work', 1, 'ar')).toBe(translate('ar', 'question_work'));
	});

	it('creates no version when nothing changed', () => {
		const english = questionWording('rights', 1, 'en')!;
		expect(
			editWording('rights', { locale: 'en', expectedVersion: 1, text: english, optionLabels: {} }, adminId)
		).toEqual({
			changed: false,
			version: 1
		});
		expect(db().select().from(question).where(eq(question.id, 'rights')).get()).toMatchObject({
			version: 1,
			isDefault: true
		});
	});

	it('refuses a save made on a version someone else has replaced meanwhile', () => {
		expect(() =>
			editWording('training', { locale: 'en', expectedVersion: 2, text: 'Older edit', optionLabels: {} }, adminId)
		).toThrow(/reload the page/);
		expect(questionWording('training', 3, 'en')).toBe('Tell us about courses and training.');
	});

	it('requires English, and leaves another language untranslated when its text is cleared', () => {
		expect(() =>
			editWording('training', { locale: 'en', expectedVersion: 3, text: '', optionLabels: {} }, adminId)
		).toThrow(/English text is required/);
		editWording('training', { locale: 'fr', expectedVersion: 3, text: '', optionLabels: {} }, adminId);
		expect(questionWording('training', 4, 'fr')).toBeUndefined();
		expect(questionWording('training', 3, 'fr')).toBe('Parlez-nous de la formation.');
		expect(questionnaire(brno, 'fr').find((entry) => entry.id === 'training')?.text).toBe(
			'Tell us about courses and training.'
		);
	});

	it('requires a label for every option of a choice question', () => {
		expect(() =>
			editWording(
				'household',
				{ locale: 'fr', expectedVersion: 1, text: 'Avec qui vivez-vous ?', optionLabels: { alone: 'Seul·e' } },
				adminId
			)
		).toThrow(/option "family" needs a label/);
		expect(() =>
			editWording(
				'household',
				{ locale: 'fr', expectedVersion: 1, text: 'Avec qui ?', optionLabels: { alone: 'a', family: 'b', pets: 'c' } },
				adminId
			)
		).toThrow(/no such option/);
		editWording('household', householdInFrench, adminId);
		expect(questionnaire(brno, 'fr').find((entry) => entry.id === 'household')?.options).toEqual([
			{ id: 'alone', label: 'Seul·e' },
			{ id: 'family', label: 'En famille' }
		]);
	});

	it('answers an unknown question with QuestionNotFound', () => {
		expect(() =>
			editWording('nope', { locale: 'en', expectedVersion: 1, text: 'x', optionLabels: {} }, adminId)
		).toThrow(QuestionNotFound);
	});
});

describe('seedDefaultQuestions after an admin edit', () => {
	it('leaves the edited wording and version alone, and still refreshes untouched questions', () => {
		editWording(
			'housing',
			{ locale: 'en', expectedVersion: 1, text: 'Tell us about your home.', optionLabels: {} },
			adminId
		);
		db()
			.update(questionTranslation)
			.set({ text: 'stale' })
			.where(and(eq(questionTranslation.questionId, 'education'), eq(questionTranslation.locale, 'en')))
			.run();

		seedDefaultQuestions();

		expect(db().select().from(question).where(eq(question.id, 'housing')).get()).toMatchObject({
			version: 2,
			isDefault: false
		});
		expect(questionWording('housing', 2, 'en')).toBe('Tell us about your home.');
		expect(questionnaire(brno, 'en').find((entry) => entry.id === 'housing')?.text).toBe('Tell us about your home.');
		expect(questionWording('education', 1, 'en')).toBe(translate('en', 'question_education'));
	});
});

describe('moveQuestion', () => {
	it('swaps a question with its neighbour in its section', () => {
		const before = sectionOrder('guided');
		const index = before.indexOf('social');
		moveQuestion('social', 'up', adminId);
		const after = sectionOrder('guided');
		expect(after[index - 1]).toBe('social');
		expect(after[index]).toBe(before[index - 1]);
		expect(after.toSorted()).toEqual(before.toSorted());
		expect(
			questionnaire(brno, 'en')
				.filter((entry) => entry.section === 'guided')
				.map((entry) => entry.id)
		).toEqual(after.filter((id) => id !== 'palermo_transport'));
		expect(auditOf('social').at(-1)).toMatchObject({
			action: 'question.updated',
			detail: { change: 'order', version: 1 }
		});

		moveQuestion('social', 'down', adminId);
		expect(sectionOrder('guided')).toEqual(before);
	});

	it('refuses to move the first question up or the last down, and leaves other sections alone', () => {
		const context = sectionOrder('context');
		const [first] = sectionOrder('guided');
		expect(() => moveQuestion(first, 'up', adminId)).toThrow(/already the first/);
		expect(() => moveQuestion('free_story', 'down', adminId)).toThrow(/already the last/);
		moveQuestion('years', 'down', adminId);
		expect(sectionOrder('context').slice(0, 2)).toEqual([context[1], context[0]]);
		expect(sectionOrder('free')).toEqual(['free_story']);
	});

	it('still swaps two questions that share a position', () => {
		createQuestion(newQuestion({ id: 'tie_a', section: 'free' }), adminId);
		createQuestion(newQuestion({ id: 'tie_b', section: 'free' }), adminId);
		db().update(question).set({ position: 500 }).where(eq(question.section, 'free')).run();
		expect(sectionOrder('free')).toEqual(['free_story', 'tie_a', 'tie_b']);
		moveQuestion('tie_b', 'up', adminId);
		expect(sectionOrder('free')).toEqual(['free_story', 'tie_b', 'tie_a']);
	});
});

describe('setQuestionActive', () => {
	it('hides a deactivated question from survivors but keeps it and its wording', () => {
		setQuestionActive('strengths', false, adminId);
		expect(questionnaire(brno, 'en').map((entry) => entry.id)).not.toContain('strengths');
		expect(questionWording('strengths', 1, 'en')).toBe(translate('en', 'question_strengths'));
		expect(
			questionnaireOverview()
				.flatMap((group) => group.questions)
				.find((entry) => entry.id === 'strengths')
		).toMatchObject({
			active: false
		});
		expect(auditOf('strengths').at(-1)).toMatchObject({ detail: { change: 'active', active: false, version: 1 } });

		setQuestionActive('strengths', true, adminId);
		expect(questionnaire(brno, 'en').map((entry) => entry.id)).toContain('strengths');
	});

	it('records nothing when the question already is in that state', () => {
		const entries = auditOf('rights').length;
		expect(setQuestionActive('rights', true, adminId)).toEqual({ changed: false });
		expect(auditOf('rights')).toHaveLength(entries);
	});
});
