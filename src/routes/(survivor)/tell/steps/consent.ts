import type { MessageKey } from '$lib/i18n';

/** What the survivor agreed to: research use (required), quoting, and replies. */
export type Consent = { research: boolean; quote: boolean; replies: boolean };
/** The answer to "can you delete what you told us later?": it must be 'yes' to go on. */
export type Understood = '' | 'yes' | 'no';
export type ConsentAnswers = { consent: Consent; understood: Understood };

export const NO_CONSENT: ConsentAnswers = {
	consent: { research: false, quote: false, replies: false },
	understood: ''
};

/** Why the consent step may not be left yet, or null when it may. The browser and server agree. */
export function consentProblem({ consent, understood }: ConsentAnswers): MessageKey | null {
	if (!consent.research) return 'consent_research_required';
	if (understood === '') return 'consent_check_required';
	if (understood === 'no') return 'consent_check_wrong';
	return null;
}

/**
 * The consent form as a browser without JavaScript posts it: a ticked box sends its name, the
 * chosen answer sends `understood`. Anything else in the form is ignored.
 */
export function readConsentForm(form: FormData): ConsentAnswers {
	const understood = form.get('understood');
	return {
		consent: { research: form.has('research'), quote: form.has('quote'), replies: form.has('replies') },
		understood: understood === 'yes' || understood === 'no' ? understood : ''
	};
}
