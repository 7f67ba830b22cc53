import { error } from '@sveltejs/kit';
import type { StaffIdentity } from './auth/session';
import { hasRole, requireStaffApi } from './auth/guard';

/** Readers of the corpus: researchers, and moderators (who hold the corpus key to approve). */
export function requireCorpusReader(staff: StaffIdentity | null): StaffIdentity {
	const identity = requireStaffApi(staff);
	if (!hasRole(identity, 'researcher') && !hasRole(identity, 'moderator')) error(403, { message: 'Only researchers and moderators read the research corpus.' });
	return identity;
}

/** Coding, the codebook, memos and exports are researchers' work. */
export function requireResearcher(staff: StaffIdentity | null): StaffIdentity {
	const identity = requireStaffApi(staff);
	if (!hasRole(identity, 'researcher')) error(403, { message: 'Only researchers can do this.' });
	return identity;
}
