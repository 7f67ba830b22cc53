import { codebookTexts } from '$lib/server/research/codebook';
import type { PageServerLoad } from './$types';

/** Every code's name and description in each language, for the language the files are written in. */
export const load: PageServerLoad = async ({ parent }) => {
	// The workspace layout decides who may read the codebook.
	await parent();
	return { codeTexts: codebookTexts() };
};
