import { error } from '@sveltejs/kit';
import { hasRole, requireStaffPage } from '$lib/server/auth/guard';
import { codebook } from '$lib/server/research/codebook';
import { allCodings, currentCorpusKey, researchDirectory, sealedMemos } from '$lib/server/research/workspace';
import { contextLabels } from '$lib/server/questionnaire/questions';
import type { LayoutServerLoad } from './$types';

/**
 * The workspace's plaintext: the codebook, codings (addresses only) and labels. The corpus
 * itself comes as ciphertext from /staff/api/research/corpus and is opened in the browser.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	// Reading the path makes every move between workspace pages bring the team's latest
	// codebook and codings (small plaintext), e.g. a colleague's codings for the agreement view.
	void url.pathname;
	const researcher = hasRole(staff, 'researcher');
	if (!researcher && !hasRole(staff, 'moderator'))
		error(403, { message: 'Only researchers and moderators read the research corpus.' });
	return {
		me: { id: staff.id, name: staff.username },
		canCode: researcher,
		codes: codebook(staff.id),
		codings: allCodings(),
		// Ciphertext: opened in the browser with the corpus keys, so colleagues' new memos show.
		memos: sealedMemos(),
		directory: researchDirectory(),
		corpusKey: currentCorpusKey(),
		contextLabels: contextLabels()
	};
};
