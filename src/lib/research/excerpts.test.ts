import { exportWords } from './testing';
import Papa from 'papaparse';
import type { ContextLabels } from '$lib/context-labels';
import { describe, expect, it } from 'vitest';
import { CodeTree } from './codebook-tree';
import { contextKeys, excerptRows, excerptsCsv, recordsIn, type ExcerptOptions } from './excerpts';
import type { Coder, Coding, CorpusAnswer, CorpusRecord, FieldAddress } from './types';
import { code } from './testing';

// Code points 25–47 of the permit sentence are "the shelter said leave"; the 🪪 before them takes
// two UTF-16 units, so slicing by string index would be off by one.
const PERMIT = 'After the permit 🪪 came, the shelter said leave.';
// Code points 15–18 are "بعد", after a 🏠 (one code point) and a combining tanween at 11.
const ARABIC = 'لم أجد سكناً 🏠 بعد الحماية.';
const ARABIC_ENGLISH = 'I found no home 🏠 after protection.';
const FORMULA = '=the caseworker told me to wait another year';
const LIST = '- no papers\n- no work';

function answer(text: string, fields: Partial<CorpusAnswer> = {}): CorpusAnswer {
	return {
		questionId: 'obstacles',
		questionVersion: 1,
		domain: 'housing',
		text,
		transcript: '',
		translation: '',
		englishTranslation: '',
		...fields
	};
}

function record(
	id: string,
	answers: CorpusAnswer[],
	fields: Partial<Omit<CorpusRecord, 'id' | 'answers'>> = {}
): CorpusRecord {
	return {
		id,
		month: '2026-02',
		channelId: 'channel-fr',
		country: 'FR',
		locale: 'en',
		sessionId: null,
		consentToQuote: true,
		group: null,
		context: {},
		translationLocale: 'fr',
		answers,
		...fields
	};
}

let serial = 0;
function coding(
	recordId: string,
	field: FieldAddress,
	start: number,
	end: number,
	codeId: string,
	coderId = 'coder-a'
): Coding {
	return { id: `coding-${++serial}`, recordId, field, start, end, codeId, coderId };
}

const codes = [
	code('housing', 'Housing'),
	code('shelter', 'Homelessness and emergency shelter', 0, 'housing'),
	code('rights', 'Rights and legal status'),
	code('permit', 'Permit and renewal', 0, 'rights')
];
const coders: Coder[] = [
	{ id: 'coder-a', name: 'amina.k' },
	{ id: 'coder-b', name: 'jonas.r' }
];

const permitRecord = record('r-permit', [answer(PERMIT)], {
	sessionId: 'session-lyon',
	group: { participants: 6, languages: ['en', 'fr'] },
	context: { ageBand: '25-34', gender: 'woman' }
});
const arabicRecord = record('r-arabic', [answer(ARABIC, { domain: null, translation: ARABIC_ENGLISH })], {
	month: '2026-01',
	channelId: 'channel-de',
	country: 'DE',
	locale: 'ar',
	consentToQuote: false,
	translationLocale: 'en',
	context: { yearsSinceProtection: '1-2' }
});
const formulaRecord = record(
	'r-formula',
	[answer('I waited.'), answer(FORMULA, { domain: 'rights' }), answer(LIST, { domain: null })],
	{
		month: '2025-11'
	}
);
const records = [permitRecord, arabicRecord, formulaRecord];

const english = exportWords('en');
const options: ExcerptOptions = {
	t: english,
	channelName: (id) => ({ 'channel-fr': 'Lyon partner', 'channel-de': 'Berlin partner' })[id] ?? 'channel',
	sessionLabel: (id) => (id === 'session-lyon' ? 'Lyon workshop, spring' : 'session')
};

const shelterOnPermit = coding('r-permit', '0.text', 25, 47, 'shelter');
const shelterOnArabic = coding('r-arabic', '0.text', 15, 18, 'shelter', 'coder-b');
const permitOnFormula = coding('r-formula', '1.text', 0, 15, 'permit');
const housingOnList = coding('r-formula', '2.text', 0, 11, 'housing', 'coder-b');
const codings = [shelterOnPermit, shelterOnArabic, permitOnFormula, housingOnList];

describe('excerptRows', () => {
	it('quotes the coded span by code points, past an emoji', () => {
		const [row] = excerptRows([permitRecord], [shelterOnPermit], codes, coders, options);
		expect(row.text).toBe('the shelter said leave');
	});

	it('quotes Arabic text after an emoji and a combining mark', () => {
		const [row] = excerptRows([arabicRecord], [shelterOnArabic], codes, coders, options);
		expect(row.text).toBe('بعد');
	});

	it('quotes the field the coding addresses, not the original text', () => {
		const onTranslation = coding('r-arabic', '0.translation', 18, 34, 'shelter');
		const [row] = excerptRows([arabicRecord], [onTranslation], codes, coders, options);
		expect(row).toMatchObject({ fieldKind: 'translation', field: '0.translation', text: 'after protection' });
	});

	it('carries the attributes of the record, with names from the lookups', () => {
		const [row] = excerptRows(records, [shelterOnPermit], codes, coders, options);
		expect(row).toEqual({
			recordId: 'r-permit',
			month: '2026-02',
			country: 'FR',
			channel: 'Lyon partner',
			locale: 'en',
			session: 'Lyon workshop, spring',
			group: true,
			consentToQuote: true,
			context: { ageBand: '25-34', gender: 'woman', yearsSinceProtection: '' },
			answerIndex: 0,
			domain: 'housing',
			fieldKind: 'text',
			field: '0.text',
			start: 25,
			end: 47,
			codePath: 'Housing › Homelessness and emergency shelter',
			codeId: 'shelter',
			coderName: 'amina.k',
			text: 'the shelter said leave'
		});
	});

	it('gives every row a column for each context key of the corpus, in sorted order', () => {
		const rows = excerptRows(records, codings, codes, coders, options);
		expect(contextKeys(records)).toEqual(['ageBand', 'gender', 'yearsSinceProtection']);
		for (const row of rows) expect(Object.keys(row.context)).toEqual(['ageBand', 'gender', 'yearsSinceProtection']);
		expect(rows.find((row) => row.recordId === 'r-arabic')?.context).toEqual({
			ageBand: '',
			gender: '',
			yearsSinceProtection: '1-2'
		});
	});

	it('leaves the session empty for a record not given at a session and says "individual" for one person', () => {
		const [row] = excerptRows(records, [shelterOnArabic], codes, coders, options);
		expect(row).toMatchObject({
			session: '',
			group: false,
			domain: '',
			channel: 'Berlin partner',
			consentToQuote: false
		});
	});

	it('sorts by code path, then month, record, field and start', () => {
		const later = coding('r-permit', '0.text', 0, 5, 'shelter');
		const secondAnswer = coding('r-formula', '1.text', 16, 26, 'permit');
		const firstAnswer = coding('r-formula', '0.text', 2, 8, 'permit');
		const rows = excerptRows(records, [...codings, later, secondAnswer, firstAnswer], codes, coders, options);
		expect(rows.map((row) => [row.codePath, row.recordId, row.field, row.start])).toEqual([
			['Housing', 'r-formula', '2.text', 0],
			['Housing › Homelessness and emergency shelter', 'r-arabic', '0.text', 15],
			['Housing › Homelessness and emergency shelter', 'r-permit', '0.text', 0],
			['Housing › Homelessness and emergency shelter', 'r-permit', '0.text', 25],
			['Rights and legal status › Permit and renewal', 'r-formula', '0.text', 2],
			['Rights and legal status › Permit and renewal', 'r-formula', '1.text', 0],
			['Rights and legal status › Permit and renewal', 'r-formula', '1.text', 16]
		]);
	});

	it('orders answer 10 after answer 2', () => {
		const answers = Array.from({ length: 11 }, (_, index) => answer(`Answer number ${index} about rent.`));
		const long = record('r-long', answers);
		const tenthFirst = [coding('r-long', '10.text', 0, 6, 'housing'), coding('r-long', '2.text', 0, 6, 'housing')];
		const rows = excerptRows([long], tenthFirst, codes, coders, options);
		expect(rows.map((row) => row.field)).toEqual(['2.text', '10.text']);
	});

	it('keeps only records whose authors agreed to quoting when asked', () => {
		const all = excerptRows(records, codings, codes, coders, options);
		const quotable = excerptRows(records, codings, codes, coders, { ...options, quotableOnly: true });
		expect(all.map((row) => row.recordId)).toContain('r-arabic');
		expect(quotable.map((row) => row.recordId).sort()).toEqual(['r-formula', 'r-formula', 'r-permit']);
		expect(quotable.every((row) => row.consentToQuote)).toBe(true);
	});

	it('keeps only the chosen codes and coders', () => {
		const theme = new Set(new CodeTree(codes).withDescendants('housing'));
		expect([...theme].sort()).toEqual(['housing', 'shelter']);
		const rows = excerptRows(records, codings, codes, coders, {
			...options,
			codeIds: theme,
			coderIds: new Set(['coder-b'])
		});
		expect(rows.map((row) => row.codeId)).toEqual(['housing', 'shelter']);
		expect(rows.every((row) => row.coderName === 'jonas.r')).toBe(true);
	});

	it('names a coder who has left the team "former coder"', () => {
		const [row] = excerptRows(
			records,
			[coding('r-permit', '0.text', 0, 5, 'housing', 'coder-gone')],
			codes,
			coders,
			options
		);
		expect(row.coderName).toBe('former coder');
	});

	it('leaves out codings whose record or code is not passed in, or whose span does not fit the field', () => {
		const rows = excerptRows(
			[permitRecord],
			[
				coding('r-permit', '0.text', 25, 47, 'shelter'),
				coding('r-elsewhere', '0.text', 0, 3, 'shelter'),
				coding('r-permit', '0.text', 0, 3, 'deleted-code'),
				coding('r-permit', '0.text', 40, 99, 'shelter'),
				coding('r-permit', '0.text', 5, 5, 'shelter'),
				coding('r-permit', '3.text', 0, 3, 'shelter'),
				coding('r-permit', '0.transcript', 0, 3, 'shelter')
			],
			codes,
			coders,
			options
		);
		expect(rows.map((row) => [row.start, row.end])).toEqual([[25, 47]]);
	});

	it('counts each record once', () => {
		expect(recordsIn(excerptRows(records, codings, codes, coders, options))).toBe(3);
	});
});

describe('excerptsCsv', () => {
	const labels: ContextLabels = {
		preferNot: 'Prefer not to say',
		questions: {
			ageBand: { question: 'Age', options: { '25-34': '25 to 34' } },
			gender: { question: 'Gender', options: { woman: 'Woman' } }
		}
	};
	const csv = excerptsCsv(excerptRows(records, codings, codes, coders, options), english, labels);
	const [header, ...body] = Papa.parse<string[]>(csv.trim()).data;

	it('writes a header with two columns per context key: the answer in words, and its code', () => {
		expect(header).toEqual([
			'Record',
			'Month approved',
			'Country',
			'Channel',
			'Language',
			'Session',
			'Group or individual',
			'Consent to quote',
			'Context: Age',
			'Context: Age (code)',
			'Context: Gender',
			'Context: Gender (code)',
			'Context: yearsSinceProtection',
			'Context: yearsSinceProtection (code)',
			'Answer index (from 0)',
			'Question domain',
			'Field kind',
			'Start (code point)',
			'End (code point, exclusive)',
			'Code path',
			'Code id',
			'Coder',
			'Text'
		]);
	});

	it('writes each excerpt with its record and coding', () => {
		expect(body[1]).toEqual([
			'r-arabic',
			'2026-01',
			'DE',
			'Berlin partner',
			'ar',
			'',
			'individual',
			'no',
			'',
			'',
			'',
			'',
			'1-2',
			'1-2',
			'0',
			'',
			'text',
			'15',
			'18',
			'Housing › Homelessness and emergency shelter',
			'shelter',
			'jonas.r',
			'بعد'
		]);
	});

	it('writes the label of each answer beside its code', () => {
		const labelled = body.find((row) => row.includes('25 to 34'));
		expect(labelled?.slice(8, 12)).toEqual(['25 to 34', '25-34', 'Woman', 'woman']);
	});

	it('puts an apostrophe before text a spreadsheet would run as a formula, even across lines', () => {
		const texts = body.map((row) => row[row.length - 1]);
		expect(texts).toContain("'=the caseworker");
		expect(texts).toContain("'- no papers");
		expect(csv).not.toMatch(/(^|,)"?=the/m);
	});

	it('keeps a multi-line excerpt in one cell', () => {
		const multiLine = excerptRows(
			[formulaRecord],
			[coding('r-formula', '2.text', 2, 21, 'housing')],
			codes,
			coders,
			options
		);
		const [, row] = Papa.parse<string[]>(excerptsCsv(multiLine, english).trim()).data;
		expect(row[row.length - 1]).toBe('no papers\n- no work');
	});

	it('writes only the header when there is nothing to export', () => {
		expect(Papa.parse<string[]>(excerptsCsv([], english).trim()).data).toHaveLength(1);
	});
});

describe('excerptsCsv in another language', () => {
	it('writes French headers and words in the same column order as English', () => {
		const french = exportWords('fr');
		const rows = excerptRows(records, codings, codes, coders, options);
		const [englishHeader] = Papa.parse<string[]>(excerptsCsv(rows, english).trim()).data;
		const [frenchHeader, firstRow] = Papa.parse<string[]>(excerptsCsv(rows, french).trim()).data;
		expect(frenchHeader).toHaveLength(englishHeader.length);
		expect(frenchHeader.slice(0, 3)).toEqual(['Témoignage', 'Mois d’approbation', 'Pays']);
		expect(frenchHeader.at(-1)).toBe('Texte');
		expect(frenchHeader.indexOf('Consentement à la citation')).toBe(englishHeader.indexOf('Consent to quote'));
		expect(['oui', 'non']).toContain(firstRow[7]);
	});
});
