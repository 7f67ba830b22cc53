import { tick } from 'svelte';
import { byPosition, CodeTree } from '$lib/research/codebook-tree';
import { today } from '$lib/research/labels';
import { breakdown, codeFrequencies, overTime, tryTable, wordTable, type AggregateTable } from '$lib/research/patterns';
import { quoteBank, quoteCitation, type Quote } from '$lib/research/quotes';
import { counted, formatCount, type Wording } from '$lib/research/wording';
import { showCount } from '$lib/research/small-numbers';
import { parseFieldAddress } from '$lib/research/types';
import type { ResearchWorkspace } from '../workspace.svelte';

/*
 * The quotes page's state: the quote bank (which code, how many quotes shown, copying with a
 * citation) and the printable theme report (its tables sliced from the whole codebook's, its
 * quotes spread over records, and recording every print in the audit log).
 */

/** Quotes listed per code before "Show more", so a large corpus does not flood the page. */
export const QUOTES_STEP = 10;
export const REPORT_QUOTES_PER_CODE = 3;
/** Lines the line chart can keep apart by their dash patterns. */
export const REPORT_LINES = 5;

const WITH_SUB_CODES = { includeDescendants: true };

/** A quote taken from a translation rather than from what the person said. */
export function translated(quote: Quote): boolean {
	const kind = parseFieldAddress(quote.field)?.kind;
	return kind === 'translation' || kind === 'englishTranslation';
}

/**
 * The rows of one theme from a table of the whole codebook. Its cells were protected with the
 * whole table, so showing fewer of them reveals nothing the Patterns page does not; totals
 * over the whole codebook are dropped since they are not the theme's.
 */
export function themeRows(table: AggregateTable, codeIds: readonly string[]): AggregateTable {
	const kept = table.rows.flatMap((row, i) => (codeIds.includes(row.id) ? [i] : []));
	return {
		...table,
		rows: kept.map((i) => table.rows[i]),
		cells: kept.map((i) => table.cells[i]),
		rowTotals: table.rowTotals && kept.map((i) => table.rowTotals![i]),
		columnTotals: null,
		grandTotal: null
	};
}

/** Up to `limit` quotes, from as many different records as there are. */
export function spreadQuotes(quotes: readonly Quote[], limit: number): Quote[] {
	const picked: Quote[] = [];
	const records = new Set<string>();
	for (const quote of quotes) {
		if (picked.length < limit && !records.has(quote.recordId)) {
			picked.push(quote);
			records.add(quote.recordId);
		}
	}
	for (const quote of quotes) if (picked.length < limit && !picked.includes(quote)) picked.push(quote);
	return picked;
}

/** Asks the server which of these open records have gone since the corpus opened, and drops them. */
export type Recheck = (recordIds: readonly string[]) => Promise<string[]>;

export class QuotesView {
	/**
	 * `recheck` runs before a quote is copied and before the report prints, so a testimony
	 * withdrawn after the workspace opened never leaves this browser in either.
	 */
	constructor(
		private readonly workspace: ResearchWorkspace,
		private readonly recheck: Recheck,
		private readonly wording: Wording
	) {}

	#reason(cause: unknown): string {
		return cause instanceof Error ? cause.message : this.wording.t('staff_analysis_unknown_error');
	}

	tree = $derived.by(() => new CodeTree(this.workspace.codes, { order: byPosition }));

	// Quote bank.

	bankCodeId = $state('');
	bankIncludesSubCodes = $state(false);
	shownPerCode = $state<Record<string, number>>({});
	copiedCodingId = $state('');
	copyStatus = $state('');
	copyProblem = $state('');

	bank = $derived.by(() =>
		quoteBank(this.workspace.records, this.workspace.codings, this.workspace.codes, {
			codeIds: this.bankCodeId ? [this.bankCodeId] : undefined,
			includeDescendants: this.bankIncludesSubCodes
		}).filter((entry) => entry.quotes.length > 0)
	);

	shownFor(codeId: string): number {
		return this.shownPerCode[codeId] ?? QUOTES_STEP;
	}

	showMore(codeId: string): void {
		this.shownPerCode[codeId] = this.shownFor(codeId) + QUOTES_STEP;
	}

	coderNames(quote: Quote): string {
		return quote.coderIds.map((id) => this.workspace.coderName(id)).join(', ');
	}

	/** Copies the quote with its citation, then records the copy in the audit log. */
	async copy(quote: Quote, writeText: (text: string) => Promise<void>): Promise<void> {
		const { t } = this.wording;
		this.copyStatus = this.copyProblem = '';
		try {
			if ((await this.recheck([quote.recordId])).length > 0) {
				this.copyProblem = t('staff_analysis_quotes_copy_withdrawn');
				return;
			}
		} catch (cause) {
			this.copyProblem = t('staff_analysis_quotes_copy_unchecked', { reason: this.#reason(cause) });
			return;
		}
		try {
			await writeText(`${quote.text}\n(${quoteCitation(quote, this.wording)})`);
		} catch {
			this.copyProblem = t('staff_analysis_quotes_copy_refused');
			return;
		}
		this.copiedCodingId = quote.codingId;
		try {
			await this.workspace.noteExport('quotes', 1);
			this.copyStatus = t('staff_analysis_quotes_copied');
		} catch (cause) {
			this.copyProblem = t('staff_analysis_quotes_copy_unrecorded', { reason: this.#reason(cause) });
		}
	}

	// Theme report.

	chosenThemeId = $state('');
	generatedOn = $state(today());
	reportProblem = $state('');
	reportNotice = $state('');
	printing = $state(false);
	/** Set while the button prints, so the print it starts is not recorded twice. */
	#recordedPrint = false;

	themes = $derived.by(() => this.tree.roots);
	theme = $derived(this.themes.find((node) => node.code.id === this.chosenThemeId) ?? this.themes[0]);
	themeCodeIds = $derived(this.theme ? this.tree.withDescendants(this.theme.code.id) : []);
	themeCodes = $derived(this.theme ? [this.theme, ...this.tree.descendants(this.theme.code.id)] : []);

	// Whole-codebook tables, with sub-codes counted in their theme; choosing a theme only slices them.
	allFrequencies = $derived.by(() => tryTable(() => codeFrequencies(...this.#corpus(), WITH_SUB_CODES)));
	allByCountry = $derived.by(() => tryTable(() => breakdown(...this.#corpus(), 'country', WITH_SUB_CODES)));
	allOverTime = $derived.by(() => tryTable(() => overTime(...this.#corpus(), WITH_SUB_CODES)));

	frequencies = $derived(this.allFrequencies.table && this.#themeTable(this.allFrequencies.table));
	byCountry = $derived(this.allByCountry.table && this.#themeTable(this.allByCountry.table, 'country'));
	monthly = $derived(this.allOverTime.table && this.#themeTable(this.allOverTime.table));
	reportProblems = $derived(
		[this.allFrequencies.problem, this.allByCountry.problem, this.allOverTime.problem].filter(
			(problem) => problem !== null
		)
	);

	/** As the protected frequency table shows it, so a hidden count is not given away here. */
	themeRecordsShown = $derived.by(() => {
		const row = this.frequencies?.rows.findIndex((code) => code.id === this.theme?.code.id) ?? -1;
		if (!this.frequencies || row === -1) return '';
		const count = this.frequencies.cells[row][0];
		return count.kind === 'count' ? formatCount(this.wording.locale(), count.value) : showCount(count);
	});
	/** The records the report draws on: checked for withdrawals before printing. */
	themeRecordIds = $derived.by(() => {
		const codeIds = new Set(this.themeCodeIds);
		const { codings, recordsById } = this.workspace;
		const drawnOn = codings.filter((coding) => codeIds.has(coding.codeId) && recordsById.has(coding.recordId));
		return [...new Set(drawnOn.map((coding) => coding.recordId))];
	});
	/** For the audit log only: how many records the report draws on. */
	themeRecordCount = $derived(this.themeRecordIds.length);

	reportQuotes = $derived.by(() =>
		quoteBank(...this.#corpus(), { codeIds: this.themeCodeIds }).map((entry) => ({
			...entry,
			quotes: spreadQuotes(entry.quotes, REPORT_QUOTES_PER_CODE)
		}))
	);

	/** Records the print in the audit log, and prints only once it is recorded. */
	async printReport(print: () => void): Promise<void> {
		if (!this.theme) return;
		const { t } = this.wording;
		this.reportProblem = this.reportNotice = '';
		this.printing = true;
		try {
			const gone = await this.recheck(this.themeRecordIds);
			if (gone.length > 0) {
				this.reportNotice = counted(
					this.wording,
					gone.length,
					'staff_analysis_report_withdrawn_one',
					'staff_analysis_report_withdrawn_other'
				);
				await tick();
			}
		} catch (cause) {
			this.reportProblem = t('staff_analysis_report_unchecked', { reason: this.#reason(cause) });
			this.printing = false;
			return;
		}
		try {
			await this.workspace.noteExport('theme-report', this.themeRecordCount);
		} catch (cause) {
			this.reportProblem = t('staff_analysis_report_unrecorded', { reason: this.#reason(cause) });
			return;
		} finally {
			this.printing = false;
		}
		this.#recordedPrint = true;
		print();
	}

	/** Printing from the browser's menu prints the same report, so it is recorded too. */
	beforePrint(): void {
		this.generatedOn = today();
		if (this.#recordedPrint || !this.theme) return;
		this.workspace.noteExport('theme-report', this.themeRecordCount).catch(() => {
			this.reportProblem = this.wording.t('staff_analysis_report_menu_unrecorded');
		});
	}

	afterPrint(): void {
		this.#recordedPrint = false;
	}

	/** A whole-codebook table sliced to the theme, in the staff member's words. */
	#themeTable(table: AggregateTable, by?: 'country'): AggregateTable {
		const byLabel = by && this.wording.t('staff_analysis_attribute_country');
		return wordTable(themeRows(table, this.themeCodeIds), this.wording, { ...WITH_SUB_CODES, by, byLabel });
	}

	#corpus() {
		return [this.workspace.records, this.workspace.codings, this.workspace.codes] as const;
	}
}
