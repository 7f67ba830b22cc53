/**
 * What the context a survivor chose to give is called: each context question and each of its
 * answers by code (`age`, `25to34`, `prefer_not`). Built on the server from the questionnaire
 * (`contextLabels` in `$lib/server/questionnaire/questions`) and used by every staff view and
 * export that shows context, so people read "25 to 34", never a raw code.
 */
export type ContextLabels = {
	/** The answer every context question offers: "Prefer not to say". */
	preferNot: string;
	questions: Record<string, { question: string; options: Record<string, string> }>;
};

/** The code of "Prefer not to say", reserved in every context question. */
export const PREFER_NOT = 'prefer_not';

export const NO_CONTEXT_LABELS: ContextLabels = { preferNot: 'Prefer not to say', questions: {} };

/** A context question by its id: its wording, or the id itself for a question no longer known. */
export function contextQuestionLabel(labels: ContextLabels, questionId: string): string {
	return Object.hasOwn(labels.questions, questionId) ? labels.questions[questionId].question : questionId;
}

/** An answer to a context question by its code: its label, or the code itself for an unknown one. */
export function contextAnswerLabel(labels: ContextLabels, questionId: string, code: string): string {
	if (code === PREFER_NOT) return labels.preferNot;
	const options = Object.hasOwn(labels.questions, questionId) ? labels.questions[questionId].options : {};
	return Object.hasOwn(options, code) ? options[code] : code;
}
