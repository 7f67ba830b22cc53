import { normaliseLineEndings } from '../offsets';

/*
 * XML as this export writes it: escaped text and attributes, elements as indented lines, and
 * only the characters XML 1.0 allows. Enough for QDA-XML, not a general XML writer.
 */

/** Everything XML 1.0 allows in a document; the rest (control characters, lone surrogates…) is dropped. */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(value: string): string {
	return normaliseLineEndings(value)
		.replace(NOT_XML_CHARACTER, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Tabs and line breaks are written as references: a parser would otherwise turn them into spaces. */
function escapeAttribute(value: string): string {
	return escapeXml(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

type Attributes = Record<string, string | number | boolean | null | undefined>;

/** An element as lines; children are indented, text inside them is left exactly as it is. */
export function element(name: string, attributes: Attributes, children: string[] = []): string[] {
	const written = Object.entries(attributes)
		.filter(([, value]) => value !== null && value !== undefined)
		.map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
		.join('');
	if (children.length === 0) return [`<${name}${written}/>`];
	return [`<${name}${written}>`, ...children.map((line) => `\t${line}`), `</${name}>`];
}

export function textElement(name: string, text: string): string[] {
	return [`<${name}>${escapeXml(text)}</${name}>`];
}

export function noteRefs(guids: string[] | undefined): string[] {
	return (guids ?? []).flatMap((guid) => element('NoteRef', { targetGUID: guid }));
}

export function xmlDocument(root: string[]): string {
	return ['<?xml version="1.0" encoding="UTF-8"?>', ...root].join('\n') + '\n';
}
