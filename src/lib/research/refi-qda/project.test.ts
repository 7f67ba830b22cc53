import { describe, expect, it } from 'vitest';
import { codePointLength, sliceCodePoints } from '../offsets';
import { fieldText } from '../types';
import { projectXml, refiQdaProject, RefiQdaExportError, selectionsOf } from '.';
import {
	arabic,
	badCodings,
	codes,
	codeTree,
	coderA,
	coderB,
	french,
	goodCodings,
	housing,
	input,
	notes,
	records,
	renting,
	schemaErrors,
	sourceElement,
	tigrinya,
	variableValues,
	english
} from './testing';

describe('projectXml', () => {
	it('validates against Project.xsd with three records in three scripts, two coders, codings and memos', async () => {
		expect(await schemaErrors(projectXml(input), 'Project.xsd')).toEqual([]);
	});

	it('is checked for element order: the schema rejects Sources placed before the CodeBook', async () => {
		const xml = projectXml(input);
		const sources = /\t<Sources>[\s\S]*?\n\t<\/Sources>\n/.exec(xml)?.[0] ?? '';
		const reordered = xml.replace(sources, '').replace('\t<CodeBook>', `${sources}\t<CodeBook>`);
		expect(await schemaErrors(reordered, 'Project.xsd')).not.toEqual([]);
	});

	it('lists the coders as users and the codebook with its hierarchy', () => {
		const xml = projectXml(input);
		expect(xml).toContain(`<User guid="${coderA.id}" name="Researcher A"/>`);
		expect(xml).toContain(`<User guid="${coderB.id}" name="Researcher B"/>`);
		expect(codeTree(xml).find((row) => row.name === 'تجديد التصريح')?.parentName).toBe('Papers & <permits> "الأوراق"');
	});

	it('carries record attributes and context as variables', () => {
		const xml = projectXml(input);
		expect(variableValues(xml, arabic.id)).toEqual({
			Country: 'DE',
			Language: 'ar',
			'Month approved': '2026-03',
			'Consent to quote': 'true',
			'Group or individual': 'individual',
			'Context: ageBand': '35-44',
			'Context: ageBand (code)': '35-44',
			'Context: gender': 'woman',
			'Context: gender (code)': 'woman'
		});
		expect(variableValues(xml, french.id)).toEqual({
			Country: 'BE',
			Language: 'fr',
			Session: french.sessionId,
			'Month approved': '2026-04',
			'Consent to quote': 'false',
			'Group or individual': 'group'
		});
		expect(variableValues(xml, tigrinya.id)['Context: yearsSinceProtection']).toBe('1-2');
	});

	it('names context in words, with each answer’s code in a variable beside it, and stays valid', async () => {
		const contextLabels = {
			preferNot: 'Prefer not to say',
			questions: { ageBand: { question: 'Age', options: { '35-44': '35 to 44' } } }
		};
		const xml = projectXml({ ...input, contextLabels });
		expect(variableValues(xml, arabic.id)).toMatchObject({
			'Context: Age': '35 to 44',
			'Context: Age (code)': '35-44',
			'Context: gender': 'woman',
			'Context: gender (code)': 'woman'
		});
		expect(await schemaErrors(xml, 'Project.xsd')).toEqual([]);
	});

	it('names sources by month, country and language, and points them at their text in sources/', () => {
		const xml = projectXml(input);
		const sources = [...xml.matchAll(/<TextSource guid="([^"]+)" name="([^"]+)" plainTextPath="([^"]+)"/g)];
		expect(sources.map((match) => match[2])).toEqual([
			`Testimony 2026-03 · DE · ar · ${arabic.id.slice(0, 8)}`,
			`Group testimony 2026-04 · BE · fr · ${french.id.slice(0, 8)}`,
			`Testimony 2026-04 · IT · ti · ${tigrinya.id.slice(0, 8)}`
		]);
		expect(sources.map((match) => match[3])).toEqual(records.map((record) => `internal://${record.id}.txt`));
	});

	it('keeps every word of testimony and every memo out of project.qde', () => {
		const xml = projectXml(input);
		for (const record of records) {
			for (const item of record.answers) {
				for (const field of [item.text, item.transcript, item.translation, item.englishTranslation].filter(
					(text) => text !== ''
				)) {
					expect(xml).not.toContain(field);
				}
				for (const word of `${item.text} ${item.transcript}`
					.split(/[\s.,።]+/)
					.filter((word) => codePointLength(word) >= 5)) {
					expect(xml).not.toContain(word);
				}
			}
		}
		for (const coded of goodCodings) {
			const record = records.find((item) => item.id === coded.recordId) ?? arabic;
			expect(xml).not.toContain(sliceCodePoints(fieldText(record, coded.field) ?? '', coded.start, coded.end));
		}
		for (const note of notes) expect(xml).not.toContain(note.text);
	});

	it('gives no date or time anywhere', () => {
		expect(projectXml(input)).not.toMatch(/DateTime=|<Date(Time)?Value>/);
	});

	it('skips and reports codings whose record, field, range, code or coder does not hold up', () => {
		const project = refiQdaProject(input);
		expect(project.skipped).toEqual(badCodings);
		const exported = selectionsOf(project.projectXml);
		expect(exported.map((selection) => selection.selectionGuid).sort()).toEqual(
			goodCodings.map((item) => item.id).sort()
		);
		for (const bad of badCodings) expect(project.projectXml).not.toContain(bad.id);
	});

	it('matches references whatever the letter case of the ids they carry', () => {
		const record = { ...arabic, id: 'abcdef01-0000-4000-8000-00000000000a' };
		const applied = { ...renting, id: 'abcdef02-0000-4000-8000-00000000000b' };
		const coder = { ...coderA, id: 'abcdef03-0000-4000-8000-00000000000c' };
		const upper = { ...goodCodings[0], recordId: record.id.toUpperCase(), codeId: applied.id.toUpperCase() };
		upper.coderId = coder.id.toUpperCase();
		const project = refiQdaProject({
			records: [record],
			codes: [applied],
			coders: [coder],
			codings: [upper],
			translate: english
		});
		expect(project.skipped).toEqual([]);
		expect(selectionsOf(project.projectXml)).toEqual([
			expect.objectContaining({ sourceGuid: record.id, codeGuid: applied.id, userGuid: coder.id })
		]);
	});

	it('refuses a record or a code listed twice rather than writing clashing GUIDs', () => {
		expect(() => refiQdaProject({ ...input, records: [arabic, { ...arabic, id: arabic.id.toUpperCase() }] })).toThrow(
			RefiQdaExportError
		);
		expect(() => refiQdaProject({ ...input, codes: [...codes, housing] })).toThrow(/appears twice/);
	});

	it('records who made each selection and which code it applies', () => {
		const exported = selectionsOf(projectXml(input));
		for (const item of goodCodings) {
			expect(exported.find((selection) => selection.selectionGuid === item.id)).toMatchObject({
				sourceGuid: item.recordId,
				codeGuid: item.codeId,
				userGuid: item.coderId
			});
		}
	});

	it('attaches memos to their record, their code or the project, and reports memos about records not exported', () => {
		const project = refiQdaProject(input);
		const xml = project.projectXml;
		expect(project.skippedNotes).toEqual([notes[3]]);
		expect(sourceElement(xml, arabic.id)).toContain(`<NoteRef targetGUID="${notes[0].id}"/>`);
		expect(/<Code guid="[^"]+" name="Discrimination in renting"[^>]*>[\s\S]*?<\/Code>/.exec(xml)?.[0]).toContain(
			`<NoteRef targetGUID="${notes[1].id}"/>`
		);
		expect(xml).toMatch(new RegExp(`<NoteRef targetGUID="${notes[2].id}"/>\\n</Project>`));
		expect(xml).toContain(
			`<Note guid="${notes[2].id}" name="Project memo" plainTextPath="internal://${notes[2].id}.txt" creatingUser="${coderA.id}"/>`
		);
		expect(xml).not.toContain(notes[3].id);
	});
});
