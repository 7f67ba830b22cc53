/**
 * REFI-QDA exchange files (QDA-XML 1.0): a `.qdc` codebook and a `.qdpx` project that other
 * qualitative-analysis tools can open. Everything here runs on decrypted text in the researcher's
 * browser or a worker, so it stays pure: strings and bytes in, strings and bytes out.
 *
 * `project.qde` carries structure only (codes, coders, attributes, selection offsets). Testimony
 * and memo texts live in `sources/<guid>.txt`, so the project file can be inspected or shared
 * without carrying any of them.
 */
import { zipSync } from 'fflate';
import { CodeTree, type CodeNode } from './codebook-tree';
import { codePointLength, normaliseLineEndings } from './offsets';
import { contextLabel, RECORD_FIELD_LABELS, speakerValue, TEXT_KIND_LABELS } from './labels';
import { ANSWER_TEXT_KINDS, fieldAddress, parseFieldAddress, textLocale } from './types';
import type { AnswerTextKind, Code, Coder, Coding, CorpusAnswer, CorpusRecord, FieldAddress } from './types';

const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'TRIPS Voice';
const DEFAULT_PROJECT_NAME = 'TRIPS Voice research corpus';

export class RefiQdaExportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RefiQdaExportError';
	}
}

/** A memo to export: about a record, a code, both, or the project as a whole. */
export type ExportNote = { id: string; text: string; targetRecordId?: string; targetCodeId?: string; authorId: string };

export type CodebookOptions = {
	/** Written into the `origin` attribute; defaults to the application's name. */
	origin?: string;
	/**
	 * Archived codes are exported by default, marked `isCodable="false"`, because past codings may
	 * still point at them and a codebook that silently loses them would misreport earlier work.
	 */
	includeArchived?: boolean;
};

export type RefiQdaInput = {
	projectName?: string;
	records: CorpusRecord[];
	codes: Code[];
	codings: Coding[];
	coders: Coder[];
	notes?: ExportNote[];
	/** See `CodebookOptions.includeArchived`; codings on excluded codes are skipped. */
	includeArchivedCodes?: boolean;
};

/** One file of the archive's `sources/` folder. */
export type SourceFile = { guid: string; path: string; text: string };

export type RefiQdaProject = {
	projectXml: string;
	/** One per record, then one per exported memo. */
	sources: SourceFile[];
	/** Codings left out because their record, field, range, code or coder did not hold up. */
	skipped: Coding[];
	/** Memos left out because the record or code they are about is not in the export. */
	skippedNotes: ExportNote[];
};

export type RecordSourceText = {
	text: string;
	/** Code-point offset in `text` where each non-empty field's own text starts. */
	fieldOffsets: Partial<Record<FieldAddress, number>>;
};

export type ExportedSelection = {
	sourceGuid: string;
	selectionGuid: string;
	start: number;
	end: number;
	codeGuid: string;
	userGuid: string | null;
};

// ---------------------------------------------------------------------------------------------
// XML writing

/** Everything XML 1.0 allows in a document; the rest (control characters, lone surrogates…) is dropped. */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(value: string): string {
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
function element(name: string, attributes: Attributes, children: string[] = []): string[] {
	const written = Object.entries(attributes)
		.filter(([, value]) => value !== null && value !== undefined)
		.map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
		.join('');
	if (children.length === 0) return [`<${name}${written}/>`];
	return [`<${name}${written}>`, ...children.map((line) => `\t${line}`), `</${name}>`];
}

function textElement(name: string, text: string): string[] {
	return [`<${name}>${escapeXml(text)}</${name}>`];
}

function noteRefs(guids: string[] | undefined): string[] {
	return (guids ?? []).flatMap((guid) => element('NoteRef', { targetGUID: guid }));
}

function xmlDocument(root: string[]): string {
	return ['<?xml version="1.0" encoding="UTF-8"?>', ...root].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// GUIDs

const UUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/**
 * Our ids are UUIDs, which the schema's GUID pattern accepts in either case; they are written in
 * lower case everywhere so references always match the element they point at. Anything that is
 * not a UUID gets a GUID derived from it, the same one on every export.
 */
function toGuid(id: string): string {
	const match = UUID.exec(id);
	return match ? match[1].toLowerCase() : derivedGuid(`id:${id}`);
}

/**
 * A stable GUID for something with no id of its own (a variable, the coding inside a selection).
 * Uniqueness among a few thousand names is all it needs; it is not a security function.
 */
function derivedGuid(name: string): string {
	const multipliers = [0x01000193, 0x5bd1e995, 0xcc9e2d51, 0x1b873593];
	const lanes = [0x811c9dc5, 0x050c5d1f, 0x9e3779b9, 0x27d4eb2f];
	for (let i = 0; i < name.length; i++) {
		const unit = name.charCodeAt(i);
		for (let lane = 0; lane < 4; lane++) lanes[lane] = Math.imul(lanes[lane] ^ unit, multipliers[lane]);
	}
	const hex = lanes
		.map((hash, lane) => {
			let mixed = hash ^ (lanes[(lane + 1) % 4] >>> 15);
			mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
			mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
			return ((mixed ^ (mixed >>> 16)) >>> 0).toString(16).padStart(8, '0');
		})
		.join('');
	// Version 8 (application-defined) with the RFC 9562 variant bits.
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------
// Codebook

/** Siblings by position, then name, then id, so that the same codebook always gives the same file. */
function bySiblingOrder(a: Code, b: Code): number {
	return a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/**
 * The code tree, with codes and their parents named by GUID so that ids match whatever their
 * letter case. A code whose parent is left out hangs from the nearest ancestor that stays.
 */
function codeForest(codes: Code[], includeArchived: boolean): readonly CodeNode[] {
	const seen = new Set<string>();
	for (const code of codes) {
		if (seen.has(toGuid(code.id))) throw new RefiQdaExportError(`Code ${code.id} appears twice in the codebook; pass each code once.`);
		seen.add(toGuid(code.id));
	}
	// Sorted before the ids become GUIDs, so that ties break on the ids as given.
	const byGuid = [...codes]
		.sort(bySiblingOrder)
		.map((code) => ({ ...code, id: toGuid(code.id), parentId: code.parentId === null ? null : toGuid(code.parentId) }));
	return new CodeTree(byGuid, { keep: (code) => includeArchived || !code.archived }).roots;
}

/** Definition, inclusion and exclusion criteria and example, readable as one plain text. */
function codeDescription(code: Code): string | null {
	const parts = [
		code.description.trim(),
		code.inclusion.trim() && `Include when: ${code.inclusion.trim()}`,
		code.exclusion.trim() && `Exclude when: ${code.exclusion.trim()}`,
		code.example.trim() && `Example: ${code.example.trim()}`,
		code.archived ? 'Archived: kept so that earlier codings stay readable; not for new coding.' : ''
	].filter((part) => part !== '');
	return parts.length > 0 ? parts.join('\n\n') : null;
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

function codeElement(node: CodeNode, notesByCode: Map<string, string[]>): string[] {
	const { code } = node;
	const description = codeDescription(code);
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
			...node.children.flatMap((child) => codeElement(child, notesByCode))
		]
	);
}

/** A `.qdc` codebook (Codebook.xsd). */
export function codebookXml(codes: Code[], options: CodebookOptions = {}): string {
	const forest = codeForest(codes, options.includeArchived ?? true);
	if (forest.length === 0) throw new RefiQdaExportError('The codebook has no codes to export; a REFI-QDA codebook needs at least one.');
	const codeLines = forest.flatMap((node) => codeElement(node, new Map()));
	return xmlDocument(
		element('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: options.origin ?? ORIGIN }, element('Codes', {}, codeLines))
	);
}

// ---------------------------------------------------------------------------------------------
// Source texts

function fieldHeading(record: CorpusRecord, answer: CorpusAnswer, answerIndex: number, kind: AnswerTextKind): string {
	return `[Answer ${answerIndex + 1} · ${answer.domain ?? answer.questionId} · ${TEXT_KIND_LABELS[kind].inline} · ${textLocale(record, kind)}]`;
}

/** A field's text as codings address it (LF line endings), or null when it has nothing to code. */
function codableText(answer: CorpusAnswer, kind: AnswerTextKind): string | null {
	const text = normaliseLineEndings(answer[kind] ?? '');
	return text.trim() === '' ? null : text;
}

/**
 * One plain text per record: every non-empty field under a bracketed heading, fields separated by
 * a blank line. The field's own text is copied untouched, so a coding's offsets inside the field
 * only need the field's starting offset added.
 */
export function recordSourceText(record: CorpusRecord): RecordSourceText {
	const fieldOffsets: Partial<Record<FieldAddress, number>> = {};
	const blocks: string[] = [];
	let offset = 0;
	record.answers.forEach((answer, answerIndex) => {
		for (const kind of ANSWER_TEXT_KINDS) {
			const text = codableText(answer, kind);
			if (text === null) continue;
			const lead = `${blocks.length > 0 ? '\n\n' : ''}${fieldHeading(record, answer, answerIndex, kind)}\n`;
			fieldOffsets[fieldAddress(answerIndex, kind)] = offset + codePointLength(lead);
			blocks.push(lead + text);
			offset += codePointLength(lead) + codePointLength(text);
		}
	});
	return { text: blocks.length > 0 ? blocks.join('') + '\n' : '', fieldOffsets };
}

/** What a source is called in the other tool: when, where and in which language, never what was said. */
function sourceName(record: CorpusRecord): string {
	const kind = record.group ? 'Group testimony' : 'Testimony';
	return `${kind} ${record.month} · ${record.country.toUpperCase()} · ${record.locale} · ${toGuid(record.id).slice(0, 8)}`;
}

// ---------------------------------------------------------------------------------------------
// Variables (record attributes)

type VariableValue = { kind: 'Text'; value: string } | { kind: 'Boolean'; value: boolean };
type VariableDefinition = {
	name: string;
	description: string;
	typeOfVariable: 'Text' | 'Boolean';
	valueOf: (record: CorpusRecord) => VariableValue | null;
};

const textValue = (value: string | null | undefined): VariableValue | null =>
	value === null || value === undefined || value.trim() === '' ? null : { kind: 'Text', value };

const RECORD_VARIABLES: VariableDefinition[] = [
	{
		name: RECORD_FIELD_LABELS.country,
		description: 'Country of the channel the testimony came through (ISO 3166 alpha-2).',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.country.toUpperCase())
	},
	{
		name: RECORD_FIELD_LABELS.locale,
		description: 'Language the person wrote or spoke in (BCP 47).',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.locale)
	},
	{
		name: RECORD_FIELD_LABELS.session,
		description: 'Facilitated session the testimony was given at, if any.',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.sessionId)
	},
	{
		name: RECORD_FIELD_LABELS.month,
		description: 'Month the testimony entered the corpus (YYYY-MM); records carry no finer time.',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.month)
	},
	{
		name: RECORD_FIELD_LABELS.consentToQuote,
		description: 'Whether the person agreed to be quoted anonymously.',
		typeOfVariable: 'Boolean',
		valueOf: (record) => ({ kind: 'Boolean', value: record.consentToQuote })
	},
	{
		name: RECORD_FIELD_LABELS.group,
		description: 'Whether a group said this together at a session, or one person.',
		typeOfVariable: 'Text',
		valueOf: (record) => ({ kind: 'Text', value: speakerValue(record.group) })
	}
];

function contextVariables(records: CorpusRecord[]): VariableDefinition[] {
	const keys = [...new Set(records.flatMap((record) => Object.keys(record.context)))].sort();
	return keys.map((key) => ({
		name: contextLabel(key),
		description: `Context the person chose to give (${key}).`,
		typeOfVariable: 'Text',
		valueOf: (record: CorpusRecord) => textValue(Object.hasOwn(record.context, key) ? record.context[key] : null)
	}));
}

const variableGuid = (variable: VariableDefinition) => derivedGuid(`variable:${variable.name}`);

function variableValueElement(variable: VariableDefinition, value: VariableValue): string[] {
	const valueElement = value.kind === 'Boolean' ? textElement('BooleanValue', String(value.value)) : textElement('TextValue', value.value);
	return element('VariableValue', {}, [...element('VariableRef', { targetGUID: variableGuid(variable) }), ...valueElement]);
}

// ---------------------------------------------------------------------------------------------
// Project

type PlacedCoding = { coding: Coding; guid: string; start: number; end: number };

function isWholeNumber(value: number): boolean {
	return Number.isInteger(value) && value >= 0;
}

/** The coding's offsets in the record's source text, or null when it does not fit its field. */
function placeCoding(record: CorpusRecord, source: RecordSourceText, coding: Coding): { start: number; end: number } | null {
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

function selectionElement(placed: PlacedCoding): string[] {
	const coderGuid = toGuid(placed.coding.coderId);
	return element(
		'PlainTextSelection',
		{ guid: placed.guid, startPosition: placed.start, endPosition: placed.end, creatingUser: coderGuid },
		element('Coding', { guid: derivedGuid(`coding:${placed.guid}`), creatingUser: coderGuid }, [
			...element('CodeRef', { targetGUID: toGuid(placed.coding.codeId) })
		])
	);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	map.set(key, [...(map.get(key) ?? []), value]);
}

/** A wrapper the schema requires to hold at least one child, left out when there is nothing to wrap. */
function wrapper(name: string, children: string[]): string[] {
	return children.length === 0 ? [] : element(name, {}, children);
}

type ExportedRecord = { record: CorpusRecord; guid: string; source: RecordSourceText };

/** Records by GUID, so references in any letter case find them. */
function exportedRecords(records: CorpusRecord[]): Map<string, ExportedRecord> {
	const byGuid = new Map<string, ExportedRecord>();
	for (const record of records) {
		const guid = toGuid(record.id);
		if (byGuid.has(guid)) throw new RefiQdaExportError(`Record ${record.id} appears twice in the export; pass each record once.`);
		byGuid.set(guid, { record, guid, source: recordSourceText(record) });
	}
	return byGuid;
}

type Context = { records: Map<string, ExportedRecord>; codeGuids: Set<string>; coderGuids: Set<string> };

function placeCodings(codings: Coding[], context: Context): { byRecord: Map<string, PlacedCoding[]>; skipped: Coding[] } {
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
	for (const placed of byRecord.values()) placed.sort((a, b) => a.start - b.start || a.end - b.end || a.guid.localeCompare(b.guid));
	return { byRecord, skipped };
}

type PlacedNotes = {
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
function placeNotes(notes: ExportNote[], context: Context, codeNames: Map<string, string>): PlacedNotes {
	const placed: PlacedNotes = { elements: [], files: [], refsByRecord: new Map(), refsByCode: new Map(), projectRefs: [], skipped: [] };
	for (const note of notes) {
		const recordGuid = note.targetRecordId === undefined ? null : toGuid(note.targetRecordId);
		const codeGuid = note.targetCodeId === undefined ? null : toGuid(note.targetCodeId);
		const record = recordGuid === null ? null : context.records.get(recordGuid);
		if (record === undefined || (codeGuid !== null && !context.codeGuids.has(codeGuid))) {
			placed.skipped.push(note);
			continue;
		}
		const guid = toGuid(note.id);
		const about = [record ? sourceName(record.record) : null, codeGuid ? codeNames.get(codeGuid) : null].filter((part) => part);
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

function textSourceElement(entry: ExportedRecord, selections: PlacedCoding[], notes: string[], variables: VariableDefinition[]): string[] {
	const { record, guid } = entry;
	return element('TextSource', { guid, name: sourceName(record), plainTextPath: `internal://${guid}.txt` }, [
		...selections.flatMap(selectionElement),
		...noteRefs(notes),
		...variables.flatMap((variable) => {
			const value = variable.valueOf(record);
			return value === null ? [] : variableValueElement(variable, value);
		})
	]);
}

const PROJECT_DESCRIPTION =
	'Exported from TRIPS Voice. Each source is one redacted testimony: every answer field under a bracketed heading ' +
	'(answer, theme, original or translation, language). Times are months only. Archived codes are kept as not codable.';

/**
 * The whole export in memory: `project.qde` (Project.xsd, whose element order this follows) and
 * the texts of `sources/`. Codings and memos that cannot be placed truthfully are left out and
 * listed, never bent to fit.
 */
export function refiQdaProject(input: RefiQdaInput): RefiQdaProject {
	const includeArchived = input.includeArchivedCodes ?? true;
	const forest = codeForest(input.codes, includeArchived);
	const exportedCodes = input.codes.filter((code) => includeArchived || !code.archived);
	const context: Context = {
		records: exportedRecords(input.records),
		codeGuids: new Set(exportedCodes.map((code) => toGuid(code.id))),
		coderGuids: new Set(input.coders.map((coder) => toGuid(coder.id)))
	};
	const codings = placeCodings(input.codings, context);
	const notes = placeNotes(input.notes ?? [], context, new Map(exportedCodes.map((code) => [toGuid(code.id), code.name])));
	const variables = [...RECORD_VARIABLES, ...contextVariables(input.records)];
	const recordEntries = [...context.records.values()];

	const projectXml = xmlDocument(
		element('Project', { xmlns: PROJECT_NAMESPACE, name: input.projectName ?? DEFAULT_PROJECT_NAME, origin: ORIGIN }, [
			...wrapper('Users', input.coders.flatMap((coder) => element('User', { guid: toGuid(coder.id), name: coder.name }))),
			...wrapper('CodeBook', wrapper('Codes', forest.flatMap((node) => codeElement(node, notes.refsByCode)))),
			...wrapper(
				'Variables',
				variables.flatMap((variable) =>
					element(
						'Variable',
						{ guid: variableGuid(variable), name: variable.name, typeOfVariable: variable.typeOfVariable },
						textElement('Description', variable.description)
					)
				)
			),
			...wrapper(
				'Sources',
				recordEntries.flatMap((entry) =>
					textSourceElement(entry, codings.byRecord.get(entry.guid) ?? [], notes.refsByRecord.get(entry.guid) ?? [], variables)
				)
			),
			...wrapper('Notes', notes.elements),
			...textElement('Description', PROJECT_DESCRIPTION),
			...noteRefs(notes.projectRefs)
		])
	);

	const recordFiles = recordEntries.map(({ guid, source }) => ({ guid, path: `sources/${guid}.txt`, text: source.text }));
	return { projectXml, sources: [...recordFiles, ...notes.files], skipped: codings.skipped, skippedNotes: notes.skipped };
}

/** `project.qde` alone; use `refiQdaProject` to learn which codings were skipped. */
export function projectXml(input: RefiQdaInput): string {
	return refiQdaProject(input).projectXml;
}

// Fixed entry times keep the archive identical for identical input and say nothing about when it was made.
const ZIP_ENTRY_TIME = new Date(1980, 0, 1);

/** The `.qdpx` archive of a project already built, so its skip lists and its bytes come from one pass. */
export function qdpxArchive(project: RefiQdaProject): Uint8Array {
	const encoder = new TextEncoder();
	const sources = Object.fromEntries(project.sources.map((file) => [`${file.guid}.txt`, encoder.encode(file.text)]));
	return zipSync({ 'project.qde': encoder.encode(project.projectXml), sources }, { mtime: ZIP_ENTRY_TIME });
}

/** A `.qdpx` file: `project.qde` and `sources/<guid>.txt` (UTF-8, no byte-order mark). */
export function qdpx(input: RefiQdaInput): Uint8Array {
	return qdpxArchive(refiQdaProject(input));
}

// ---------------------------------------------------------------------------------------------
// Reading back (checks and tests)

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
		for (const selection of (source[2] ?? '').matchAll(/<PlainTextSelection\b([^>]*?)(?:\/>|>([\s\S]*?)<\/PlainTextSelection>)/g)) {
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
