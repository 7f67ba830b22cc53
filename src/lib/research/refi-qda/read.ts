import type { ExportedSelection } from './types';

/* Reading an exported project back, for checks and tests. */

function attributesOf(tag: string): Record<string, string> {
	return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

/**
 * Every coded selection of a `project.qde`, read with regular expressions: enough for the GUIDs
 * and numbers this module writes, not a general XML parser.
 */
export function selectionsOf(projectXml: string): ExportedSelection[] {
	const selections: ExportedSelection[] = [];
	for (const source of projectXml.matchAll(/<TextSource\b([^>]*?)(?:\/>|>([\s\S]*?)<\/TextSource>)/g)) {
		const sourceGuid = attributesOf(source[1]).guid;
		for (const selection of (source[2] ?? '').matchAll(
			/<PlainTextSelection\b([^>]*?)(?:\/>|>([\s\S]*?)<\/PlainTextSelection>)/g
		)) {
			const attributes = attributesOf(selection[1]);
			for (const codeRef of (selection[2] ?? '').matchAll(/<CodeRef\b([^>]*?)\/?>/g)) {
				selections.push({
					sourceGuid,
					selectionGuid: attributes.guid,
					start: Number(attributes.startPosition),
					end: Number(attributes.endPosition),
					codeGuid: attributesOf(codeRef[1]).targetGUID,
					userGuid: attributes.creatingUser ?? null
				});
			}
		}
	}
	return selections;
}
