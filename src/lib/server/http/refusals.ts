import { getRequestEvent } from '$app/server';
import type * as v from 'valibot';
import { isStaffLocale, type StaffLocale } from '$lib/staff-i18n';
import { staffLocaleFor, staffText } from '../i18n/staff';
import type { DomainError, RefusalKey } from './errors';

/**
 * The language of the staff member the current request answers: their Account choice, or on
 * the signed-out pages (sign-in, enrolment, recovery, setup) the one they picked or their
 * browser's. Null on the survivor side, whose pages translate refusals themselves by status,
 * and outside a request (scripts, unit tests): those answers stay in English.
 */
export function readerLocale(): StaffLocale | null {
	let event;
	try {
		event = getRequestEvent();
	} catch {
		return null;
	}
	const { pathname } = event.url;
	if (pathname !== '/staff' && !pathname.startsWith('/staff/')) return null;
	return staffLocaleFor(event.locals.staff, event.url, event.request.headers);
}

/** A catalogue sentence for the reader of the current request, in English outside the staff pages. */
export function readerText(key: RefusalKey, params?: Record<string, string | number>): string {
	return staffText(readerLocale() ?? 'en', key, params);
}

/** A refusal's sentence for the reader of the current request: translated for staff, else the English one. */
export function refusalText(cause: Pick<DomainError, 'message' | 'refusal'>): string {
	const locale = readerLocale();
	if (!locale || !cause.refusal) return cause.message;
	return staffText(locale, cause.refusal.key, cause.refusal.params);
}

/**
 * A valibot message from the staff catalogue, in the language the schema was run with
 * (`lang` in its config; English without one).
 */
export function staffIssue(key: RefusalKey, params?: Record<string, string | number>) {
	return (issue: v.BaseIssue<unknown>) => staffText(issueLocale(issue), key, params);
}

/**
 * `staffIssue` for a sentence about a named field: its `{field}` is the field's name, itself a
 * catalogue key, so that the name and the sentence around it speak the same language.
 */
export function staffFieldIssue(key: RefusalKey, field: RefusalKey, params?: Record<string, string | number>) {
	return (issue: v.BaseIssue<unknown>) => {
		const locale = issueLocale(issue);
		return staffText(locale, key, { ...params, field: staffText(locale, field) });
	};
}

/** The language a schema was run with, English without one. */
export function issueLocale(issue: v.BaseIssue<unknown>): StaffLocale {
	return isStaffLocale(issue.lang) ? issue.lang : 'en';
}

/** The valibot config that makes `staffIssue` messages speak the reader's language. */
export function issueConfig(): { lang?: StaffLocale } {
	const lang = readerLocale();
	return lang ? { lang } : {};
}
