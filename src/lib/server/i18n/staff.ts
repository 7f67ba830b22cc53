import * as messages from '$lib/paraglide-staff/messages';
import {
	isStaffLocale,
	negotiateStaffLocale,
	partOfKey,
	type StaffStringPart,
	type StaffDictionary,
	type StaffLocale,
	type StaffMessageKey
} from '$lib/staff-i18n';
import type { StaffIdentity } from '../auth/session';
import { placeholders } from './dictionary';

type MessageFunction = (inputs: Record<string, string>, options: { locale: StaffLocale }) => string;

const allKeys = (Object.keys(messages) as (keyof typeof messages)[]).filter(
	(key): key is StaffMessageKey => key !== 'm' && typeof messages[key] === 'function'
);

const dictionaries = new Map<StaffLocale, StaffDictionary>();

/** Every staff template in one locale (tests and server-side labels). */
export function staffDictionary(locale: StaffLocale): StaffDictionary {
	let dictionary = dictionaries.get(locale);
	if (!dictionary) {
		dictionary = {};
		for (const key of allKeys) dictionary[key] = template(key, locale);
		dictionaries.set(locale, dictionary);
	}
	return dictionary;
}

const parts = new Map<string, StaffDictionary>();

/** One part of a locale's templates (see STAFF_STRING_AREAS): what a staff page fetches. */
export function staffStringPart(locale: StaffLocale, part: StaffStringPart): StaffDictionary {
	const id = `${locale}:${part}`;
	let dictionary = parts.get(id);
	if (!dictionary) {
		const all = staffDictionary(locale);
		dictionary = Object.fromEntries(allKeys.filter((key) => partOfKey(key) === part).map((key) => [key, all[key]]));
		parts.set(id, dictionary);
	}
	return dictionary;
}

const template = (key: StaffMessageKey, locale: StaffLocale) =>
	(messages[key] as unknown as MessageFunction)(placeholders, { locale });

/** One staff message in a locale, with its parameters filled (form answers, server messages). */
export function staffText(
	locale: StaffLocale,
	key: StaffMessageKey,
	params: Record<string, string | number> = {}
): string {
	const inputs = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
	return (messages[key] as unknown as MessageFunction)(inputs, { locale });
}

/**
 * The language a staff page is shown in: the one the person chose on their Account page; when
 * signed out (or never chosen), the one picked on the sign-in page (`?lang=`, in the address,
 * never a cookie), else the browser's.
 */
export function staffLocaleFor(staff: StaffIdentity | null, url: URL, headers: Headers): StaffLocale {
	if (isStaffLocale(staff?.locale)) return staff.locale;
	const asked = url.searchParams.get('lang');
	if (isStaffLocale(asked)) return asked;
	return negotiateStaffLocale(headers.get('accept-language'));
}
