/**
 * The staff pages' languages (the partners': staff.inlang/settings.json lists them, and each has
 * a catalogue in messages/staff/). Apart from the survivor catalogues on purpose: a survivor page
 * never ships a staff string, and adding a staff language touches no survivor page.
 *
 * Staff pages read their strings through `t` (./staff-text.ts in the browser, the server module
 * on the server), always with the locale passed in: the paraglide runtime's own locale choice
 * belongs to the survivor pages' URL.
 */
import { baseLocale, locales } from '$lib/paraglide-staff/runtime';
import type * as staffMessages from '$lib/paraglide-staff/messages';
import { fillPlaceholders } from '$lib/i18n';

export const STAFF_LOCALES: readonly string[] = locales;
export type StaffLocale = (typeof locales)[number];
export const DEFAULT_STAFF_LOCALE: StaffLocale = baseLocale;

export type StaffMessageKey = Exclude<keyof typeof staffMessages, 'm'>;
/** One staff locale's templates, `{name}` placeholders left in place. */
export type StaffDictionary = Partial<Record<StaffMessageKey, string>>;
export type StaffTranslate = (key: StaffMessageKey, params?: Record<string, string | number>) => string;

export function isStaffLocale(value: unknown): value is StaffLocale {
	return typeof value === 'string' && (STAFF_LOCALES as readonly string[]).includes(value);
}

/**
 * The staff locale a browser asks for in its Accept-Language header: the first, by weight, that
 * the staff pages speak, matched exactly or by its language alone (fr-BE → fr); English otherwise.
 */
export function negotiateStaffLocale(acceptLanguage: string | null | undefined): StaffLocale {
	const wanted = (acceptLanguage ?? '')
		.split(',')
		.map((part, index) => {
			const [tag, ...parameters] = part.trim().split(';');
			const weight = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const q = weight ? Number(weight.slice(2)) : 1;
			return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
		})
		.filter(({ tag, q }) => tag && q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const { tag } of wanted) {
		const exact = STAFF_LOCALES.find((locale) => locale.toLowerCase() === tag);
		if (exact) return exact as StaffLocale;
		const language = STAFF_LOCALES.find((locale) => locale.toLowerCase() === tag.split('-')[0]);
		if (language) return language as StaffLocale;
	}
	return DEFAULT_STAFF_LOCALE;
}

/**
 * Staff strings travel to the browser in parts, so that a page carries the strings it can show
 * and not the whole catalogue: `common` (navigation, sign-in, unlock, the Account page and the
 * account components every area uses) and one part per area of the app, named by its key prefix
 * (`staff_research_…`). Refusals are translated on the server and never sent as a part.
 */
export const STAFF_STRING_AREAS = [
	'moderation',
	'sessions',
	'research',
	'analysis',
	'codebook',
	'admin',
	'findings',
	'import'
] as const;
export type StaffStringArea = (typeof STAFF_STRING_AREAS)[number];
export type StaffStringPart = 'common' | StaffStringArea;
export const SERVER_ONLY_AREAS = ['refusals'] as const;

export function isStaffStringPart(value: unknown): value is StaffStringPart {
	return value === 'common' || (STAFF_STRING_AREAS as readonly unknown[]).includes(value);
}

/** The part a key travels in, by its prefix; null for a refusal, which stays on the server. */
export function partOfKey(key: string): StaffStringPart | null {
	const area = key.split('_')[1];
	if ((SERVER_ONLY_AREAS as readonly string[]).includes(area)) return null;
	return (STAFF_STRING_AREAS as readonly string[]).includes(area) ? (area as StaffStringArea) : 'common';
}

/** Where each area's pages live (route ids, groups included); the research workspace shows five areas. */
const ROUTE_AREAS: [prefix: string, areas: StaffStringArea[]][] = [
	['/staff/(app)/(inbox)', ['moderation']],
	['/staff/(app)/testimony', ['moderation']],
	['/staff/(app)/templates', ['moderation']],
	['/staff/(app)/sessions', ['sessions']],
	['/staff/(app)/research', ['research', 'analysis', 'codebook', 'import']],
	['/staff/(app)/admin', ['admin']],
	['/staff/(app)/findings', ['findings']]
];

/** The parts a staff route's page needs: `common` always, then its area's. */
export function staffPartsFor(routeId: string | null): StaffStringPart[] {
	const found = ROUTE_AREAS.find(([prefix]) => routeId === prefix || routeId?.startsWith(`${prefix}/`));
	return ['common', ...(found?.[1] ?? [])];
}

/** Fills `{name}` placeholders by the same rule as the survivor pages' translator. */
export function staffTranslator(dictionary: StaffDictionary): StaffTranslate {
	return (key, params) => fillPlaceholders(dictionary[key] ?? key, params);
}
