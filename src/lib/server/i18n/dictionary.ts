import * as messages from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Dictionary, MessageKey } from '$lib/i18n';

type MessageFunction = (inputs: Record<string, string>, options: { locale: Locale }) => string;

/** Hands every placeholder its own name back, so a message renders as its template. */
export const placeholders = new Proxy({} as Record<string, string>, {
	get: (_, name) => (typeof name === 'string' ? `{${name}}` : undefined),
	has: () => true
});

const allKeys = (Object.keys(messages) as (keyof typeof messages)[]).filter(
	(key): key is MessageKey => key !== 'm' && typeof messages[key] === 'function'
);

/** The templates of every message whose key starts with one of the prefixes, in one locale. */
export function dictionary(locale: Locale, prefixes: readonly string[]): Dictionary {
	const selected: Dictionary = {};
	for (const key of allKeys) {
		if (!prefixes.some((prefix) => key.startsWith(prefix))) continue;
		selected[key] = (messages[key] as unknown as MessageFunction)(placeholders, { locale });
	}
	return selected;
}

/** One message in a locale, with its parameters filled. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
	return (messages[key] as unknown as MessageFunction)(params, { locale });
}
