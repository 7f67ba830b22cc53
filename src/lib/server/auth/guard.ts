import { error, redirect } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { StaffIdentity } from './session';

export const TWO_FACTOR_PAGE = '/staff/account/two-factor';

/**
 * A session whose authenticator was reset (opened with the re-enrolment link and the
 * passphrase) proves one factor only. Every guard below refuses it; only the two enrolment
 * endpoints and the two-factor page use the guards that accept it.
 */
function refuseWithoutSecondFactor(staff: StaffIdentity): void {
	if (staff.awaitingSecondFactor) {
		error(403, { message: `Set up your new authenticator first, at ${TWO_FACTOR_PAGE}.` });
	}
}

/** For pages and form actions: send anyone without a session to the login page. */
export function requireStaffPage(staff: StaffIdentity | null, url: URL): StaffIdentity {
	if (!staff) redirect(303, `/staff/login?next=${encodeURIComponent(url.pathname)}`);
	refuseWithoutSecondFactor(staff);
	return staff;
}

/** For JSON endpoints: 401 without a session. */
export function requireStaffApi(staff: StaffIdentity | null): StaffIdentity {
	if (!staff) error(401, { message: 'Sign in first.' });
	refuseWithoutSecondFactor(staff);
	return staff;
}

/** Only for binding a new authenticator after a reset: a session that still lacks one. */
export function requireStaffAwaitingSecondFactorApi(staff: StaffIdentity | null): StaffIdentity {
	if (!staff) error(401, { message: 'Sign in first.' });
	if (!staff.awaitingSecondFactor) error(409, { message: 'Two-factor authentication is already set up.' });
	return staff;
}

export function hasRole(staff: StaffIdentity, role: Role): boolean {
	return staff.roles.some((grant) => grant.role === role);
}

/** Channels in which the person holds a per-channel role. */
export function channelsWithRole(staff: StaffIdentity, role: 'moderator' | 'facilitator'): string[] {
	return staff.roles
		.filter((grant) => grant.role === role && grant.channelId !== null)
		.map((grant) => grant.channelId as string);
}

/** For admin pages and endpoints: only admins, and anyone else gets a 403 with a reason. */
export function requireAdmin(staff: StaffIdentity | null, url: URL): StaffIdentity {
	const identity = requireStaffPage(staff, url);
	if (!hasRole(identity, 'admin')) error(403, { message: 'Only administrators can open this page.' });
	return identity;
}

export function requireAdminApi(staff: StaffIdentity | null): StaffIdentity {
	const identity = requireStaffApi(staff);
	if (!hasRole(identity, 'admin')) error(403, { message: 'Only administrators can do this.' });
	return identity;
}

/** Moderator of this channel, for pages and endpoints that touch its testimonies or key. */
export function isModeratorOf(staff: StaffIdentity, channelId: string): boolean {
	return staff.roles.some((grant) => grant.role === 'moderator' && grant.channelId === channelId);
}

/** Readers of the corpus: researchers, and moderators (who hold the corpus key to approve). */
export function requireCorpusReader(staff: StaffIdentity | null): StaffIdentity {
	const identity = requireStaffApi(staff);
	if (!hasRole(identity, 'researcher') && !hasRole(identity, 'moderator'))
		error(403, { message: 'Only researchers and moderators read the research corpus.' });
	return identity;
}

/** Coding, the codebook, memos and exports are researchers' work. */
export function requireResearcher(staff: StaffIdentity | null): StaffIdentity {
	const identity = requireStaffApi(staff);
	if (!hasRole(identity, 'researcher')) error(403, { message: 'Only researchers can do this.' });
	return identity;
}
