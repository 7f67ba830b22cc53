import { error } from '@sveltejs/kit';
import { formAttempt } from '$lib/server/http/form-action';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { baseLocale, isLocale, localizeHref } from '$lib/paraglide/runtime';
import { currentChannelKey } from '$lib/server/channels/keys';
import { questionnaire } from '$lib/server/questionnaire/questions';
import { deploymentSalt } from '$lib/server/settings/store';
import { sheetLanguages } from '$lib/server/sessions/languages';
import { sessionsWithCounts, setSessionClosed } from '$lib/server/sessions/sessions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { toBase64url } from '$lib/encoding/base64url';

export const load: PageServerLoad = ({ locals, url, params, request }) => {
	const staff = requireStaffPage(locals.staff, url);
	const locale = staffLocaleFor(staff, url, request.headers);
	const session = sessionsWithCounts(channelsWithRole(staff, 'facilitator')).find((item) => item.id === params.id);
	if (!session) error(404, { message: staffText(locale, 'staff_sessions_not_found') });
	const key = currentChannelKey(session.channelId);
	const sheet = sheetLanguages(session);
	return {
		session,
		// The QR code leads to the join page in the session's first language.
		joinLink: sheet[0].link,
		sheet,
		// The session's language page: each person on the shared device picks their language.
		kioskLink: `${localizeHref('/kiosk', { locale: session.locales.find(isLocale) ?? baseLocale })}?s=${session.id}&kiosk=1`,
		// Public values only: a group testimony is sealed in this browser like a survivor's.
		intake: key
			? {
					channelId: session.channelId,
					channelKeyVersion: key.version,
					channelPublicKey: toBase64url(key.publicKey),
					deploymentSalt: deploymentSalt()
				}
			: null,
		// In the facilitator's language where the question has it, else in its base (English) wording.
		questions: questionnaire(session.channelId, locale).filter((question) => question.section !== 'context')
	};
};

function toggle({ locals, url, params, request }: RequestEvent, closed: boolean) {
	const staff = requireStaffPage(locals.staff, url);
	return formAttempt(() => {
		setSessionClosed(staff.id, channelsWithRole(staff, 'facilitator'), params.id, closed);
		const locale = staffLocaleFor(staff, url, request.headers);
		return { message: staffText(locale, closed ? 'staff_sessions_closed_now' : 'staff_sessions_open_again') };
	});
}

export const actions: Actions = {
	close: async (event) => toggle(event, true),
	reopen: async (event) => toggle(event, false)
};
