import { unzipSync } from 'fflate';
import { codePointLength, normaliseLineEndings, sliceCodePoints } from '../offsets';
import { parseFieldAddress, type Coding, type CorpusRecord, type FieldAddress } from '../types';
import { toGuid } from './guid';
import { importGuid, readCodeBookElement, type ImportedCode, type ImportedCodebook } from './import-codebook';
import { childNamed, childrenNamed, parseXml, RefiQdaImportError, XML_LIMITS, type XmlElement } from './parse';
import { codableText, recordSourceText } from './sources';
import { element, textElement, xmlDocument } from './xml';

/*
 * Reading a `.qdpx` project back after it was coded further in another tool, in the researcher's
 * browser: the archive holds testimony text, which never goes to the server. What goes is what
 * any coding sends: record, field, code-point range and code. Each selection of the file is
 * matched by its source GUID (a record's id) and its range, and comes out as added, already here,
 * or a conflict with its reason; nothing here is ever overwritten, and a source that is not in
 * the open corpus (withdrawn, deleted, or never ours) brings nothing back.
 *
 * Positions are Unicode code points over the source's plain text, as this portal exports them
 * and as QualCoder reads them (README, "Positions in REFI-QDA files"). A byte-order mark at the
 * start of a source file is not counted; where the other tool wrote CR LF line ends and counts
 * them as two characters, positions are brought back to our LF text; a range whose text then
 * differs from ours is a conflict, never a guess.
 */

/** The largest `.qdpx` taken, and the most its files may unpack to. */
export const QDPX_LIMITS = { fileBytes: 64 * 1024 * 1024, unpackedBytes: 256 * 1024 * 1024, selections: 50_000 };

export type ImportedSelection = {
	guid: string | null;
	start: number;
	end: number;
	codeGuids: string[];
	/** What the tool called the selection; QualCoder and others write the selected text there. */
	name: string;
};
export type ImportedSource = {
	guid: string;
	name: string;
	/** The file of `sources/` holding its plain text, from `plainTextPath="internal://…"`. */
	textFile: string | null;
	selections: ImportedSelection[];
};

export type ImportedProject = {
	codebook: ImportedCodebook;
	sources: ImportedSource[];
	/** Each source's plain text from `sources/`, by source GUID, when the archive has it. */
	texts: Map<string, string>;
};

function readSelections(source: XmlElement, count: { selections: number }): ImportedSelection[] {
	return childrenNamed(source, 'PlainTextSelection').map((selection) => {
		if (++count.selections > QDPX_LIMITS.selections) throw new RefiQdaImportError('too-many');
		const codeGuids = childrenNamed(selection, 'Coding').flatMap((coding) => {
			const guid = importGuid(childNamed(coding, 'CodeRef')?.attributes.targetGUID);
			return guid ? [guid] : [];
		});
		const position = (name: string) => {
			const raw = (selection.attributes[name] ?? '').trim();
			return /^\d{1,10}$/.test(raw) ? Number(raw) : -1;
		};
		return {
			guid: importGuid(selection.attributes.guid),
			start: position('startPosition'),
			end: position('endPosition'),
			name: selection.attributes.name ?? '',
			codeGuids
		};
	});
}

/** A `project.qde` document: its codebook and the coded selections of its text sources. */
export function readProjectXml(xml: string): Omit<ImportedProject, 'texts'> {
	const root = parseXml(xml, { ...XML_LIMITS, maxChars: 32 * 1024 * 1024 });
	if (root.name !== 'Project') throw new RefiQdaImportError('not-project');
	const codebook = childNamed(root, 'CodeBook');
	const count = { selections: 0 };
	const sources = childrenNamed(root, 'Sources').flatMap((sources) =>
		childrenNamed(sources, 'TextSource').flatMap((source) => {
			const guid = importGuid(source.attributes.guid);
			if (!guid) return [];
			const path = /^internal:\/\/([^/\\]+)$/i.exec((source.attributes.plainTextPath ?? '').trim());
			return [
				{
					guid,
					name: source.attributes.name ?? '',
					textFile: path ? path[1].toLowerCase() : null,
					selections: readSelections(source, count)
				}
			];
		})
	);
	return { codebook: codebook ? readCodeBookElement(codebook) : { codes: [], sets: 0 }, sources };
}

/** A `.qdpx` archive read in memory; refused when too large, not a ZIP, or without a project. */
export function readQdpx(bytes: Uint8Array): ImportedProject {
	if (bytes.length > QDPX_LIMITS.fileBytes) throw new RefiQdaImportError('too-large');
	let unpacked = 0;
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, {
			filter: (file) => {
				const wanted = /^[^/]+\.qde$/i.test(file.name) || /^sources\/[^/]+\.txt$/i.test(file.name);
				if (!wanted) return false;
				unpacked += file.originalSize;
				if (unpacked > QDPX_LIMITS.unpackedBytes) throw new RefiQdaImportError('too-large');
				return true;
			}
		});
	} catch (cause) {
		if (cause instanceof RefiQdaImportError) throw cause;
		throw new RefiQdaImportError('not-archive');
	}
	const qde =
		Object.keys(files).find((name) => /^project\.qde$/i.test(name)) ??
		Object.keys(files).find((name) => /\.qde$/i.test(name));
	if (!qde) throw new RefiQdaImportError('not-project');
	// A byte-order mark is dropped by the decoder: it is no character of the text (QualCoder writes one).
	const decoder = new TextDecoder('utf-8');
	const project = readProjectXml(decoder.decode(files[qde]));
	const byName = new Map(Object.entries(files).map(([name, data]) => [name.toLowerCase(), data]));
	const texts = new Map<string, string>();
	for (const source of project.sources) {
		const data = source.textFile ? byName.get(`sources/${source.textFile}`) : undefined;
		if (data) texts.set(source.guid, decoder.decode(data));
	}
	return { ...project, texts };
}

/**
 * Positions counted over the file's own text brought to our LF text: where the other tool wrote
 * CR LF and counted it as two characters, each CR before a position is taken off.
 */
export function toLfPositions(fileText: string, start: number, end: number): { start: number; end: number } {
	if (!fileText.includes('\r')) return { start, end };
	const crBefore = (position: number) => {
		let count = 0;
		let at = 0;
		for (const character of fileText) {
			if (at >= position) break;
			if (character === '\r') count++;
			at++;
		}
		return count;
	};
	return { start: start - crBefore(start), end: end - crBefore(end) };
}

export type ConflictReason =
	| 'source-gone'
	| 'invalid-range'
	| 'range-outside-field'
	| 'text-differs'
	| 'counted-in-utf16'
	| 'code-unknown'
	| 'code-archived'
	| 'changed-here'
	| 'overlaps-newer';

export type PlannedCoding = {
	sourceGuid: string;
	sourceName: string;
	/** Our record, when the source is one of ours. */
	recordId: string | null;
	codeGuid: string;
	codeId: string | null;
	/** The coded passage as it reads here, for the preview (never sent anywhere). */
	excerpt: string;
} & (
	| { status: 'added'; field: FieldAddress; start: number; end: number; codeId: string }
	| { status: 'existing' }
	| { status: 'conflict'; reason: ConflictReason }
);

export type CodingImportContext = {
	/** The open corpus: the only records codings can come back to. */
	records: CorpusRecord[];
	/** Codings here that this researcher can see. */
	codings: Coding[];
	/** Every GUID of the file's codebook that names a code here once its import is applied. */
	codeIdsByGuid: Map<string, string>;
	/** Codes here that can no longer be applied. */
	archivedCodeIds: Set<string>;
};

/**
 * A tool that counts UTF-16 units (JavaScript, Java, .NET strings) shifts every position after a
 * character outside the Basic Multilingual Plane. Where the selection's name is the selected text,
 * as some tools write it, a name that the UTF-16 reading gives and the code-point reading does
 * not shows it.
 */
function countedInUtf16(text: string, selection: ImportedSelection): boolean {
	const name = normaliseLineEndings(selection.name);
	if (name === '') return false;
	return (
		sliceCodePoints(text, selection.start, selection.end) !== selection.name &&
		normaliseLineEndings(text.slice(selection.start, selection.end)) === name
	);
}

type Field = { address: FieldAddress; start: number; end: number };

function fieldsOf(record: CorpusRecord): { text: string; fields: Field[] } {
	const source = recordSourceText(record);
	const fields: Field[] = [];
	for (const [address, start] of Object.entries(source.fieldOffsets) as [FieldAddress, number][]) {
		const parsed = parseFieldAddress(address)!;
		const text = codableText(record.answers[parsed.answerIndex], parsed.kind) ?? '';
		fields.push({ address, start, end: start + codePointLength(text) });
	}
	return { text: source.text, fields };
}

/**
 * The code each GUID of the file names here: every code here by its own id (a project may
 * refer to our codes without carrying a codebook), then what the codebook import matched or adds.
 */
export function codeIdsByGuid(codeIdsHere: string[], fromCodebook: Map<string, string>): Map<string, string> {
	const ids = new Map(codeIdsHere.map((id) => [toGuid(id), id]));
	for (const [guid, id] of fromCodebook) ids.set(guid, id);
	return ids;
}

const EXCERPT_LENGTH = 120;

/** What importing the project's codings would do, selection by selection and code by code. */
export function planCodingImport(project: ImportedProject, context: CodingImportContext): PlannedCoding[] {
	const records = new Map(context.records.map((record) => [toGuid(record.id), record]));
	const codingIds = new Map(context.codings.map((coding) => [toGuid(coding.id), coding]));
	const fileSelectionGuids = new Set(
		project.sources.flatMap((source) => source.selections.flatMap((selection) => selection.guid ?? []))
	);
	const seen = new Set<string>();
	const planned: PlannedCoding[] = [];
	for (const source of project.sources) {
		const record = records.get(source.guid);
		const layout = record ? fieldsOf(record) : null;
		const fileText = project.texts.get(source.guid);
		const fileLfText = fileText === undefined ? undefined : normaliseLineEndings(fileText);
		const here = record ? context.codings.filter((coding) => coding.recordId === record.id) : [];
		for (const selection of source.selections) {
			for (const codeGuid of selection.codeGuids) {
				const codeId = context.codeIdsByGuid.get(codeGuid) ?? null;
				const base = {
					sourceGuid: source.guid,
					sourceName: source.name,
					recordId: record?.id ?? null,
					codeGuid,
					codeId
				};
				if (!record || !layout) {
					planned.push({ ...base, excerpt: '', status: 'conflict', reason: 'source-gone' });
					continue;
				}
				const { start, end } =
					fileText === undefined ? selection : toLfPositions(fileText, selection.start, selection.end);
				if (selection.start < 0 || selection.end <= selection.start) {
					planned.push({ ...base, excerpt: '', status: 'conflict', reason: 'invalid-range' });
					continue;
				}
				const excerpt = sliceCodePoints(layout.text, start, Math.min(end, start + EXCERPT_LENGTH));
				const field = layout.fields.find((candidate) => candidate.start <= start && end <= candidate.end);
				const conflict = (reason: ConflictReason) => planned.push({ ...base, excerpt, status: 'conflict', reason });
				if (countedInUtf16(fileText ?? layout.text, selection)) {
					conflict('counted-in-utf16');
					continue;
				}
				if (!field) {
					conflict('range-outside-field');
					continue;
				}
				if (
					fileLfText !== undefined &&
					sliceCodePoints(fileLfText, start, end) !== sliceCodePoints(layout.text, start, end)
				) {
					conflict('text-differs');
					continue;
				}
				if (codeId === null) {
					conflict('code-unknown');
					continue;
				}
				const local = { field: field.address, start: start - field.start, end: end - field.start };
				const key = `${record.id} ${local.field} ${local.start} ${local.end} ${codeId}`;
				const same = (coding: Coding) =>
					coding.field === local.field && coding.start === local.start && coding.end === local.end;
				if (seen.has(key) || here.some((coding) => same(coding) && coding.codeId === codeId)) {
					seen.add(key);
					planned.push({ ...base, excerpt, status: 'existing' });
					continue;
				}
				if (context.archivedCodeIds.has(codeId)) {
					conflict('code-archived');
					continue;
				}
				// A selection this portal exported, since changed here or in the other tool.
				if (selection.guid && codingIds.has(selection.guid)) {
					conflict('changed-here');
					continue;
				}
				const newer = here.some(
					(coding) =>
						coding.field === local.field &&
						coding.start < local.end &&
						local.start < coding.end &&
						coding.codeId !== codeId &&
						!fileSelectionGuids.has(toGuid(coding.id))
				);
				if (newer) {
					conflict('overlaps-newer');
					continue;
				}
				seen.add(key);
				planned.push({ ...base, excerpt, status: 'added', ...local, codeId });
			}
		}
	}
	return planned;
}

function codeXml(code: ImportedCode): string[] {
	return element('Code', { guid: code.guid ?? '', name: code.name, isCodable: true, color: code.colour }, [
		...(code.description ? textElement('Description', code.description) : []),
		...code.children.flatMap(codeXml)
	]);
}

/**
 * The project's codebook as a `.qdc`, for the codebook import: codes are plaintext on the server
 * like the rest of the codebook, and go through the same preview and the same rules.
 */
export function codebookOfProject(project: ImportedProject): string | null {
	if (project.codebook.codes.length === 0) return null;
	return xmlDocument(
		element('CodeBook', { xmlns: 'urn:QDA-XML:codebook:1.0', origin: 'REFI-QDA project' }, [
			...element('Codes', {}, project.codebook.codes.flatMap(codeXml))
		])
	);
}
