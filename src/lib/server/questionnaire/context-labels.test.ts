import { beforeAll, describe, expect, it } from 'vitest';
import { createQuestion } from './admin';
import { adminId, householdQuestion, useQuestionnaireDeployment } from './fixtures';
import { contextLabels } from './questions';

useQuestionnaireDeployment();

beforeAll(() => {
	createQuestion(householdQuestion(), adminId);
});

describe('contextLabels', () => {
	it('labels every shipped and admin-added context question and answer, and "prefer not to say"', () => {
		const labels = contextLabels();
		expect(labels.preferNot).toBe('Prefer not to say');
		expect(labels.questions.age).toEqual({
			question: 'How old are you?',
			options: expect.objectContaining({ '25to34': '25 to 34', '55plus': expect.any(String) })
		});
		expect(labels.questions.household).toEqual({
			question: 'Who do you live with?',
			options: { alone: 'Alone', family: 'With family' }
		});
	});

	it('labels only context questions', () => {
		expect(Object.keys(contextLabels().questions)).not.toContain('rights');
	});
});
