import type { ContextLabels } from '$lib/context-labels';
import type { RecordAttribute } from '../labels';
import type { ProtectedTable } from '../small-numbers';

/* What an aggregate is asked for and what it gives: a protected, labelled table of counts. */

export type PatternOptions = {
	/** Count a child code's records and excerpts in its parent too (a record still counts once). */
	includeDescendants?: boolean;
	/** What context questions and answers are called, for a breakdown by context. */
	contextLabels?: ContextLabels;
};

export type BreakdownBy = RecordAttribute | `context:${string}`;

export type AggregateRow = {
	/** The code's id. */
	id: string;
	label: string;
	/** Names from the top-level code down, for places where the hierarchy cannot be shown by indenting. */
	path: string;
	/** `#rrggbb`. */
	colour: string;
	/** 0 for a top-level code. */
	depth: number;
};

export type AggregateColumn = {
	/** What the column stands for: a code id, a month, an attribute value; `''` for "not given". */
	id: string;
	label: string;
};

export type AggregateKind = 'frequencies' | 'breakdown' | 'co-occurrence' | 'over-time';

/** Any aggregate, protected and labelled, ready for a chart, a table or a CSV. */
export type AggregateTable = ProtectedTable & {
	kind: AggregateKind;
	title: string;
	/** One or two sentences on what is counted, for a caption or a note under the chart. */
	description: string;
	rowHeading: string;
	rows: AggregateRow[];
	columns: AggregateColumn[];
};
