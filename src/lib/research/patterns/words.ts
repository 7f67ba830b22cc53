import type { StaffMessageKey } from '$lib/staff-i18n';
import { formatMonth, type Wording } from '../wording';
import type { AggregateKind, AggregateTable, BreakdownBy } from './types';

/*
 * An aggregate in the staff member's language. The aggregates are built in English, the
 * language of the exported files; a page that shows one words it again here: title, note,
 * headings, the "not given" column and months in words.
 */

export type TableWording = {
	includeDescendants: boolean;
	/** For a breakdown: what it is broken down by, as the page names the choice. */
	by?: BreakdownBy;
	byLabel?: string;
};

const TITLES: Record<AggregateKind, StaffMessageKey> = {
	frequencies: 'staff_analysis_table_frequencies_title',
	breakdown: 'staff_analysis_table_breakdown_title',
	'co-occurrence': 'staff_analysis_table_co_occurrence_title',
	'over-time': 'staff_analysis_table_over_time_title'
};
const DESCRIPTIONS: Record<AggregateKind, StaffMessageKey> = {
	frequencies: 'staff_analysis_table_frequencies_description',
	breakdown: 'staff_analysis_table_breakdown_description',
	'co-occurrence': 'staff_analysis_table_co_occurrence_description',
	'over-time': 'staff_analysis_table_over_time_description'
};
const COLUMNS: Record<string, StaffMessageKey> = {
	records: 'staff_analysis_table_records',
	excerpts: 'staff_analysis_table_excerpts'
};
const NOT_GIVEN: Record<string, StaffMessageKey> = {
	country: 'staff_analysis_not_given_country',
	locale: 'staff_analysis_not_given_language',
	session: 'staff_analysis_not_given_session',
	month: 'staff_analysis_not_given_month'
};

export function wordTable(table: AggregateTable, wording: Wording, options: TableWording): AggregateTable {
	const { t } = wording;
	const locale = wording.locale();
	const by = (options.byLabel ?? '').toLocaleLowerCase(locale);
	const description = [
		t(DESCRIPTIONS[table.kind], { by }),
		t(options.includeDescendants ? 'staff_analysis_table_with_sub_codes' : 'staff_analysis_table_without_sub_codes'),
		t('staff_analysis_table_protection')
	].join(' ');
	const monthly = table.kind === 'over-time' || (table.kind === 'breakdown' && options.by === 'month');
	const columnLabel = (id: string, label: string): string => {
		if (table.kind === 'frequencies' && COLUMNS[id]) return t(COLUMNS[id]);
		if (table.kind === 'breakdown' && id === '') return t(NOT_GIVEN[options.by ?? ''] ?? 'staff_analysis_not_given');
		return monthly ? formatMonth(locale, id, 'short') : label;
	};
	return {
		...table,
		title: t(TITLES[table.kind], { by }),
		description,
		rowHeading: t('staff_analysis_code'),
		columns: table.columns.map((column) => ({ ...column, label: columnLabel(column.id, column.label) }))
	};
}
