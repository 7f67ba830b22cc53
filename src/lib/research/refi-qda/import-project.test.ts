import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codePointLength, sliceCodePoints } from '../offsets';
import { fieldText, type Coding, type CorpusRecord, type FieldAddress } from '../types';
import { qdpx } from '.';
import { planCodebookImport, readCodebookFile } from './import-codebook';
import {
	codebookOfProject,
	codeIdsByGuid,
	planCodingImport,
	readQdpx,
	toLfPositions,
	type CodingImportContext,
	type ImportedProject,
	type PlannedCoding
} from './import-project';
import {
	answer,
	arabic,
	refusal,
	codes,
	coderA,
	coderB,
	french,
	goodCodings,
	housing,
	id,
	informal,
	input,
	jobs,
	language,
	renting,
	shelter,
	tigrinya,
	work
} from './testing';

/** Bengali with vowel signs and a virama (combining marks), and an emoji outside the BMP. */
const bengali: CorpusRecord = {
	...tigrinya,
	id: id(1, 4),
	locale: 'bn',
	answers: [
		answer('health', {
			text: 'ডাক্তারের কাছে যেতে ভয় লাগে 😟 কারণ কাগজ নেই।',
			translation: 'I am afraid to see a doctor 😟 because I have no papers.'
		})
	]
};

/** Arabic written with its short vowels (harakat, combining marks), an emoji before them. */
const vowelled: CorpusRecord = {
	...arabic,
	id: id(1, 5),
	answers: [answer('rights', { text: 'قالوا 📄 إِنَّ الأَوْرَاقَ سَتَتَأَخَّرُ شُهُوراً.' })]
};

const records = [...input.records, bengali, vowelled];
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The exported archive as files, to edit as another tool would before it is read back. */
function exported(): Record<string, Uint8Array> {
	return unzipSync(qdpx({ ...input, records }));
}

const recordSource = (files: Record<string, Uint8Array>, record: CorpusRecord) =>
	decoder.decode(files[`sources/${record.id}.txt`]);

/** Where a phrase sits in a source file, counted in code points as QualCoder (a Python str) counts it. */
function positionsOf(sourceText: string, phrase: string): { start: number; end: number } {
	const at = sourceText.indexOf(phrase);
	if (at < 0) throw new Error(`Phrase not in the source: ${phrase}`);
	const start = codePointLength(sourceText.slice(0, at));
	return { start, end: start + codePointLength(phrase) };
}

let selectionCount = 0;
/** A selection as another tool writes it: its own GUID, date and user, one coding of one code. */
function selection(range: { start: number; end: number }, codeGuid: string, name = ''): string {
	const guid = `7a000000-0000-4000-8000-${(++selectionCount).toString(16).padStart(12, '0')}`;
	return `<PlainTextSelection guid="${guid}" name="${name}" startPosition="${range.start}" endPosition="${range.end}" creatingUser="${coderB.id}" creationDateTime="2026-05-02T10:00:00Z"><Coding guid="${guid.replace('7a', '7b')}" creatingUser="${coderB.id}"><CodeRef targetGUID="${codeGuid}"/></Coding></PlainTextSelection>`;
}

/** Adds selections to a source of `project.qde`, before anything else inside it. */
function addSelections(files: Record<string, Uint8Array>, sourceGuid: string, selections: string[]): void {
	const xml = decoder.decode(files['project.qde']);
	const opening = new RegExp(`(<TextSource guid="${sourceGuid}"[^>]*>)`);
	if (!opening.test(xml)) throw new Error(`No source ${sourceGuid}`);
	files['project.qde'] = strToU8(xml.replace(opening, `$1${selections.join('')}`));
}

function context(overrides: Partial<CodingImportContext> = {}): CodingImportContext {
	return {
		records,
		codings: goodCodings,
		codeIdsByGuid: new Map(codes.map((code) => [code.id, code.id])),
		archivedCodeIds: new Set(codes.filter((code) => code.archived).map((code) => code.id)),
		...overrides
	};
}

const read = (files: Record<string, Uint8Array>): ImportedProject => readQdpx(zipSync(files));

type Added = Extract<PlannedCoding, { status: 'added' }>;
const addedIn = (plan: PlannedCoding[]): Added[] => plan.filter((entry): entry is Added => entry.status === 'added');

const codedText = (record: CorpusRecord, coding: { field: FieldAddress; start: number; end: number }) =>
	sliceCodePoints(fieldText(record, coding.field) ?? '', coding.start, coding.end);

describe('importing a project coded further in another tool', () => {
	it('finds its own codings already there and brings the new ones back to the right field and range', () => {
		const files = exported();
		const phrases: [CorpusRecord, string, string][] = [
			[bengali, 'ভয় লাগে 😟 কারণ', informal.id],
			[bengali, 'কাগজ নেই', renting.id],
			[bengali, 'because I have no papers', jobs.id],
			[vowelled, 'الأَوْرَاقَ سَتَتَأَخَّرُ', renting.id],
			[french, 'trop cher pour nous', work.id],
			[french, 'ver van alles', housing.id],
			[arabic, 'لم أجد بيتاً', language.id],
			[tigrinya, 'ቋንቋ ኣይፈልጥን', language.id]
		];
		for (const [record, phrase, codeGuid] of phrases)
			addSelections(files, record.id, [selection(positionsOf(recordSource(files, record), phrase), codeGuid)]);

		const plan = planCodingImport(read(files), context());
		const existing = plan.filter((entry) => entry.status === 'existing');
		// Every exported coding but the one on an archived code, which the export kept as it was.
		expect(existing).toHaveLength(goodCodings.length);
		const added = addedIn(plan);
		const sorted = (pairs: string[][]) => pairs.map((pair) => pair.join(' ')).sort();
		expect(
			sorted(
				added.map((entry) => [
					entry.recordId!,
					codedText(
						records.find((r) => r.id === entry.recordId)!,
						entry
					)
				])
			)
		).toEqual(sorted(phrases.map(([record, phrase]) => [record.id, phrase])));
		expect(plan.filter((entry) => entry.status === 'conflict')).toEqual([]);
		expect(added.find((entry) => entry.codeId === informal.id)).toMatchObject({
			field: '0.text',
			excerpt: 'ভয় লাগে 😟 কারণ'
		});
		expect(added.find((entry) => entry.codeId === jobs.id)).toMatchObject({ field: '0.translation' });
	});

	it('reads a source written with a byte-order mark and CR LF line ends counted as two characters', () => {
		const files = exported();
		const lf = recordSource(files, french);
		const crlf = lf.replace(/\n/g, '\r\n');
		files[`sources/${french.id}.txt`] = strToU8(`\uFEFF${crlf}`);
		addSelections(files, french.id, [selection(positionsOf(crlf, 'Le loyer privé 💶'), work.id)]);
		const added = addedIn(planCodingImport(read(files), context()));
		expect(added).toHaveLength(1);
		expect(codedText(french, added[0])).toBe('Le loyer privé 💶');
	});

	it('shows a range counted in UTF-16 units after an emoji as a conflict, never a shifted coding', () => {
		const files = exported();
		const text = recordSource(files, french);
		const at = text.indexOf('est trop cher'); // UTF-16 index: one more than code points per emoji before it
		expect(at).toBeGreaterThan(positionsOf(text, 'est trop cher').start);
		// The selected text written as its name, as QualCoder does: the UTF-16 reading gives it.
		addSelections(files, french.id, [
			selection({ start: at, end: at + 'est trop cher'.length }, work.id, 'est trop cher')
		]);
		const plan = planCodingImport(read(files), context());
		expect(plan.filter((entry) => entry.status === 'added')).toEqual([]);
		expect(plan.filter((entry) => entry.status === 'conflict')).toMatchObject([{ reason: 'counted-in-utf16' }]);
		// The same text counted in code points, named the same, comes in.
		const fixed = exported();
		addSelections(fixed, french.id, [selection(positionsOf(text, 'est trop cher'), work.id, 'est trop cher')]);
		const added = addedIn(planCodingImport(read(fixed), context()));
		expect(added.map((entry) => codedText(french, entry))).toEqual(['est trop cher']);
	});

	it('shows a range whose text in the file differs from the text here as a conflict', () => {
		const files = exported();
		const text = recordSource(files, tigrinya);
		files[`sources/${tigrinya.id}.txt`] = strToU8(text.replace('ቋንቋ', 'ቋንቋታት'));
		addSelections(files, tigrinya.id, [selection(positionsOf(text, 'ቋንቋ ኣይፈልጥን'), work.id)]);
		const plan = planCodingImport(read(files), context());
		// The new selection, and an exported one after the edit, whose text has moved.
		expect(plan.filter((entry) => entry.status === 'conflict')).toMatchObject([
			{ reason: 'text-differs', excerpt: 'ቋንቋ ኣይፈልጥን' },
			{ reason: 'text-differs', excerpt: 'I do not know the language' }
		]);
		expect(plan.filter((entry) => entry.status === 'added')).toEqual([]);
	});

	it('brings nothing back for a withdrawn record and shows each conflict with its reason', () => {
		const files = exported();
		const frenchText = recordSource(files, french);
		const tigrinyaText = recordSource(files, tigrinya);
		const headingEnd = frenchText.indexOf('\n');
		const foyer = positionsOf(frenchText, 'un foyer 🏠 loin de tout');
		// A coding made here since the export, on a passage the other tool coded too.
		const newerHere: Coding = {
			id: id(4, 500),
			recordId: tigrinya.id,
			field: '0.transcript',
			start: 0,
			end: 4,
			codeId: jobs.id,
			coderId: coderA.id
		};
		addSelections(files, french.id, [
			selection({ start: 0, end: headingEnd + 3 }, work.id), // runs over the heading
			selection({ start: foyer.start, end: foyer.end }, id(2, 77)), // a code deleted here
			selection({ start: foyer.start, end: foyer.end }, shelter.id), // an archived code
			selection({ start: 5, end: 5 }, work.id)
		]);
		addSelections(files, tigrinya.id, [selection(positionsOf(tigrinyaText, 'ስራሕ ምርካብ'), language.id)]);
		// The exported coding of the collective code, recoded in the other tool.
		const xml = decoder
			.decode(files['project.qde'])
			.replace(
				new RegExp(`(<PlainTextSelection guid="${goodCodings[4].id}"[\\s\\S]*?<CodeRef targetGUID=")[^"]+`),
				`$1${informal.id}`
			);
		files['project.qde'] = strToU8(xml);

		const withoutArabic = context({
			records: records.filter((record) => record !== arabic),
			codings: [...goodCodings.filter((coding) => coding.recordId !== arabic.id), newerHere]
		});
		const plan = planCodingImport(read(files), withoutArabic);
		const conflicts = plan.flatMap((entry) => (entry.status === 'conflict' ? [[entry.sourceGuid, entry.reason]] : []));
		expect(conflicts).toEqual([
			...goodCodings.filter((coding) => coding.recordId === arabic.id).map(() => [arabic.id, 'source-gone']),
			[french.id, 'range-outside-field'],
			[french.id, 'code-unknown'],
			[french.id, 'code-archived'],
			[french.id, 'invalid-range'],
			[french.id, 'changed-here'],
			[tigrinya.id, 'overlaps-newer']
		]);
		expect(plan.filter((entry) => entry.status === 'added')).toEqual([]);
		expect(plan.some((entry) => entry.recordId === arabic.id)).toBe(false);
	});

	it('counts a selection coded twice, or the same import twice, once', () => {
		const files = exported();
		const range = positionsOf(recordSource(files, tigrinya), 'ቋንቋ');
		addSelections(files, tigrinya.id, [selection(range, work.id), selection(range, work.id)]);
		const plan = planCodingImport(read(files), context());
		expect(plan.filter((entry) => entry.status === 'added')).toHaveLength(1);
		const [added] = addedIn(plan);
		const after = planCodingImport(
			read(files),
			context({
				codings: [
					...goodCodings,
					{ ...added, id: id(4, 900), recordId: tigrinya.id, codeId: added.codeId, coderId: coderA.id }
				]
			})
		);
		expect(after.filter((entry) => entry.status === 'added')).toEqual([]);
	});

	it('places codings on codes here by their GUID when the file carries no codebook', () => {
		const files = exported();
		const xml = decoder.decode(files['project.qde']).replace(/<CodeBook>[\s\S]*<\/CodeBook>/, '');
		files['project.qde'] = strToU8(xml);
		const range = positionsOf(recordSource(files, tigrinya), 'ቋንቋ');
		addSelections(files, tigrinya.id, [selection(range, work.id.toUpperCase())]);
		const project = read(files);
		expect(project.codebook.codes).toEqual([]);
		const ids = codeIdsByGuid(
			codes.map((code) => code.id),
			new Map()
		);
		const plan = planCodingImport(project, context({ codeIdsByGuid: ids }));
		expect(addedIn(plan).map((entry) => [entry.codeId, codedText(tigrinya, entry)])).toEqual([[work.id, 'ቋንቋ']]);
		expect(plan.filter((entry) => entry.status === 'conflict')).toEqual([]);
	});

	it('hands the project codebook to the codebook import, which finds the exported codes already here', () => {
		const project = read(exported());
		const xml = codebookOfProject(project)!;
		const plan = planCodebookImport(readCodebookFile(xml), codes);
		expect(plan.counts).toEqual({ added: 0, existing: codes.length, skipped: 0 });
	});

	it('refuses what is not a project archive, and a project that declares entities', () => {
		expect(refusal(() => readQdpx(strToU8('not a zip file')))).toBe('not-archive');
		expect(refusal(() => readQdpx(zipSync({ 'readme.txt': strToU8('hello') })))).toBe('not-project');
		const bomb = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><Project name="&a;"/>`;
		expect(refusal(() => readQdpx(zipSync({ 'project.qde': strToU8(bomb) })))).toBe('doctype');
		expect(refusal(() => readQdpx(zipSync({ 'project.qde': strToU8('<CodeBook/>') })))).toBe('not-project');
	});
});

describe('positions over CR LF text', () => {
	it('takes off one per CR before each position', () => {
		expect(toLfPositions('a\r\nb\r\nc', 3, 7)).toEqual({ start: 2, end: 5 });
		expect(toLfPositions('a\nb', 2, 3)).toEqual({ start: 2, end: 3 });
		expect(toLfPositions('😀\r\nb', 3, 4)).toEqual({ start: 2, end: 3 });
	});
});
