import { fail } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit/record';
import { requireStaffPage } from '$lib/server/auth/guard';
import { RECOVERY_CODE_COUNT, unusedRecoveryCodes } from '$lib/server/auth/second-factor';
import { endAllSessions, endOwnSession, sessionsOf } from '$lib/server/auth/session';
import { setStaffLocale, staffUserById } from '$lib/server/accounts/staff';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
import { signInSessionForm, staffLanguageForm } from '$lib/server/auth/schemas';
import type { Actions, PageServerLoad } from './$types';
import { toBase64url } from '$lib/encoding/base64url';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const user = staffUserById(staff.id)!;
	return {
		publicKey: toBase64url(user.publicKey),
		/** The language chosen for the staff pages; null: the browser's. */
		chosenLocale: user.locale,
		recoveryCodesLeft: unusedRecoveryCodes(staff.id),
		recoveryCodesTotal: RECOVERY_CODE_COUNT,
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
		const locale = staffLocaleFor(staff, url, request.headers);
		return formAction(signInSessionForm, Object.fromEntries(await readForm(request)), ({ sessionId }) => {
			if (!endOwnSession(staff.id, sessionId))
				return fail(404, { message: staffText(locale, 'staff_account_session_already_ended') });
			recordAudit({ actorId: staff.id, action: 'session.ended', subjectType: 'staff_user', subjectId: staff.id });
			return { message: staffText(locale, 'staff_account_session_ended') };
		});
	},
	endOthers: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		endAllSessions(staff.id, staff.sessionId);
		recordAudit({
			actorId: staff.id,
			action: 'session.ended',
			subjectType: 'staff_user',
			subjectId: staff.id,
			detail: { all: true }
		});
		return { message: staffText(staffLocaleFor(staff, url, request.headers), 'staff_account_sessions_others_ended') };
	},
	language: async ({ locals, url, request }) => {
		const staff = requireStaffPage(locals.staff, url);
		return formAction(staffLanguageForm, Object.fromEntries(await readForm(request)), ({ locale }) => {
			setStaffLocale(staff.id, locale || null);
			const shown = staffLocaleFor({ ...staff, locale: locale || null }, url, request.headers);
			return { languageMessage: staffText(shown, 'staff_account_language_saved') };
		});
	}
};
