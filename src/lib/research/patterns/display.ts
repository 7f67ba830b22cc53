import type { AggregateTable } from './types';

/* Helpers for pages that draw aggregates: a table or the reason it failed, session labels, colours. */

/** A table, or why it could not be built, for pages that show the reason in its place. */
export type TableOutcome = { table: AggregateTable; problem: null } | { table: null; problem: string };

export function tryTable(build: () => AggregateTable): TableOutcome {
	try {
		return { table: build(), problem: null };
	} catch (cause) {
		return { table: null, problem: cause instanceof Error ? cause.message : 'This table could not be built.' };
	}
}

/** A breakdown by session has session ids as its columns; a researcher reads them by label. */
export function withSessionLabels(table: AggregateTable, sessionLabel: (sessionId: string) => string): AggregateTable {
	return {
		...table,
		columns: table.columns.map((column) => (column.id ? { ...column, label: sessionLabel(column.id) } : column))
	};
}

/** A code colour fit for an SVG `fill`, or the text colour when the stored one is not `#rrggbb`. */
export function svgColour(colour: string): string {
	return /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : 'currentColor';
}
