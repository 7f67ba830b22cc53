import { exportWords } from '../testing';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	aggregatesCsv,
	aggregatesLongCsv,
	breakdown,
	coOccurrence,
	codeFrequencies,
	csvCount,
	overTime,
	UnknownBreakdownError,
	type AggregateTable,
	type BreakdownBy
} from '.';
import type { ProtectedCount } from '../small-numbers';
import type { Code, Coding, CorpusRecord } from '../types';
import { code } from '../testing';

const count = (value: number): ProtectedCount => ({ kind: 'count', value });
const small: ProtectedCount = { kind: 'suppressed', label: '<5' };
const hidden: ProtectedCount = { kind: 'suppressed', label: '—' };

const SENTENCES = [
	'The office kept my residence card for three months and I could not sign a lease.',
	'Je travaille la nuit dans une cuisine, sans contrat.',
	'لم أجد مكاناً للسكن بعد أن حصلت على الحماية.',
	'Mi hanno chiesto un certificato di nascita che non posso avere.',
	'ለስራ ቋንቋ መማር ያስፈልገኛል።'
];

function record(id: string, fields: Partial<Omit<CorpusRecord, 'id' | 'answers'>> = {}): CorpusRecord {
	const text = SENTENCES[id.length % SENTENCES.length];
	return {
		id,
		month: '2026-01',
		channelId: 'channel-fr',
		country: 'FR',
		locale: 'fr',
		sessionId: null,
		consentToQuote: false,
		group: null,
		context: {},
		translationLocale: 'en',
		answers: [
			{
				questionId: 'obstacles',
				questionVersion: 1,
				domain: null,
				text,
				transcript: '',
				translation: text,
				englishTranslation: text
			}
		],
		...fields
	};
}

let codingSerial = 0;
/** One coding of the code per record listed; a record listed twice gets two excerpts. */
function codingsOf(codeId: string, recordIds: string[]): Coding[] {
	return recordIds.map((recordId) => ({
		id: `c${++codingSerial}`,
		recordId,
		field: '0.text',
		start: 0,
		end: 8,
		codeId,
		coderId: 'coder-a'
	}));
}

const ids = (prefix: string, from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, k) => `${prefix}${from + k}`);

const english = exportWords('en');

describe('codeFrequencies', () => {
	const records = ids('r', 1, 12).map((id) => record(id));
	const codes = [
		code('housing', 'Housing', 1),
		code('access', 'Access after status', 0, 'housing'),
		code('shelter', 'Emergency shelter', 1, 'housing'),
		code('work', 'Work and income', 2),
		code('docs', 'Documents and civil status', 0)
	];
	const codings = [
		...codingsOf('docs', [...ids('r', 1, 6), 'r1', 'r1']),
		...codingsOf('housing', ['r1', 'r2']),
		...codingsOf('access', ids('r', 3, 9)),
		...codingsOf('shelter', ['r10']),
		...codingsOf('work', [...ids('r', 1, 5), 'r11', 'r12', 'r11', 'r11'])
	];

	it('lists codes by position with children under their parent', () => {
		const table = codeFrequencies(records, codings, codes);
		expect(table.rows.map((row) => [row.id, row.depth])).toEqual([
			['docs', 0],
			['housing', 0],
			['access', 1],
			['shelter', 1],
			['work', 0]
		]);
		expect(table.rows[2].path).toBe('Housing › Access after status');
	});

	it('counts records and excerpts per code and hides those from 1 to 4', () => {
		const table = codeFrequencies(records, codings, codes);
		expect(table.cells).toEqual([
			[count(6), count(8)],
			[small, small],
			[count(7), count(7)],
			[small, small],
			[count(7), count(9)]
		]);
		expect(table.columnTotals).toEqual([count(12), count(27)]);
	});

	it('counts a child code in its parent once per record when asked to', () => {
		const table = codeFrequencies(records, codings, codes, { includeDescendants: true });
		expect(table.cells[1]).toEqual([count(10), count(10)]);
		expect(table.cells[3]).toEqual([small, small]);
		expect(table.columnTotals).toEqual([count(12), count(27)]);
	});

	it('hides a second count when a total would reveal the only hidden one', () => {
		const table = codeFrequencies(
			records,
			[
				...codingsOf('docs', ids('r', 1, 6)),
				...codingsOf('work', ids('r', 1, 9)),
				...codingsOf('shelter', ['r10', 'r11'])
			],
			codes
		);
		// Excerpts 6 + 9 + 2 = 17: with the total shown, the 2 needs a companion; 6 is the smallest.
		expect(table.cells.map((row) => row[1])).toEqual([hidden, count(0), count(0), small, count(9)]);
		expect(table.columnTotals?.[1]).toEqual(count(17));
	});

	it('ignores codings of records or codes outside the ones given', () => {
		const table = codeFrequencies(
			records.slice(0, 2),
			[...codingsOf('docs', ['r1', 'r2', 'r99']), ...codingsOf('retired', ['r1'])],
			codes
		);
		expect(table.cells[0]).toEqual([small, small]);
		expect(table.columnTotals).toEqual([small, small]);
	});
});

describe('breakdown', () => {
	const records = [
		...ids('f', 1, 8).map((id) => record(id, { country: 'FR', context: id === 'f1' ? {} : { ageBand: '25-34' } })),
		...ids('i', 1, 6).map((id) => record(id, { country: 'IT', locale: 'ti', context: { ageBand: '18-24' } }))
	];
	const codes = [code('docs', 'Documents and civil status', 0), code('work', 'Work and income', 1)];
	const codings = [
		...codingsOf('docs', [...ids('f', 1, 6), 'i1', 'i2']),
		...codingsOf('work', [...ids('f', 1, 5), ...ids('i', 1, 6)])
	];

	it('counts records per code and country, with totals of distinct records', () => {
		const table = breakdown(records, codings, codes, 'country');
		expect(table.columns).toEqual([
			{ id: 'FR', label: 'FR' },
			{ id: 'IT', label: 'IT' }
		]);
		// Raw: docs 6 and 2 (total 8), work 5 and 6 (total 11); 6 and 6 distinct coded records per
		// country, 12 in all. The 2 is hidden; each line left with one hidden count gets another.
		expect(table.cells).toEqual([
			[hidden, small],
			[hidden, hidden]
		]);
		expect(table.rowTotals).toEqual([count(8), count(11)]);
		expect(table.columnTotals).toEqual([count(6), count(6)]);
		expect(table.grandTotal).toEqual(count(12));
	});

	it('puts records without the attribute in a last "not given" column', () => {
		const table = breakdown(records, codings, codes, 'context:ageBand');
		expect(table.columns.map((column) => column.label)).toEqual(['18-24', '25-34', 'Not given']);
		expect(table.columns[2].id).toBe('');
		expect(breakdown(records, codings, codes, 'session').columns).toEqual([{ id: '', label: 'No session' }]);
	});

	it('names a context breakdown and its columns in words, keeping the codes as column ids', () => {
		const contextLabels = {
			preferNot: 'Prefer not to say',
			questions: { ageBand: { question: 'How old are you?', options: { '18-24': '18 to 24', '25-34': '25 to 34' } } }
		};
		const table = breakdown(records, codings, codes, 'context:ageBand', { contextLabels });
		expect(table.title).toBe('Records per code by answer to “How old are you?”');
		expect(table.columns).toEqual([
			{ id: '18-24', label: '18 to 24' },
			{ id: '25-34', label: '25 to 34' },
			{ id: '', label: 'Not given' }
		]);
	});

	it('refuses an attribute it does not know', () => {
		expect(() => breakdown(records, codings, codes, 'gender' as BreakdownBy)).toThrow(UnknownBreakdownError);
		expect(() => breakdown(records, codings, codes, 'toString' as BreakdownBy)).toThrow(UnknownBreakdownError);
		expect(() => breakdown(records, codings, codes, 'context:')).toThrow(/context:<key>/);
	});
});

describe('coOccurrence', () => {
	const records = [...ids('f', 1, 8), ...ids('i', 1, 6)].map((id) => record(id));
	const codes = [code('docs', 'Documents', 0), code('work', 'Work', 1), code('housing', 'Housing', 2)];
	const codings = [
		...codingsOf('docs', [...ids('f', 1, 6), 'i1', 'i2']),
		...codingsOf('work', [...ids('f', 1, 5), ...ids('i', 1, 6)]),
		...codingsOf('housing', ['f1', 'i3', 'f1'])
	];

	it('counts the records where both codes are applied, with records per code on the diagonal', () => {
		const table = coOccurrence(records, codings, codes);
		expect(table.cells).toEqual([
			[count(8), count(7), small],
			[count(7), count(11), small],
			[small, small, small]
		]);
		expect(table.columns.map((column) => column.id)).toEqual(['docs', 'work', 'housing']);
		expect(table.rowTotals).toBeNull();
	});
});

describe('overTime', () => {
	const records = [
		...ids('n', 1, 6).map((id) => record(id, { month: '2025-11' })),
		...ids('j', 1, 7).map((id) => record(id, { month: '2026-01' }))
	];
	const codes = [code('docs', 'Documents', 0)];

	it('counts records per code per month, including months with no records', () => {
		const table = overTime(records, codingsOf('docs', [...ids('n', 1, 6), 'j1', 'j2']), codes);
		expect(table.columns.map((column) => column.id)).toEqual(['2025-11', '2025-12', '2026-01']);
		expect(table.cells).toEqual([[count(6), count(0), small]]);
	});

	it('has no columns for an empty corpus', () => {
		expect(overTime([], [], codes).columns).toEqual([]);
	});
});

describe('aggregatesCsv', () => {
	const records = ids('r', 1, 9).map((id) => record(id));
	const codes = [
		code('a', '=HYPERLINK("http://example.org","open")', 0),
		code('b', '-Debt to recruiters', 1),
		code('c', 'السكن, والإقامة', 2),
		code('d', '@work\nnights', 3)
	];
	const codings = [
		...codingsOf('a', ids('r', 1, 6)),
		...codingsOf('b', ['r7', 'r8']),
		...codingsOf('c', ids('r', 1, 9)),
		...codingsOf('d', ids('r', 1, 5))
	];

	it('writes a header, one row per code, totals, "<5" and "suppressed"', () => {
		const rows = Papa.parse<string[]>(aggregatesCsv(codeFrequencies(records, codings, codes), english), {
			skipEmptyLines: true
		}).data;
		// Records 6, 2, 9, 5 of 9 distinct; excerpts 6, 2, 9, 5 of 22: the 2 needs a companion in each.
		expect(rows[0]).toEqual(['Code', 'Records', 'Excerpts']);
		expect(rows.slice(1).map((row) => row.slice(1))).toEqual([
			['6', '6'],
			['<5', '<5'],
			['9', '9'],
			['suppressed', 'suppressed'],
			['9', '22']
		]);
		expect(rows[rows.length - 1][0]).toBe('Total');
	});

	it('defuses code names a spreadsheet would run as a formula, even across a line break', () => {
		const rows = Papa.parse<string[]>(aggregatesCsv(codeFrequencies(records, codings, codes), english), {
			skipEmptyLines: true
		}).data;
		expect(rows.slice(1, 5).map((row) => row[0])).toEqual([
			`'=HYPERLINK("http://example.org","open")`,
			"'-Debt to recruiters",
			'السكن, والإقامة',
			"'@work\nnights"
		]);
	});

	it('writes the table long on request: one row per count, each column named in words and by its code', () => {
		const contextLabels = {
			preferNot: 'Prefer not to say',
			questions: { ageBand: { question: 'How old are you?', options: { '18-24': '18 to 24' } } }
		};
		const aged = records.map((held, index): CorpusRecord => ({
			...held,
			context: index < 6 ? { ageBand: '18-24' } : {}
		}));
		const table = breakdown(aged, codings, codes, 'context:ageBand', { contextLabels });
		const rows = Papa.parse<string[]>(aggregatesLongCsv(table, english), { skipEmptyLines: true }).data;
		expect(rows[0]).toEqual(['Code', 'Column', 'Column code', 'Count']);
		// Code c is in all nine records: six aged 18 to 24, three who did not say. Beside the total,
		// the six would give the three away, so it is hidden too, as in the wide table.
		expect(rows.filter((row) => row[0] === 'السكن, والإقامة')).toEqual([
			['السكن, والإقامة', '18 to 24', '18-24', 'suppressed'],
			['السكن, والإقامة', 'Not given', '', '<5'],
			['السكن, والإقامة', 'Total', '', '9']
		]);
		expect(rows.at(-1)).toEqual(['Total', 'Total', '', '9']);
		expect(rows.slice(1).map((row) => row[0])).toContain(`'=HYPERLINK("http://example.org","open")`);
		expect(rows).toHaveLength(1 + codes.length * (table.columns.length + 1) + table.columns.length + 1);
	});

	it('writes a "—" as "suppressed" and a "<5" as itself', () => {
		expect(csvCount(hidden, english)).toBe('suppressed');
		expect(csvCount(small, english)).toBe('<5');
		expect(csvCount(count(0), english)).toBe('0');
	});
});

/** A corpus built to be full of counts from 1 to 4: many cells, few records each. */
function sparseCorpus(): { records: CorpusRecord[]; codings: Coding[]; codes: Code[] } {
	const countries = ['FR', 'IT', 'NL', 'CZ'];
	const locales = ['ar', 'ti', 'fr', 'so', 'fa-AF'];
	const months = ['2025-09', '2025-10', '2025-12', '2026-01', '2026-02', '2026-03'];
	const records = Array.from({ length: 46 }, (_, k) =>
		record(`r${k}`, {
			country: countries[k % 4],
			locale: locales[(k * 3) % 5],
			month: months[(k * 5) % 6],
			sessionId: k % 3 === 0 ? `session-${k % 4}` : null,
			context: k % 5 === 0 ? {} : { ageBand: ['18-24', '25-34', '35-49'][k % 3], gender: k % 2 ? 'woman' : 'man' }
		})
	);
	const codes = [
		code('rights', 'Rights and legal status', 0),
		code('permit', 'Permit and renewal', 0, 'rights'),
		code('reunion', 'Family reunification', 1, 'rights'),
		code('safety', 'Safety and stability', 1),
		code('debt', 'Debt bondage', 0, 'safety'),
		code('housing', 'Housing', 2),
		code('shelter', 'Emergency shelter', 0, 'housing'),
		code('renting', 'Discrimination in renting', 1, 'housing'),
		code('work', 'Work and income', 3)
	];
	const codings: Coding[] = [];
	records.forEach((r, k) => {
		codes.forEach((c, n) => {
			const times = (k * (n + 2) + n * 7) % 13;
			if (times < 3)
				codings.push(
					...codingsOf(
						c.id,
						Array.from({ length: times + 1 }, () => r.id)
					)
				);
		});
	});
	return { records, codings, codes };
}

function everyAggregate(): AggregateTable[] {
	const { records, codings, codes } = sparseCorpus();
	const bys: BreakdownBy[] = ['country', 'locale', 'session', 'month', 'context:ageBand', 'context:gender'];
	return [false, true].flatMap((includeDescendants) => [
		codeFrequencies(records, codings, codes, { includeDescendants }),
		coOccurrence(records, codings, codes, { includeDescendants }),
		overTime(records, codings, codes, { includeDescendants }),
		...bys.map((by) => breakdown(records, codings, codes, by, { includeDescendants }))
	]);
}

describe('every aggregate', () => {
	it('never shows a count from 1 to 4 in any aggregate or its CSV', () => {
		let smallOnes = 0;
		let shown = 0;
		for (const table of everyAggregate()) {
			const counts = [
				...table.cells.flat(),
				...(table.rowTotals ?? []),
				...(table.columnTotals ?? []),
				...(table.grandTotal ? [table.grandTotal] : [])
			];
			for (const c of counts) {
				if (c.kind === 'count') {
					expect(c.value === 0 || c.value >= 5, `${table.title}: ${c.value}`).toBe(true);
					if (c.value > 0) shown++;
				} else if (c.label === '<5') smallOnes++;
			}
			const [, ...rows] = Papa.parse<string[]>(aggregatesCsv(table, english), { skipEmptyLines: true }).data;
			for (const row of rows) {
				for (const field of row.slice(1))
					expect(field, `${table.title} CSV`).toMatch(/^(0|[5-9]|[1-9]\d+|<5|suppressed|)$/);
			}
			const [, ...longRows] = Papa.parse<string[]>(aggregatesLongCsv(table, english), { skipEmptyLines: true }).data;
			for (const row of longRows)
				expect(row[3], `${table.title} long CSV`).toMatch(/^(0|[5-9]|[1-9]\d+|<5|suppressed)$/);
		}
		// The corpus must really be full of small counts, and protection must not hide everything.
		expect(smallOnes).toBeGreaterThan(100);
		expect(shown).toBeGreaterThan(50);
	});

	it('keeps the co-occurrence matrix symmetric after protection', () => {
		for (const table of everyAggregate().filter((t) => t.kind === 'co-occurrence')) {
			table.cells.forEach((row, a) => row.forEach((c, b) => expect(c).toEqual(table.cells[b][a])));
		}
	});
});

describe('aggregate CSVs in another language', () => {
	it('writes Czech headers and hidden counts', () => {
		const czech = exportWords('cs');
		const records = ids('r', 1, 6).map((id) => record(id));
		const table = codeFrequencies(records, codingsOf('housing', ids('r', 1, 6)), [code('housing', 'Housing', 0)]);
		const [header] = Papa.parse<string[]>(aggregatesLongCsv(table, czech), { skipEmptyLines: true }).data;
		expect(header.slice(1)).toEqual(['Sloupec', 'Kód sloupce', 'Počet']);
		expect(csvCount(hidden, czech)).toBe('skryto');
	});
});
