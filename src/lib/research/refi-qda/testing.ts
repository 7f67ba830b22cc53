import { exportWords } from '../testing';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { codePointLength, codePointOffset } from '../offsets';
import { fieldText } from '../types';
import type { AnswerTextKind, Code, Coder, Coding, CorpusAnswer, CorpusRecord, FieldAddress } from '../types';
import type { ExportNote, RefiQdaInput } from '.';
import { RefiQdaImportError, type ImportRefusalReason } from './parse';

/** The exported files' words in English, as the tests read them. */
export const english = exportWords('en');

/*
 * Fixtures for the REFI-QDA tests: three fictional records in three scripts, a two-level
 * codebook, two coders, codings that hold up and codings that do not, memos, and readers
 * for the XML the export writes.
 */

const schema = (file: string) =>
	readFileSync(new URL(`../../../../tests/fixtures/refi-qda/${file}`, import.meta.url), 'utf8');

export async function schemaErrors(xml: string, schemaFile: string): Promise<string[]> {
	const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [schema(schemaFile)] });
	return result.valid ? [] : result.errors.map((error) => error.message);
}

export const id = (group: number, n: number) =>
	`${group.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function answer(domain: string | null, texts: Partial<Record<AnswerTextKind, string>>): CorpusAnswer {
	const empty = { text: '', transcript: '', translation: '', englishTranslation: '' };
	return { questionId: `q-${domain ?? 'free'}`, questionVersion: 1, domain, ...empty, ...texts };
}

export const arabic: CorpusRecord = {
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
			translation:
				'Nach der Anerkennung fand ich keine Wohnung. Der Vermieter sagte, wir vermieten nicht an Geflüchtete.',
			englishTranslation: 'After getting status I found no flat. The landlord said they do not rent to refugees.'
		}),
		answer('work', { text: 'أعمل في مطبخ بلا عقد.', translation: 'Ich arbeite in einer Küche ohne Vertrag.' })
	]
};

export const french: CorpusRecord = {
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

export const tigrinya: CorpusRecord = {
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

export const records = [arabic, french, tigrinya];

export function code(
	n: number,
	name: string,
	parentId: string | null,
	position: number,
	extra: Partial<Code> = {}
): Code {
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

export const housing = code(1, 'Housing', null, 0, { description: 'Finding and keeping a home after status.' });
export const housingAccess = code(2, 'Access after status', housing.id, 0, {
	inclusion: 'Searching for a flat.',
	exclusion: 'Shelter stays.'
});
export const renting = code(3, 'Discrimination in renting', housing.id, 1, { example: 'A refusal because of origin.' });
export const collective = code(4, 'Collective accommodation', housing.id, 2);
export const shelter = code(5, 'Shelter (old)', housing.id, 3, { archived: true });
export const work = code(6, 'Work and income', null, 1, { colour: '#A0C' });
export const informal = code(7, 'Informal or exploitative work', work.id, 0);
export const jobs = code(8, 'Access to jobs', work.id, 1);
export const papers = code(9, 'Papers & <permits> "الأوراق"', null, 2, { description: 'Residence & work permits.' });
export const renewal = code(10, 'تجديد التصريح', papers.id, 0);
export const language = code(11, 'Language courses', null, 3);
export const codes = [
	language,
	renewal,
	papers,
	jobs,
	informal,
	work,
	shelter,
	collective,
	renting,
	housingAccess,
	housing
];

export const coderA: Coder = { id: id(3, 1), name: 'Researcher A' };
export const coderB: Coder = { id: id(3, 2), name: 'Researcher B' };

let codingCount = 0;
export function coding(record: CorpusRecord, field: FieldAddress, phrase: string, applied: Code, coder: Coder): Coding {
	const text = fieldText(record, field) ?? '';
	const at = text.indexOf(phrase);
	if (at < 0) throw new Error(`Fixture phrase not found in ${field}: ${phrase}`);
	const start = codePointOffset(text, at);
	const end = start + codePointLength(phrase);
	return { id: id(4, ++codingCount), recordId: record.id, field, start, end, codeId: applied.id, coderId: coder.id };
}

export const goodCodings: Coding[] = [
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
export const badCodings: Coding[] = [
	badCoding(1, { field: '5.text' }),
	badCoding(2, { recordId: tigrinya.id, field: '0.transcript', start: 2, end: transcriptLength + 1 }),
	badCoding(3, { recordId: tigrinya.id, field: '0.text', start: 0, end: 1 }),
	badCoding(4, { start: 4, end: 4 }),
	badCoding(5, { start: 1.5, end: 3 }),
	badCoding(6, { recordId: id(1, 99) }),
	badCoding(7, { codeId: id(2, 99) }),
	badCoding(8, { coderId: id(3, 99) })
];

export const notes: ExportNote[] = [
	{
		id: id(6, 1),
		text: 'Landlord refusals recur here; compare with the Belgian records.',
		targetRecordId: arabic.id,
		authorId: coderA.id
	},
	{
		id: id(6, 2),
		text: 'Split renting discrimination by who refuses: owner or agency.',
		targetCodeId: renting.id,
		authorId: coderB.id
	},
	{ id: id(6, 3), text: 'Second coding round starts after the May team meeting.', authorId: coderA.id },
	{ id: id(6, 4), text: 'About a record that was withdrawn.', targetRecordId: id(1, 98), authorId: coderA.id }
];

export const input: RefiQdaInput = {
	translate: english,
	records,
	codes,
	codings: [...goodCodings, ...badCodings],
	coders: [coderA, coderB],
	notes
};

const decodeAttribute = (value: string) =>
	value
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

/** The code tree as written, read from the indentation this module produces. */
export function codeTree(xml: string): { name: string; parentName: string | null; isCodable: string }[] {
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

export function sourceElement(xml: string, guid: string): string {
	const match = new RegExp(`<TextSource guid="${guid}"[\\s\\S]*?</TextSource>`).exec(xml);
	if (!match) throw new Error(`No TextSource ${guid}`);
	return match[0];
}

export function variableValues(xml: string, guid: string): Record<string, string> {
	const names = new Map(
		[...xml.matchAll(/<Variable guid="([^"]+)" name="([^"]+)"/g)].map((match) => [match[1], match[2]])
	);
	const values = [
		...sourceElement(xml, guid).matchAll(/<VariableRef targetGUID="([^"]+)"\/>\s*<(?:TextValue|BooleanValue)>([^<]*)</g)
	];
	return Object.fromEntries(values.map((match) => [names.get(match[1]) ?? '?', match[2]]));
}

/** The reason an import refused with, or null when it went through. */
export function refusal(run: () => unknown): ImportRefusalReason | null {
	try {
		run();
		return null;
	} catch (cause) {
		if (cause instanceof RefiQdaImportError) return cause.reason;
		throw cause;
	}
}
