import { describe, expect, it } from 'vitest';
import { consentProblem, readConsentForm } from './consent';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	return data;
};

describe('consent form', () => {
	it('reads ticked boxes and the chosen answer as a browser without JavaScript posts them', () => {
		expect(readConsentForm(form({ research: 'yes', replies: 'yes', understood: 'yes' }))).toEqual({
			consent: { research: true, quote: false, replies: true },
			understood: 'yes'
		});
	});

	it('treats an answer it does not know as no answer, and ignores other fields', () => {
		expect(readConsentForm(form({ understood: 'maybe', extra: 'x' }))).toEqual({
			consent: { research: false, quote: false, replies: false },
			understood: ''
		});
	});

	it('asks for research use first, then for the check question, and refuses a wrong answer', () => {
		const none = { research: false, quote: true, replies: true };
		const research = { research: true, quote: false, replies: false };
		expect(consentProblem({ consent: none, understood: 'yes' })).toBe('consent_research_required');
		expect(consentProblem({ consent: research, understood: '' })).toBe('consent_check_required');
		expect(consentProblem({ consent: research, understood: 'no' })).toBe('consent_check_wrong');
		expect(consentProblem({ consent: research, understood: 'yes' })).toBeNull();
	});
});
