/** Request bodies of signing in and of opening a re-enrolment link. */
import * as v from 'valibot';
import { STAFF_LOCALES, type StaffLocale } from '$lib/staff-i18n';
import { staffIssue } from '../http/refusals';
import { base64urlBytes } from '../http/validation';
import { KEY, oneTimeToken } from '../http/schema-parts';
import { secondFactorCode, username } from '../accounts/schemas';

export const loginParamsRequest = v.object({ username });

export const loginRequest = v.object({
	username,
	authKey: base64urlBytes('authKey', { exact: KEY }),
	code: v.optional(secondFactorCode, '')
});

/** Opening a re-enrolment link: the link's token plus proof of the passphrase. */
export const reenrolmentRequest = v.object({
	token: oneTimeToken(),
	username,
	authKey: base64urlBytes('authKey', { exact: KEY })
});

export const reenrolmentInspectRequest = v.object({ token: oneTimeToken() });

/** Ending one of one's own sign-in sessions, named by its id. */
export const signInSessionForm = v.object({
	sessionId: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, staffIssue('staff_refusals_unknown_sign_in_session')))
});

const unknownLanguage = staffIssue('staff_refusals_unknown_language');

/** The staff pages' language, or '' for the browser's own. */
export const staffLanguageForm = v.object({
	locale: v.union([v.picklist(STAFF_LOCALES as StaffLocale[], unknownLanguage), v.literal('')], unknownLanguage)
});
