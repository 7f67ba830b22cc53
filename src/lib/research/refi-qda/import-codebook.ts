import type { Code } from '../types';
import { childNamed, childrenNamed, parseXml, RefiQdaImportError, type XmlElement } from './parse';

/*
 * Reading a codebook written by another tool (a `.qdc`, or the `CodeBook` inside a project) and
 * planning what importing it would do to ours. Matching rules, in this order:
 *  1. same GUID as a code here (our code ids are the GUIDs we export): already there;
 *  2. same name (ignoring letter case) under the same parent here: already there;
 *  3. otherwise: added, under the code its parent became, with the file's GUID as its id.
 * Nothing that is already here is changed: names, colours and descriptions stay ours.
 * A code is skipped, with its reason, when its name or GUID is missing or invalid, when a text is
 * longer than a code here may be, when the file names it twice, or when its parent was skipped.
 */

export const IMPORT_LIMITS = { codes: 5000, nameLength: 120, descriptionLength: 4000 } as const;
/** The colour of an imported code whose file gives none and whose parent is not one of ours. */
export const IMPORT_DEFAULT_COLOUR = '#57606a';

export type ImportedCode = {
	/** Lower case, without braces; null when the file's is missing or not a GUID. */
	guid: string | null;
	name: string;
	colour: string | null;
	description: string;
	children: ImportedCode[];
};

export type ImportedCodebook = { codes: ImportedCode[]; sets: number };

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

export function importGuid(value: string | undefined): string | null {
	const match = GUID.exec((value ?? '').trim());
	return match ? match[1].toLowerCase() : null;
}

function importColour(value: string | undefined): string | null {
	const match = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.exec((value ?? '').trim());
	if (!match) return null;
	const hex = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
	return `#${hex.toLowerCase()}`;
}

function readCode(element: XmlElement, count: { codes: number }): ImportedCode {
	if (++count.codes > IMPORT_LIMITS.codes) throw new RefiQdaImportError('too-many');
	return {
		guid: importGuid(element.attributes.guid),
		name: (element.attributes.name ?? '').normalize('NFC').trim(),
		colour: importColour(element.attributes.color),
		description: (childNamed(element, 'Description')?.text ?? '').normalize('NFC').trim(),
		children: childrenNamed(element, 'Code').map((child) => readCode(child, count))
	};
}

/** The codes of a `CodeBook` element (of a `.qdc`, or inside a `Project`). */
export function readCodeBookElement(codebook: XmlElement): ImportedCodebook {
	const count = { codes: 0 };
	const codes = childrenNamed(codebook, 'Codes').flatMap((codesElement) =>
		childrenNamed(codesElement, 'Code').map((code) => readCode(code, count))
	);
	const sets = childrenNamed(codebook, 'Sets').reduce((total, sets) => total + childrenNamed(sets, 'Set').length, 0);
	return { codes, sets };
}

/**
 * A `.qdc` file's codebook. A project file (`project.qde`) is refused: other tools may embed
 * testimony text in it (`PlainTextContent`), so it is read in the browser from its `.qdpx`,
 * never sent to the server as a codebook.
 */
export function readCodebookFile(xml: string): ImportedCodebook {
	const root = parseXml(xml);
	if (root.name !== 'CodeBook') throw new RefiQdaImportError('not-codebook');
	return readCodeBookElement(root);
}

export type SkipReason = 'invalid' | 'too-long' | 'duplicate' | 'parent-skipped';

export type PlannedCode = {
	guid: string | null;
	name: string;
	/** Names from the top of the file's tree down to this code, for the preview. */
	path: string[];
	depth: number;
} & (
	| { status: 'added'; id: string; parentId: string | null; colour: string; description: string }
	| { status: 'existing'; id: string; by: 'guid' | 'name' }
	| { status: 'skipped'; reason: SkipReason }
);

export type CodebookImportPlan = {
	codes: PlannedCode[];
	sets: number;
	counts: { added: number; existing: number; skipped: number };
	/** Every GUID of the file that names a code here once the plan is applied, to place codings by. */
	codeIdsByGuid: Map<string, string>;
};

type ExistingCode = Pick<Code, 'id' | 'parentId' | 'name' | 'colour'>;

const nameKey = (name: string) => name.normalize('NFC').toLocaleLowerCase();

/** What importing `codebook` into `existing` would do, code by code, in the file's order. */
export function planCodebookImport(codebook: ImportedCodebook, existing: ExistingCode[]): CodebookImportPlan {
	const byId = new Map(existing.map((code) => [code.id.toLowerCase(), code]));
	const siblings = new Map<string, Map<string, { id: string; added: boolean }>>();
	const siblingsOf = (parentId: string | null) => {
		const key = parentId ?? '';
		if (!siblings.has(key)) siblings.set(key, new Map());
		return siblings.get(key)!;
	};
	for (const code of existing) siblingsOf(code.parentId).set(nameKey(code.name), { id: code.id, added: false });

	const planned: PlannedCode[] = [];
	const seenGuids = new Set<string>();
	const codeIdsByGuid = new Map<string, string>();
	const colours = new Map(existing.map((code) => [code.id, code.colour]));

	const visit = (code: ImportedCode, parentId: string | null, parentOk: boolean, path: string[]) => {
		const here = [...path, code.name];
		const base = { guid: code.guid, name: code.name, path: here, depth: path.length };
		let placedId: string | null = null;
		if (!parentOk) planned.push({ ...base, status: 'skipped', reason: 'parent-skipped' });
		else if (code.guid === null || code.name === '') planned.push({ ...base, status: 'skipped', reason: 'invalid' });
		else if (code.name.length > IMPORT_LIMITS.nameLength || code.description.length > IMPORT_LIMITS.descriptionLength)
			planned.push({ ...base, status: 'skipped', reason: 'too-long' });
		else if (seenGuids.has(code.guid)) planned.push({ ...base, status: 'skipped', reason: 'duplicate' });
		else {
			seenGuids.add(code.guid);
			const sameGuid = byId.get(code.guid);
			const sameName = siblingsOf(parentId).get(nameKey(code.name));
			if (sameGuid) {
				placedId = sameGuid.id;
				planned.push({ ...base, status: 'existing', id: sameGuid.id, by: 'guid' });
			} else if (sameName && !sameName.added) {
				placedId = sameName.id;
				planned.push({ ...base, status: 'existing', id: sameName.id, by: 'name' });
			} else if (sameName) planned.push({ ...base, status: 'skipped', reason: 'duplicate' });
			else {
				placedId = code.guid;
				const colour = code.colour ?? (parentId ? colours.get(parentId) : undefined) ?? IMPORT_DEFAULT_COLOUR;
				colours.set(placedId, colour);
				siblingsOf(parentId).set(nameKey(code.name), { id: placedId, added: true });
				planned.push({
					...base,
					status: 'added',
					id: placedId,
					parentId,
					colour,
					description: code.description
				});
			}
			if (placedId) codeIdsByGuid.set(code.guid, placedId);
		}
		for (const child of code.children) visit(child, placedId, placedId !== null, here);
	};
	for (const code of codebook.codes) visit(code, null, true, []);

	const counts = { added: 0, existing: 0, skipped: 0 };
	for (const code of planned) counts[code.status]++;
	return { codes: planned, sets: codebook.sets, counts, codeIdsByGuid };
}
