/** A question as a survivor sees it, in their language. Built by `$lib/server/questions`. */
export type SurvivorQuestion = {
	id: string;
	version: number;
	section: 'guided' | 'free' | 'context';
	kind: 'text' | 'choice';
	domain: string | null;
	contentNote: boolean;
	text: string;
	options: { id: string; label: string }[];
};
