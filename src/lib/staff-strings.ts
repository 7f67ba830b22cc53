/**
 * Fetches the parts of the staff strings a page needs (see `staffPartsFor`). On the server the
 * fetch goes to the app itself and SvelteKit writes the answer into the page, so the browser
 * starts with the same strings without asking again; after that the browser keeps each part it
 * has, and moving to another area fetches only that area's.
 */
import { browser } from '$app/environment';
import type { StaffDictionary, StaffLocale, StaffStringPart } from '$lib/staff-i18n';

const kept = new Map<string, Promise<StaffDictionary>>();

export async function loadStaffStrings(
	fetch: typeof globalThis.fetch,
	locale: StaffLocale,
	parts: StaffStringPart[]
): Promise<StaffDictionary> {
	const dictionaries = await Promise.all(parts.map((part) => loadPart(fetch, locale, part)));
	return Object.assign({}, ...dictionaries);
}

function loadPart(fetch: typeof globalThis.fetch, locale: StaffLocale, part: StaffStringPart) {
	const id = `${locale}/${part}`;
	// The server keeps nothing: each page it renders must fetch, or the strings would not be in it.
	const known = browser ? kept.get(id) : undefined;
	if (known) return known;
	const loading = fetch(`/staff/strings/${id}`).then(async (response) => {
		if (!response.ok) throw new Error(`The staff strings (${id}) did not load: ${response.status}`);
		return (await response.json()) as StaffDictionary;
	});
	if (browser) {
		kept.set(id, loading);
		// A lost answer on a flaky line is asked for again by the next navigation.
		loading.catch(() => kept.delete(id));
	}
	return loading;
}
