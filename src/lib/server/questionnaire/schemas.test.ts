import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { newQuestionForm, newQuestionFromForm } from './schemas';

describe('the create form', () => {
	const form = (fields: Record<string, unknown>) =>
		v.safeParse(newQuestionForm, {
			id: 'new_one',
			section: 'guided',
			domain: '',
			kind: 'text',
			contentNote: null,
			scope: 'global',
			text: 'A question',
			optionIds: [],
			optionLabels: [],
			...fields
		});

	it('explains what a valid id looks like', () => {
		const parsed = form({ id: 'New One' });
		expect(parsed.success).toBe(false);
		expect(parsed.issues?.[0].message).toMatch(/lowercase letter first/);
	});

	it('refuses a domain outside the codebook and a missing section', () => {
		expect(form({ domain: 'weather' }).issues?.[0].message).toMatch(/listed domains/);
		expect(form({ section: null }).issues?.[0].message).toMatch(/Choose a section/);
	});

	it('reads "none", an unticked content note and blank option rows as nothing', () => {
		const parsed = form({
			optionIds: ['a', '', 'b'],
			optionLabels: ['A', '', 'B'],
			scope: '5b0c3a3e-8f7a-4e8e-9a55-2f4f0c9d1a11'
		});
		if (!parsed.success) throw new Error(parsed.issues[0].message);
		expect(newQuestionFromForm(parsed.output)).toMatchObject({
			domain: null,
			contentNote: false,
			channelId: '5b0c3a3e-8f7a-4e8e-9a55-2f4f0c9d1a11',
			options: [
				{ id: 'a', label: 'A' },
				{ id: 'b', label: 'B' }
			]
		});
	});
});
