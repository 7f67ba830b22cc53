import { fail } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit/record';
import { requireStaffPage } from '$lib/server/auth/guard';
import { unusedRecoveryCodes } from '$lib/server/auth/second-factor';
import { endAllSessions, endOwnSession, sessionsOf } from '$lib/server/auth/session';
import { staffUserById } from '$lib/server/accounts/staff';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
import { signInSessionForm } from '$lib/server/auth/schemas';
import type { Actions, PageServerLoad } from './$types';
import { toBase64url } from '$lib/encoding/base64url';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const user = staffUserById(staff.id)!;
	return {
		publicKey: toBase64url(user.publicKey),
		recoveryCodesLeft: unusedRecoveryCodes(staff.id),
		sessions: sessionsOf(staff.id).map((session) => ({
			id: session.id,
			current: session.id === staff.sessionId,
			createdAt: session.createdAt.toISOString(),
			lastSeenAt: session.lastSeenAt?.toISOString() ?? null
		}))
	};
};

export const actions: Actions = {
	endSession: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		return formAction(signInSessionForm, Object.fromEntries(await readForm(request)), ({ sessionId }) => {
			if (!endOwnSession(staff.id, sessionId)) return fail(404, { message: 'That session has already ended.' });
			recordAudit({ actorId: staff.id, action: 'session.ended', subjectType: 'staff_user', subjectId: staff.id });
			return { message: 'The session has ended.' };
		});
	},
	endOthers: async ({ locals, url }) => {
		const staff = requireStaffPage(locals.staff, url);
		endAllSessions(staff.id, staff.sessionId);
		recordAudit({
			actorId: staff.id,
			action: 'session.ended',
			subjectType: 'staff_user',
			subjectId: staff.id,
			detail: { all: true }
		});
		return { message: 'Every other session has ended.' };
	}
};
