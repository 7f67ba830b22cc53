import { describe, expect, it } from 'vitest';
import { contextAnswerLabel, contextQuestionLabel, type ContextLabels } from './context-labels';

const labels: ContextLabels = {
	preferNot: 'Prefer not to say',
	questions: { age: { question: 'How old are you?', options: { '25to34': '25 to 34' } } }
};

describe('context labels', () => {
	it('names a question and an answer in words', () => {
		expect(contextQuestionLabel(labels, 'age')).toBe('How old are you?');
		expect(contextAnswerLabel(labels, 'age', '25to34')).toBe('25 to 34');
		expect(contextAnswerLabel(labels, 'gender', 'prefer_not')).toBe('Prefer not to say');
	});

	it('falls back to the code for a question or answer no longer known, never to an inherited property', () => {
		expect(contextQuestionLabel(labels, 'retired')).toBe('retired');
		expect(contextAnswerLabel(labels, 'age', '90plus')).toBe('90plus');
		expect(contextAnswerLabel(labels, 'age', 'constructor')).toBe('constructor');
		expect(contextQuestionLabel(labels, '__proto__')).toBe('__proto__');
	});
});
