import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { codePointLength, codePointOffset, sliceCodePoints } from './offsets';
import { RefiQdaExportError, codebookXml, projectXml, qdpx, qdpxArchive, recordSourceText, refiQdaProject, selectionsOf } from './refi-qda';
import type { ExportNote, RefiQdaInput } from './refi-qda';
import { fieldText } from './types';
import type { AnswerTextKind, Code, Coder, Coding, CorpusAnswer, CorpusRecord, FieldAddress } from './types';

const schema = (file: string) => readFileSync(new URL(`../../../tests/fixtures/refi-qda/${file}`, import.meta.url), 'utf8');

async function schemaErrors(xml: string, schemaFile: string): Promise<string[]> {
	const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [schema(schemaFile)] });
	return result.valid ? [] : result.errors.map((error) => error.message);
}

const id = (group: number, n: number) => `${group.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function answer(domain: string | null, texts: Partial<Record<AnswerTextKind, string>>): CorpusAnswer {
	const empty = { text: '', transcript: '', translation: '', englishTranslation: '' };
	return { questionId: `q-${domain ?? 'free'}`, questionVersion: 1, domain, ...empty, ...texts };
}

const arabic: CorpusRecord = {
	id: id(1, 1),
	month: '2026-03',
	channelId: id(9, 1),
	country: 'de',
	locale: 'ar',
	sessionId: null,
	consentToQuote: true,
	group: null,
	context: { ageBand: '35-44', gender: 'woman' },
	translationLocale: 'de',
	answers: [
		answer('housing', {
			text: 'بعد الحصول على الإقامة لم أجد بيتاً. صاحب الشقة قال لا نؤجر للاجئين.',
			translation: 'Nach der Anerkennung fand ich keine Wohnung. Der Vermieter sagte, wir vermieten nicht an Geflüchtete.',
			englishTranslation: 'After getting status I found no flat. The landlord said they do not rent to refugees.'
		}),
		answer('work', { text: 'أعمل في مطبخ بلا عقد.', translation: 'Ich arbeite in einer Küche ohne Vertrag.' })
	]
};

const french: CorpusRecord = {
	id: id(1, 2),
	month: '2026-04',
	channelId: id(9, 2),
	country: 'be',
	locale: 'fr',
	sessionId: id(8, 1),
	consentToQuote: false,
	group: { participants: 6, languages: ['fr', 'ln'] },
	context: {},
	translationLocale: 'nl',
	answers: [
		answer('housing', {
			text: 'On nous a mis dans un foyer 🏠 loin de tout.\nLe loyer privé 💶 est trop cher pour nous.',
			translation: 'We werden in een opvangcentrum 🏠 ver van alles geplaatst.'
		}),
		answer('rights', { text: 'Le renouvellement du titre de séjour prend des mois 😔 et sans papiers pas de travail.' })
	]
};

const tigrinya: CorpusRecord = {
	id: id(1, 3),
	month: '2026-04',
	channelId: id(9, 3),
	country: 'it',
	locale: 'ti',
	sessionId: null,
	consentToQuote: true,
	group: null,
	context: { ageBand: '25-34', yearsSinceProtection: '1-2' },
	translationLocale: 'it',
	answers: [
		answer('work', {
			transcript: 'ስራሕ ምርካብ ከቢዱኒ። ቋንቋ ኣይፈልጥን።',
			translation: 'Trovare lavoro è stato difficile. Non conosco la lingua.',
			englishTranslation: 'Finding work has been hard. I do not know the language.'
		})
	]
};

const records = [arabic, french, tigrinya];

function code(n: number, name: string, parentId: string | null, position: number, extra: Partial<Code> = {}): Code {
	return {
		id: id(2, n),
		parentId,
		name,
		colour: '#3366aa',
		description: '',
		inclusion: '',
		exclusion: '',
		example: '',
		archived: false,
		position,
		...extra
	};
}

const housing = code(1, 'Housing', null, 0, { description: 'Finding and keeping a home after status.' });
const housingAccess = code(2, 'Access after status', housing.id, 0, { inclusion: 'Searching for a flat.', exclusion: 'Shelter stays.' });
const renting = code(3, 'Discrimination in renting', housing.id, 1, { example: 'A refusal because of origin.' });
const collective = code(4, 'Collective accommodation', housing.id, 2);
const shelter = code(5, 'Shelter (old)', housing.id, 3, { archived: true });
const work = code(6, 'Work and income', null, 1, { colour: '#A0C' });
const informal = code(7, 'Informal or exploitative work', work.id, 0);
const jobs = code(8, 'Access to jobs', work.id, 1);
const papers = code(9, 'Papers & <permits> "الأوراق"', null, 2, { description: 'Residence & work permits.' });
const renewal = code(10, 'تجديد التصريح', papers.id, 0);
const language = code(11, 'Language courses', null, 3);
const codes = [language, renewal, papers, jobs, informal, work, shelter, collective, renting, housingAccess, housing];

const coderA: Coder = { id: id(3, 1), name: 'Researcher A' };
const coderB: Coder = { id: id(3, 2), name: 'Researcher B' };

let codingCount = 0;
function coding(record: CorpusRecord, field: FieldAddress, phrase: string, applied: Code, coder: Coder): Coding {
	const text = fieldText(record, field) ?? '';
	const at = text.indexOf(phrase);
	if (at < 0) throw new Error(`Fixture phrase not found in ${field}: ${phrase}`);
	const start = codePointOffset(text, at);
	const end = start + codePointLength(phrase);
	return { id: id(4, ++codingCount), recordId: record.id, field, start, end, codeId: applied.id, coderId: coder.id };
}

const goodCodings: Coding[] = [
	coding(arabic, '0.text', 'صاحب الشقة قال لا نؤجر للاجئين', renting, coderA),
	coding(arabic, '0.translation', 'Der Vermieter sagte, wir vermieten nicht an Geflüchtete', renting, coderB),
	coding(arabic, '1.text', 'أعمل في مطبخ بلا عقد', informal, coderA),
	coding(french, '0.text', 'Le loyer privé 💶 est trop cher', housingAccess, coderA),
	coding(french, '0.text', 'un foyer 🏠 loin de tout', collective, coderB),
	coding(french, '0.text', french.answers[0].text, housing, coderA),
	coding(french, '0.translation', 'opvangcentrum 🏠', shelter, coderA),
	coding(french, '1.text', 'Le renouvellement du titre de séjour prend des mois 😔', renewal, coderB),
	coding(tigrinya, '0.transcript', 'ስራሕ ምርካብ ከቢዱኒ', jobs, coderA),
	coding(tigrinya, '0.englishTranslation', 'I do not know the language', language, coderB)
];

const badCoding = (n: number, changes: Partial<Coding>): Coding => ({ ...goodCodings[0], id: id(5, n), ...changes });
const transcriptLength = codePointLength(tigrinya.answers[0].transcript);
const badCodings: Coding[] = [
	badCoding(1, { field: '5.text' }),
	badCoding(2, { recordId: tigrinya.id, field: '0.transcript', start: 2, end: transcriptLength + 1 }),
	badCoding(3, { recordId: tigrinya.id, field: '0.text', start: 0, end: 1 }),
	badCoding(4, { start: 4, end: 4 }),
	badCoding(5, { start: 1.5, end: 3 }),
	badCoding(6, { recordId: id(1, 99) }),
	badCoding(7, { codeId: id(2, 99) }),
	badCoding(8, { coderId: id(3, 99) })
];

const notes: ExportNote[] = [
	{ id: id(6, 1), text: 'Landlord refusals recur here; compare with the Belgian records.', targetRecordId: arabic.id, authorId: coderA.id },
	{ id: id(6, 2), text: 'Split renting discrimination by who refuses: owner or agency.', targetCodeId: renting.id, authorId: coderB.id },
	{ id: id(6, 3), text: 'Second coding round starts after the May team meeting.', authorId: coderA.id },
	{ id: id(6, 4), text: 'About a record that was withdrawn.', targetRecordId: id(1, 98), authorId: coderA.id }
];

const input: RefiQdaInput = { records, codes, codings: [...goodCodings, ...badCodings], coders: [coderA, coderB], notes };

const decodeAttribute = (value: string) =>
	value.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The code tree as written, read from the indentation this module produces. */
function codeTree(xml: string): { name: string; parentName: string | null; isCodable: string }[] {
	const stack: string[] = [];
	const rows: { name: string; parentName: string | null; isCodable: string }[] = [];
	for (const line of xml.split('\n')) {
		const match = /^(\t*)<Code guid="[^"]+" name="([^"]*)" isCodable="(true|false)"/.exec(line);
		if (!match) continue;
		const depth = match[1].length;
		const name = decodeAttribute(match[2]);
		stack.length = depth;
		const parentName = [...stack].reverse().find((entry) => entry !== undefined) ?? null;
		rows.push({ name, parentName, isCodable: match[3] });
		stack[depth] = name;
	}
	return rows;
}

function sourceElement(xml: string, guid: string): string {
	const match = new RegExp(`<TextSource guid="${guid}"[\\s\\S]*?</TextSource>`).exec(xml);
	if (!match) throw new Error(`No TextSource ${guid}`);
	return match[0];
}

function variableValues(xml: string, guid: string): Record<string, string> {
	const names = new Map([...xml.matchAll(/<Variable guid="([^"]+)" name="([^"]+)"/g)].map((match) => [match[1], match[2]]));
	const values = [...sourceElement(xml, guid).matchAll(/<VariableRef targetGUID="([^"]+)"\/>\s*<(?:TextValue|BooleanValue)>([^<]*)</g)];
	return Object.fromEntries(values.map((match) => [names.get(match[1]) ?? '?', match[2]]));
}

describe('codebookXml', () => {
	it('validates against Codebook.xsd for a two-level codebook with markup characters and Arabic in names', async () => {
		const xml = codebookXml(codes);
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});

	it('nests child codes under their parent in position order', () => {
		expect(codeTree(codebookXml(codes)).map(({ name, parentName }) => [name, parentName])).toEqual([
			['Housing', null],
			['Access after status', 'Housing'],
			['Discrimination in renting', 'Housing'],
			['Collective accommodation', 'Housing'],
			['Shelter (old)', 'Housing'],
			['Work and income', null],
			['Informal or exploitative work', 'Work and income'],
			['Access to jobs', 'Work and income'],
			['Papers & <permits> "الأوراق"', null],
			['تجديد التصريح', 'Papers & <permits> "الأوراق"'],
			['Language courses', null]
		]);
	});

	it('escapes & < > and quotes in names and descriptions', () => {
		const xml = codebookXml(codes);
		expect(xml).toContain('name="Papers &amp; &lt;permits&gt; &quot;الأوراق&quot;"');
		expect(xml).toContain('<Description>Residence &amp; work permits.</Description>');
	});

	it('uses the code id as GUID and writes colours the schema accepts', () => {
		const xml = codebookXml(codes);
		expect(xml).toContain(`<Code guid="${housing.id}" name="Housing" isCodable="true" color="#3366aa">`);
		expect(xml).toContain(`guid="${work.id}" name="Work and income" isCodable="true" color="#a0c"`);
	});

	it('writes ids in lower case so references match whatever case they arrived in', () => {
		const xml = codebookXml([code(1, 'Housing', null, 0, { id: 'ABCDEF01-2345-4678-9ABC-DEF012345678' })]);
		expect(xml).toContain('guid="abcdef01-2345-4678-9abc-def012345678"');
	});

	it('lays out definition, inclusion, exclusion and example under readable labels', () => {
		const criteria = { description: 'Homes.', inclusion: 'Flats.', exclusion: 'Shelters.', example: 'No flat found.' };
		const full = code(1, 'Housing', null, 0, criteria);
		expect(codebookXml([full])).toContain(
			'<Description>Homes.\n\nInclude when: Flats.\n\nExclude when: Shelters.\n\nExample: No flat found.</Description>'
		);
	});

	it('keeps archived codes as not codable by default and leaves them out when asked', () => {
		expect(codeTree(codebookXml(codes)).find((row) => row.name === 'Shelter (old)')?.isCodable).toBe('false');
		expect(codeTree(codebookXml(codes, { includeArchived: false })).map((row) => row.name)).not.toContain('Shelter (old)');
	});

	it('keeps codes whose parent is missing or circular at the top level instead of losing them', async () => {
		const orphan = code(1, 'Orphan', id(2, 77), 0);
		const loopA = code(2, 'Loop A', id(2, 3), 1);
		const loopB = code(3, 'Loop B', id(2, 2), 2);
		const xml = codebookXml([orphan, loopA, loopB]);
		expect(codeTree(xml).map(({ name, parentName }) => [name, parentName])).toEqual([
			['Orphan', null],
			['Loop A', null],
			['Loop B', 'Loop A']
		]);
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});

	it('drops characters XML 1.0 cannot carry and colours it cannot read, and still validates', async () => {
		const xml = codebookXml([code(1, 'Bad\u0001 na\uD800me', null, 0, { colour: 'red', description: 'Tab\there\u0008.' })]);
		expect(xml).toContain('name="Bad name"');
		expect(xml).toContain('<Description>Tab\there.</Description>');
		expect(xml).not.toContain('color=');
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});
});

describe('recordSourceText', () => {
	it('puts every non-empty field under a heading and gives the code point where its text starts', () => {
		const { text, fieldOffsets } = recordSourceText(french);
		expect(Object.keys(fieldOffsets)).toEqual(['0.text', '0.translation', '1.text']);
		for (const [field, offset] of Object.entries(fieldOffsets) as [FieldAddress, number][]) {
			const ownText = fieldText(french, field) ?? '';
			expect(sliceCodePoints(text, offset, offset + codePointLength(ownText))).toBe(ownText);
		}
		expect(text.startsWith('[Answer 1 · housing · original · fr]\nOn nous a mis')).toBe(true);
		expect(text).toContain('\n\n[Answer 1 · housing · translation · nl]\nWe werden');
		expect(text).toContain('\n\n[Answer 2 · rights · original · fr]\nLe renouvellement');
		expect(text.endsWith('pas de travail.\n')).toBe(true);
	});

	it('labels a voice transcript and an English translation with their languages', () => {
		const { text } = recordSourceText(tigrinya);
		expect(text).toContain('[Answer 1 · work · transcript · ti]\nስራሕ');
		expect(text).toContain('[Answer 1 · work · English translation · en]\nFinding work');
	});

	it('writes LF line endings only, with offsets counted over them', () => {
		const record = { ...arabic, answers: [answer('housing', { text: 'سطر أول\r\nسطر ثان\rثالث' })] };
		const { text, fieldOffsets } = recordSourceText(record);
		expect(text).not.toContain('\r');
		const start = fieldOffsets['0.text'] ?? -1;
		const expected = 'سطر أول\nسطر ثان\nثالث';
		expect(sliceCodePoints(text, start, start + codePointLength(expected))).toBe(expected);
	});
});

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
			'Context: gender': 'woman'
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
				for (const field of [item.text, item.transcript, item.translation, item.englishTranslation].filter((text) => text !== '')) {
					expect(xml).not.toContain(field);
				}
				for (const word of `${item.text} ${item.transcript}`.split(/[\s.,።]+/).filter((word) => codePointLength(word) >= 5)) {
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
		expect(exported.map((selection) => selection.selectionGuid).sort()).toEqual(goodCodings.map((item) => item.id).sort());
		for (const bad of badCodings) expect(project.projectXml).not.toContain(bad.id);
	});

	it('matches references whatever the letter case of the ids they carry', () => {
		const record = { ...arabic, id: 'abcdef01-0000-4000-8000-00000000000a' };
		const applied = { ...renting, id: 'abcdef02-0000-4000-8000-00000000000b' };
		const coder = { ...coderA, id: 'abcdef03-0000-4000-8000-00000000000c' };
		const upper = { ...goodCodings[0], recordId: record.id.toUpperCase(), codeId: applied.id.toUpperCase() };
		upper.coderId = coder.id.toUpperCase();
		const project = refiQdaProject({ records: [record], codes: [applied], coders: [coder], codings: [upper] });
		expect(project.skipped).toEqual([]);
		expect(selectionsOf(project.projectXml)).toEqual([
			expect.objectContaining({ sourceGuid: record.id, codeGuid: applied.id, userGuid: coder.id })
		]);
	});

	it('refuses a record or a code listed twice rather than writing clashing GUIDs', () => {
		expect(() => refiQdaProject({ ...input, records: [arabic, { ...arabic, id: arabic.id.toUpperCase() }] })).toThrow(RefiQdaExportError);
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

describe('qdpx', () => {
	const files = unzipSync(qdpx(input));
	const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);

	it('holds project.qde and a sources/<guid>.txt for each record and memo, UTF-8 without a byte-order mark', () => {
		const expected = [...records.map((record) => record.id), notes[0].id, notes[1].id, notes[2].id].map((guid) => `sources/${guid}.txt`);
		expect(Object.keys(files).filter((name) => !name.endsWith('/')).sort()).toEqual(['project.qde', ...expected].sort());
		for (const bytes of Object.values(files).filter((bytes) => bytes.length > 0)) {
			expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
			expect(() => decode(bytes)).not.toThrow();
		}
		expect(decode(files['project.qde'])).toBe(projectXml(input));
		expect(decode(files[`sources/${notes[1].id}.txt`])).toBe(notes[1].text);
	});

	it('lets every selection find exactly its coded text in the source, counted in code points', () => {
		const selections = selectionsOf(decode(files['project.qde']));
		expect(selections).toHaveLength(goodCodings.length);
		for (const selection of selections) {
			const original = goodCodings.find((item) => item.id === selection.selectionGuid);
			const record = records.find((item) => item.id === selection.sourceGuid);
			if (!original || !record) throw new Error(`Selection ${selection.selectionGuid} matches no fixture coding`);
			const sourceText = decode(files[`sources/${selection.sourceGuid}.txt`]);
			const expected = sliceCodePoints(fieldText(record, original.field) ?? '', original.start, original.end);
			expect(expected.length).toBeGreaterThan(0);
			expect(sliceCodePoints(sourceText, selection.start, selection.end)).toBe(expected);
		}
	});

	it('gives the same bytes for the same project', () => {
		const project = refiQdaProject(input);
		expect(qdpxArchive(project)).toEqual(qdpx(input));
	});
});
