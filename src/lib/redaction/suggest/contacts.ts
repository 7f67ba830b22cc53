/**
 * Contacts: email addresses and web addresses (with a scheme, with www., or a bare domain with a
 * common top-level domain).
 */
import type { Candidate } from './types';

const EMAIL_CHARACTER = String.raw`A-Za-z0-9._%+\-\u00c0-\u024f`;
const EMAIL = new RegExp(
	String.raw`(?<![${EMAIL_CHARACTER}])[${EMAIL_CHARACTER}]+@[A-Za-z0-9\-\u00c0-\u024f]+(?:\.[A-Za-z0-9\-\u00c0-\u024f]+)+`,
	'gu'
);

export function findEmails(text: string): Candidate[] {
	const found: Candidate[] = [];
	for (const match of text.matchAll(EMAIL)) {
		const address = match[0].replace(/[.-]+$/u, '');
		if (!/\.\p{L}{2,}$/u.test(address) || address.startsWith('.')) continue;
		found.push({ start: match.index, end: match.index + address.length, reason: 'email' });
	}
	return found;
}

const URL_CHARACTERS = String.raw`[^\s<>"“”«»，。、！？；：（）《》،]`;
const URL_WITH_SCHEME_OR_WWW = new RegExp(String.raw`(?<![A-Za-z0-9])(?:https?:\/\/|www\.)${URL_CHARACTERS}+`, 'giu');
/** Top-level domains common in testimonies; a longer list would turn "end.It" into an address. */
// prettier-ignore
const TOP_LEVEL_DOMAINS = [
	'com', 'org', 'net', 'info', 'biz', 'eu', 'int', 'gov', 'edu', 'io', 'co', 'me', 'app', 'it', 'fr',
	'nl', 'be', 'cz', 'es', 'de', 'at', 'ch', 'uk', 'ie', 'pt', 'pl', 'gr', 'mt', 'al', 'ua', 'tr', 'ng',
	'gh', 'ly', 'ma', 'tn', 'dz', 'eg', 'sd', 'er', 'et', 'so', 'af', 'pk', 'bd', 'iq', 'sy', 'ir', 'ae',
	'ru', 'cn', 'in'
].sort((a, b) => b.length - a.length);
const BARE_DOMAIN = new RegExp(
	String.raw`(?<![A-Za-z0-9@.\-\/])(?:[A-Za-z0-9\-]+\.)+(?:${TOP_LEVEL_DOMAINS.join('|')})(?![A-Za-z0-9\-])(?:\/${URL_CHARACTERS}*)?`,
	'gu'
);
const TRAILING_PUNCTUATION = /[.,;:!?'’"”)\]}>…]+$/u;

export function findUrls(text: string): Candidate[] {
	const found: Candidate[] = [];
	for (const pattern of [URL_WITH_SCHEME_OR_WWW, BARE_DOMAIN]) {
		for (const match of text.matchAll(pattern)) {
			let address = match[0].replace(TRAILING_PUNCTUATION, '');
			// Keep a closing bracket that belongs to the address, as in Wikipedia links.
			const trimmed = match[0].slice(address.length);
			if (trimmed.startsWith(')') && address.split('(').length > address.split(')').length) {
				address += ')';
			}
			found.push({ start: match.index, end: match.index + address.length, reason: 'url' });
		}
	}
	return found;
}
