/*
 * Patterns across the decrypted corpus: how often codes are applied, by whom (country,
 * language, session, month, context) and together. Every count is a number of records unless
 * said otherwise, and every table goes through small-number protection before anyone sees it.
 * Codings that point at a record or code outside the ones passed in are ignored, so a caller
 * narrows the corpus or the codebook by what it passes.
 */
export { breakdown, codeFrequencies, coOccurrence, overTime, UnknownBreakdownError } from './aggregates';
export { aggregatesCsv, aggregatesLongCsv, csvCount, FORMULA_START } from './csv';
export {
	barChartLayout,
	CHART_FONT,
	heatmapLayout,
	lineChartLayout,
	MAX_CHART_HEIGHT,
	shortLabel
} from './chart-layout';
export type { BarChartLayout, HeatmapLayout, LineChartLayout } from './chart-layout';
export { svgColour, tryTable, withSessionLabels } from './display';
export { wordTable } from './words';
export type { TableOutcome } from './display';
export type {
	AggregateColumn,
	AggregateKind,
	AggregateRow,
	AggregateTable,
	BreakdownBy,
	PatternOptions
} from './types';
