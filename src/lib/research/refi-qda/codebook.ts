import { CodeTree, type CodeNode } from '../codebook-tree';
import type { Code } from '../types';
import { toGuid } from './guid';
import { ENGLISH_FILE_WORDS, RefiQdaExportError, type CodebookOptions, type FileWords } from './types';
import { element, noteRefs, textElement, xmlDocument } from './xml';

/* The codebook as QDA-XML `Code` elements, on its own as a `.qdc` file or inside a project. */

const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
export const ORIGIN = 'TRIPS Voice';

/** Siblings by position, then name, then id, so that the same codebook always gives the same file. */
function bySiblingOrder(a: Code, b: Code): number {
	return a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/**
 * The code tree, with codes and their parents named by GUID so that ids match whatever their
 * letter case. A code whose parent is left out hangs from the nearest ancestor that stays.
 */
export function codeForest(codes: Code[], includeArchived: boolean): readonly CodeNode[] {
	const seen = new Set<string>();
	for (const code of codes) {
		if (seen.has(toGuid(code.id)))
			throw new RefiQdaExportError(`Code ${code.id} appears twice in the codebook; pass each code once.`);
		seen.add(toGuid(code.id));
	}
	// Sorted before the ids become GUIDs, so that ties break on the ids as given.
	const byGuid = [...codes]
		.sort(bySiblingOrder)
		.map((code) => ({ ...code, id: toGuid(code.id), parentId: code.parentId === null ? null : toGuid(code.parentId) }));
	return new CodeTree(byGuid, { keep: (code) => includeArchived || !code.archived }).roots;
}

/** Definition, inclusion and exclusion criteria and example, readable as one plain text. */
function codeDescription(code: Code, words: FileWords): string | null {
	const parts = [
		code.description.trim(),
		code.inclusion.trim() && words.includeWhen(code.inclusion.trim()),
		code.exclusion.trim() && words.excludeWhen(code.exclusion.trim()),
		code.example.trim() && words.example(code.example.trim()),
		code.archived ? words.archived : ''
	].filter((part) => part !== '');
	return parts.length > 0 ? parts.join('\n\n') : null;
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

export function codeElement(
	node: CodeNode,
	notesByCode: Map<string, string[]>,
	words: FileWords = ENGLISH_FILE_WORDS
): string[] {
	const { code } = node;
	const description = codeDescription(code, words);
	return element(
		'Code',
		{
			guid: toGuid(code.id),
			name: code.name,
			isCodable: !code.archived,
			color: HEX_COLOUR.test(code.colour.trim()) ? code.colour.trim().toLowerCase() : null
		},
		[
			...(description === null ? [] : textElement('Description', description)),
			...noteRefs(notesByCode.get(toGuid(code.id))),
			...node.children.flatMap((child) => codeElement(child, notesByCode, words))
		]
	);
}

/** A `.qdc` codebook (Codebook.xsd). */
export function codebookXml(codes: Code[], options: CodebookOptions = {}): string {
	const forest = codeForest(codes, options.includeArchived ?? true);
	if (forest.length === 0)
		throw new RefiQdaExportError('The codebook has no codes to export; a REFI-QDA codebook needs at least one.');
	const codeLines = forest.flatMap((node) => codeElement(node, new Map(), options.words));
	return xmlDocument(
		element(
			'CodeBook',
			{ xmlns: CODEBOOK_NAMESPACE, origin: options.origin ?? ORIGIN },
			element('Codes', {}, codeLines)
		)
	);
}
