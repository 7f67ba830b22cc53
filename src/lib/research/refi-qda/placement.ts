import { codePointLength, normaliseLineEndings } from '../offsets';
import { parseFieldAddress, type Coding, type CorpusRecord } from '../types';
import { toGuid } from './guid';
import { codableText, recordSourceText, sourceName } from './sources';
import { RefiQdaExportError, type ExportNote, type RecordSourceText, type SourceFile } from './types';
import { element } from './xml';

/*
 * Where codings and memos go in a project: a coding becomes a selection of its record's source
 * only when its record, field, range, code and coder all hold up; a memo becomes a note only
 * when what it is about is exported. What cannot be placed truthfully is listed, never bent.
 */

export type PlacedCoding = { coding: Coding; guid: string; start: number; end: number };

function isWholeNumber(value: number): boolean {
	return Number.isInteger(value) && value >= 0;
}

/** The coding's offsets in the record's source text, or null when it does not fit its field. */
function placeCoding(
	record: CorpusRecord,
	source: RecordSourceText,
	coding: Coding
): { start: number; end: number } | null {
	const parsed = parseFieldAddress(coding.field);
	const fieldStart = source.fieldOffsets[coding.field];
	if (!parsed || fieldStart === undefined) return null;
	const answer = record.answers[parsed.answerIndex];
	const text = answer ? codableText(answer, parsed.kind) : null;
	if (text === null) return null;
	const { start, end } = coding;
	if (!isWholeNumber(start) || !isWholeNumber(end) || end <= start || end > codePointLength(text)) return null;
	return { start: fieldStart + start, end: fieldStart + end };
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	map.set(key, [...(map.get(key) ?? []), value]);
}

export type ExportedRecord = { record: CorpusRecord; guid: string; source: RecordSourceText };

/** Records by GUID, so references in any letter case find them. */
export function exportedRecords(records: CorpusRecord[]): Map<string, ExportedRecord> {
	const byGuid = new Map<string, ExportedRecord>();
	for (const record of records) {
		const guid = toGuid(record.id);
		if (byGuid.has(guid))
			throw new RefiQdaExportError(`Record ${record.id} appears twice in the export; pass each record once.`);
		byGuid.set(guid, { record, guid, source: recordSourceText(record) });
	}
	return byGuid;
}

export type ExportContext = { records: Map<string, ExportedRecord>; codeGuids: Set<string>; coderGuids: Set<string> };

export function placeCodings(
	codings: Coding[],
	context: ExportContext
): { byRecord: Map<string, PlacedCoding[]>; skipped: Coding[] } {
	const byRecord = new Map<string, PlacedCoding[]>();
	const skipped: Coding[] = [];
	const selectionGuids = new Set<string>();
	for (const coding of codings) {
		const entry = context.records.get(toGuid(coding.recordId));
		const range = entry ? placeCoding(entry.record, entry.source, coding) : null;
		const guid = toGuid(coding.id);
		const known = context.codeGuids.has(toGuid(coding.codeId)) && context.coderGuids.has(toGuid(coding.coderId));
		if (!entry || !range || !known || selectionGuids.has(guid)) {
			skipped.push(coding);
			continue;
		}
		selectionGuids.add(guid);
		pushTo(byRecord, entry.guid, { coding, guid, ...range });
	}
	for (const placed of byRecord.values())
		placed.sort((a, b) => a.start - b.start || a.end - b.end || a.guid.localeCompare(b.guid));
	return { byRecord, skipped };
}

export type PlacedNotes = {
	elements: string[];
	files: SourceFile[];
	refsByRecord: Map<string, string[]>;
	refsByCode: Map<string, string[]>;
	projectRefs: string[];
	skipped: ExportNote[];
};

/**
 * Memos become `Note`s whose text sits in `sources/` like the testimonies: researchers quote what
 * they read, so memo text is kept out of `project.qde` as well.
 */
export function placeNotes(notes: ExportNote[], context: ExportContext, codeNames: Map<string, string>): PlacedNotes {
	const placed: PlacedNotes = {
		elements: [],
		files: [],
		refsByRecord: new Map(),
		refsByCode: new Map(),
		projectRefs: [],
		skipped: []
	};
	for (const note of notes) {
		const recordGuid = note.targetRecordId === undefined ? null : toGuid(note.targetRecordId);
		const codeGuid = note.targetCodeId === undefined ? null : toGuid(note.targetCodeId);
		const record = recordGuid === null ? null : context.records.get(recordGuid);
		if (record === undefined || (codeGuid !== null && !context.codeGuids.has(codeGuid))) {
			placed.skipped.push(note);
			continue;
		}
		const guid = toGuid(note.id);
		const about = [record ? sourceName(record.record) : null, codeGuid ? codeNames.get(codeGuid) : null].filter(
			(part) => part
		);
		placed.elements.push(
			...element('Note', {
				guid,
				name: about.length > 0 ? `Memo · ${about.join(' · ')}` : 'Project memo',
				plainTextPath: `internal://${guid}.txt`,
				creatingUser: context.coderGuids.has(toGuid(note.authorId)) ? toGuid(note.authorId) : null
			})
		);
		placed.files.push({ guid, path: `sources/${guid}.txt`, text: normaliseLineEndings(note.text) });
		if (recordGuid !== null) pushTo(placed.refsByRecord, recordGuid, guid);
		if (codeGuid !== null) pushTo(placed.refsByCode, codeGuid, guid);
		if (recordGuid === null && codeGuid === null) placed.projectRefs.push(guid);
	}
	return placed;
}
