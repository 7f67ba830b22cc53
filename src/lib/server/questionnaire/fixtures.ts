/** The questionnaire tests' deployment and helpers. */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll } from 'vitest';
import { fakeStaffUser, useTemporaryDatabase } from '../testing';
import { db } from '../db';
import { auditEvent, questionTranslation } from '../db/schema';
import { insertChannel } from '../channels/keys';
import { insertStaffUser } from '../accounts/staff';
import { seedDefaultQuestions } from './questions';
import { questionnaireOverview } from './overview';
import { type NewQuestion, type WordingEdit } from './schemas';

export let adminId: string;
export let palermo: string;
export let brno: string;

/** A temporary database with the default questionnaire, an admin and two channels, set up before the file's tests. */
export function useQuestionnaireDeployment(): void {
	useTemporaryDatabase();
	beforeAll(() => {
		seedDefaultQuestions();
		adminId = insertStaffUser(
			{ ...fakeStaffUser('admin.questions'), recoveryAuthKey: randomBytes(32) },
			{ secret: randomBytes(20), step: 0 }
		);
		const channel = (name: string, country: string) =>
			insertChannel(
				{ name, country, publicKey: randomBytes(32), grants: [{ userId: adminId, sealedKey: randomBytes(80) }] },
				adminId
			).channelId;
		palermo = channel('Palermo shelter', 'IT');
		brno = channel('Brno group', 'CZ');
	});
}

export function newQuestion(overrides: Partial<NewQuestion> = {}): NewQuestion {
	return {
		id: `q_${randomBytes(4).toString('hex')}`,
		section: 'guided',
		domain: 'housing',
		kind: 'text',
		contentNote: false,
		channelId: null,
		text: 'Tell us about paying the rent.',
		options: [],
		...overrides
	};
}

/** A context choice question an admin adds to the questionnaire. */
export const householdQuestion = (): NewQuestion =>
	newQuestion({
		id: 'household',
		section: 'context',
		kind: 'choice',
		domain: null,
		text: 'Who do you live with?',
		options: [
			{ id: 'alone', label: 'Alone' },
			{ id: 'family', label: 'With family' }
		]
	});

/** The household question's French wording, with both option labels, saved on version 1. */
export const householdInFrench: WordingEdit = {
	locale: 'fr',
	expectedVersion: 1,
	text: 'Avec qui vivez-vous ?',
	optionLabels: { alone: 'Seul·e', family: 'En famille' }
};

export const translationRows = (id: string, version: number) =>
	db()
		.select()
		.from(questionTranslation)
		.where(and(eq(questionTranslation.questionId, id), eq(questionTranslation.version, version)))
		.all();

export const auditOf = (id: string) => db().select().from(auditEvent).where(eq(auditEvent.subjectId, id)).all();

export const sectionOrder = (section: 'guided' | 'free' | 'context') =>
	questionnaireOverview()
		.find((group) => group.section === section)!
		.questions.map((entry) => entry.id);
