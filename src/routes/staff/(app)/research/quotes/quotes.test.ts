import { describe, expect, it, vi } from 'vitest';
import type { Quote } from '$lib/research/quotes';
import { staffDictionary } from '$lib/server/i18n/staff';
import { staffTranslator } from '$lib/staff-i18n';
import { amina, answer, code, coding, jonas, record, workspaceWith } from '../testing';
import { QuotesView, spreadQuotes, themeRows, translated } from './quotes.svelte';

const TEXT = 'Le propriétaire a refusé parce que je suis réfugiée, et la caution était trop chère.';
const records = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((id) =>
	record(id, {
		consentToQuote: id !== 'r3',
		answers: [answer(TEXT, { translation: 'The landlord refused because I am a refugee.' })]
	})
);
const codes = [code('work', 'Work', 1), code('housing', 'Housing', 0), code('deposit', 'Deposit', 0, 'housing')];
const codings = [
	...records.map((item) => coding(item.id, 'housing', amina.id, 0, 26)),
	coding('r1', 'deposit', jonas.id, 67, 83),
	coding('r2', 'deposit', amina.id, 0, 3, '0.translation'),
	coding('r3', 'work', jonas.id, 0, 14)
];

/** Withdrawn since the workspace opened, as the server would answer; `null` when it cannot be reached. */
function view(withdrawn: string[] | null = [], locale: 'en' | 'fr' = 'en') {
	const workspace = workspaceWith(records, { codes, codings });
	const noteExport = vi.spyOn(workspace, 'noteExport').mockResolvedValue({ ok: true });
	const recheck = vi.fn(async (ids: readonly string[]) => {
		if (!withdrawn) throw new Error('the server did not answer');
		const gone = ids.filter((id) => withdrawn.includes(id));
		workspace.forgetRecords(gone);
		return gone;
	});
	const wording = { t: staffTranslator(staffDictionary(locale)), locale: () => locale };
	return { quotes: new QuotesView(workspace, recheck, wording), noteExport, recheck };
}

describe('the quote bank', () => {
	it('lists the codes with quotable passages in codebook order, or one code with its sub-codes when asked', () => {
		const { quotes } = view();
		expect(quotes.bank.map((entry) => [entry.codePath, entry.quotes.length])).toEqual([
			['Housing', 5],
			['Housing › Deposit', 2]
		]);
		quotes.bankCodeId = 'housing';
		quotes.bankIncludesSubCodes = true;
		expect(quotes.bank.map((entry) => [entry.codeId, entry.quotes.length])).toEqual([['housing', 7]]);
		quotes.bankCodeId = 'work';
		// The only passage coded with Work is in a record whose author did not agree to quoting.
		expect(quotes.bank).toEqual([]);
	});

	it('shows ten quotes per code, then ten more on request', () => {
		const { quotes } = view();
		expect(quotes.shownFor('housing')).toBe(10);
		quotes.showMore('housing');
		expect(quotes.shownFor('housing')).toBe(20);
		expect(quotes.shownFor('deposit')).toBe(10);
	});

	it('copies a quote with its citation and records the copy', async () => {
		const { quotes, noteExport } = view();
		const writeText = vi.fn(async () => {});
		const [quote] = quotes.bank[0].quotes;
		await quotes.copy(quote, writeText);
		expect(writeText).toHaveBeenCalledWith('Le propriétaire a refusé p\n(Survivor, FR, fr, March 2026)');
		expect(noteExport).toHaveBeenCalledWith('quotes', 1);
		expect(quotes.copiedCodingId).toBe(quote.codingId);
		expect(quotes.copyStatus).toBe('Quote copied with its citation.');
		expect(quotes.coderNames(quote)).toBe('amina.k');
	});

	it('says so when the clipboard refuses, and records nothing', async () => {
		const { quotes, noteExport } = view();
		await quotes.copy(quotes.bank[0].quotes[0], async () => Promise.reject(new Error('denied')));
		expect(quotes.copyProblem).toMatch(/^The quote could not be copied/);
		expect(noteExport).not.toHaveBeenCalled();
	});

	it('says so when a copy could not be recorded in the audit log', async () => {
		const { quotes, noteExport } = view();
		noteExport.mockRejectedValue(new Error('The server is unreachable.'));
		await quotes.copy(quotes.bank[0].quotes[0], async () => {});
		expect(quotes.copyStatus).toBe('');
		expect(quotes.copyProblem).toBe(
			'The quote was copied, but the copy could not be recorded in the audit log: The server is unreachable..'
		);
	});
});

describe('a testimony withdrawn after the workspace opened', () => {
	it('is never copied: the quote is refused and nothing is recorded', async () => {
		const { quotes, noteExport } = view(['r1']);
		const writeText = vi.fn(async () => {});
		const quote = quotes.bank[0].quotes.find((item) => item.recordId === 'r1')!;
		await quotes.copy(quote, writeText);
		expect(writeText).not.toHaveBeenCalled();
		expect(noteExport).not.toHaveBeenCalled();
		expect(quotes.copyProblem).toBe(
			'The quote was not copied: its testimony has been withdrawn since the workspace opened.'
		);
		expect(quotes.bank[0].quotes.map((item) => item.recordId)).not.toContain('r1');
	});

	it('is left out of the printed report, which says so', async () => {
		const { quotes, noteExport, recheck } = view(['r1', 'r2']);
		const print = vi.fn();
		await quotes.printReport(print);
		expect(recheck).toHaveBeenCalledWith(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
		expect(noteExport).toHaveBeenCalledWith('theme-report', 4);
		expect(print).toHaveBeenCalledOnce();
		expect(quotes.reportNotice).toBe('2 records withdrawn since the workspace opened are left out of the report.');
		expect(quotes.reportQuotes.flatMap((entry) => entry.quotes.map((quote) => quote.recordId))).not.toContain('r1');
	});

	it('stops a copy or a print when the server cannot be asked', async () => {
		const { quotes, noteExport } = view(null);
		const writeText = vi.fn(async () => {});
		const print = vi.fn();
		await quotes.copy(quotes.bank[0].quotes[0], writeText);
		await quotes.printReport(print);
		expect(writeText).not.toHaveBeenCalled();
		expect(print).not.toHaveBeenCalled();
		expect(noteExport).not.toHaveBeenCalled();
		expect(quotes.copyProblem).toMatch(/^The quote was not copied: this browser could not check/);
		expect(quotes.reportProblem).toMatch(/^The report was not printed: this browser could not check/);
		expect(quotes.printing).toBe(false);
	});
});

describe('the theme report', () => {
	it('reports on the first theme until another is chosen, with its codes below it', () => {
		const { quotes } = view();
		expect(quotes.theme?.code.id).toBe('housing');
		expect(quotes.themeCodes.map((node) => node.path)).toEqual(['Housing', 'Housing › Deposit']);
		quotes.chosenThemeId = 'work';
		expect(quotes.themeCodeIds).toEqual(['work']);
	});

	it('slices the whole codebook’s protected tables to the theme and counts its records only as they show', () => {
		const { quotes } = view();
		expect(quotes.frequencies?.rows.map((row) => row.id)).toEqual(['housing', 'deposit']);
		expect(quotes.frequencies?.columnTotals).toBeNull();
		// Six records have the theme, but with Deposit's 2 hidden as <5 the 6 is hidden too, so the report shows —.
		expect(quotes.themeRecordsShown).toBe('—');
		expect(quotes.themeRecordCount).toBe(6);
		expect(quotes.reportProblems).toEqual([]);
		quotes.chosenThemeId = 'work';
		expect(quotes.themeRecordsShown).toBe('<5');
	});

	it('words its tables in the staff member’s language, months in words', () => {
		const { quotes } = view([], 'fr');
		expect(quotes.frequencies?.title).toBe('Fiches et extraits par code');
		expect(quotes.frequencies?.columns.map((column) => column.label)).toEqual(['Fiches', 'Extraits']);
		expect(quotes.byCountry?.title).toBe('Fiches par code selon : pays');
		expect(quotes.monthly?.columns.map((column) => column.label)).toEqual(['mars 2026']);
		expect(quotes.monthly?.rowHeading).toBe('Code');
	});

	it('quotes up to three passages per code, from different records first', () => {
		const { quotes } = view();
		expect(quotes.reportQuotes.map((entry) => [entry.codeId, entry.quotes.map((quote) => quote.recordId)])).toEqual([
			['housing', ['r1', 'r2', 'r4']],
			['deposit', ['r1', 'r2']]
		]);
		expect(translated(quotes.reportQuotes[1].quotes[1])).toBe(true);
	});

	it('prints only once the print is recorded, and records a print from the browser menu once', async () => {
		const { quotes, noteExport } = view();
		const print = vi.fn();
		await quotes.printReport(print);
		expect(noteExport).toHaveBeenCalledWith('theme-report', 6);
		expect(print).toHaveBeenCalledOnce();
		quotes.beforePrint();
		expect(noteExport).toHaveBeenCalledTimes(1);
		quotes.afterPrint();
		quotes.beforePrint();
		expect(noteExport).toHaveBeenCalledTimes(2);

		noteExport.mockRejectedValue(new Error('offline'));
		await quotes.printReport(print);
		expect(print).toHaveBeenCalledOnce();
		expect(quotes.reportProblem).toMatch(
			/not printed because the print could not be recorded in the audit log: offline/
		);
		expect(quotes.printing).toBe(false);
	});
});

describe('report helpers', () => {
	const quote = (codingId: string, recordId: string) => ({ codingId, recordId }) as Quote;

	it('spreads quotes over records before taking a second from any', () => {
		const quotes = [quote('a', 'r1'), quote('b', 'r1'), quote('c', 'r2'), quote('d', 'r2')];
		expect(spreadQuotes(quotes, 3).map((item) => item.codingId)).toEqual(['a', 'c', 'b']);
		expect(spreadQuotes(quotes, 1).map((item) => item.codingId)).toEqual(['a']);
	});

	it('keeps a theme’s rows of a table and drops totals that are not the theme’s', () => {
		const { quotes } = view();
		const table = quotes.allFrequencies.table!;
		const sliced = themeRows(table, ['deposit']);
		expect(sliced.rows.map((row) => row.id)).toEqual(['deposit']);
		expect(sliced.cells).toEqual([table.cells[table.rows.findIndex((row) => row.id === 'deposit')]]);
		expect([sliced.columnTotals, sliced.grandTotal]).toEqual([null, null]);
	});
});
