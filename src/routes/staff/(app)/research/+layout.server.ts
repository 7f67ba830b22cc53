import { error } from '@sveltejs/kit';
import { hasRole, requireStaffPage } from '$lib/server/auth/guard';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import { codebook } from '$lib/server/research/codebook';
import { visibleCodings } from '$lib/server/research/codings';
import { blindCoding } from '$lib/server/research/rounds';
import { currentCorpusKey, researchDirectory, sealedMemos } from '$lib/server/research/workspace';
import { contextLabels } from '$lib/server/questionnaire/questions';
import type { LayoutServerLoad } from './$types';

/**
 * The workspace's plaintext: the codebook, the codings this reader may see (addresses only; a
 * colleague's stay hidden until their blind round is revealed) and labels. The corpus
 * itself comes as ciphertext from /staff/api/research/corpus and is opened in the browser.
 */
export const load: LayoutServerLoad = ({ locals, url, request }) => {
	const staff = requireStaffPage(locals.staff, url);
	// Reading the path makes every move between workspace pages bring the team's latest
	// codebook and codings (small plaintext), e.g. a colleague's codings for the agreement view.
	void url.pathname;
	const researcher = hasRole(staff, 'researcher');
	if (!researcher && !hasRole(staff, 'moderator'))
		error(403, { message: staffText(staffLocaleFor(staff, url, request.headers), 'staff_research_forbidden') });
	return {
		me: { id: staff.id, name: staff.username },
		canCode: researcher,
		// In the reader's language, so every workspace page names codes as the staff pages speak.
		codes: codebook(staff.id, staffLocaleFor(staff, url, request.headers)),
		codings: visibleCodings(staff.id),
		blind: blindCoding(staff.roles),
		// Ciphertext: opened in the browser with the corpus keys, so colleagues' new memos show.
		memos: sealedMemos(staff.id),
		directory: researchDirectory(),
		corpusKey: currentCorpusKey(),
		contextLabels: contextLabels()
	};
};
