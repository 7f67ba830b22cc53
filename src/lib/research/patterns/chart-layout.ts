/*
 * Where the Patterns charts put things, in CSS pixels. Charts are drawn at one drawing unit per
 * pixel, never scaled to their container: text keeps the same size however many codes, months or
 * countries there are, rows keep a fixed height, and a chart taller or wider than its budget
 * scrolls inside its own region (the heatmap keeps its row and column labels in view) instead of
 * stretching the page. The numbers are pure so they can be tested at any shape of data.
 */

/** Font sizes of every chart, in pixels: fixed, so no data shape can blow them up. */
export const CHART_FONT = { label: 13, axis: 12, value: 11 } as const;
/** The tallest a chart's visible region grows before it scrolls inside itself. */
export const MAX_CHART_HEIGHT = 480;
/** What a chart measures before its container does (first paint, print preview). */
export const DEFAULT_CHART_WIDTH = 640;
/** Below this a chart does not get narrower: the page around it scrolls sideways instead. */
export const MIN_CHART_WIDTH = 200;

/** Average advance of a character at the label size, to cut labels before they overflow. */
const CHARACTER_WIDTH = 7;
const PAD = 4;
/** A horizontal scrollbar's height, kept free below a grid that scrolls sideways. */
const SCROLLBAR = 16;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
/** A width measured as 0 (not laid out yet) or NaN counts as unknown. */
const usable = (width: number) => (Number.isFinite(width) && width > 0 ? width : DEFAULT_CHART_WIDTH);
const charactersIn = (pixels: number) => Math.max(3, Math.floor(pixels / CHARACTER_WIDTH));

export type BarChartLayout = {
	width: number;
	/** The whole drawing; the region shows at most `viewportHeight` of it. */
	height: number;
	viewportHeight: number;
	scrolls: boolean;
	rowHeight: number;
	barHeight: number;
	/** Labels sit in a column left of the bars on a wide chart, above each bar on a narrow one. */
	labelsAbove: boolean;
	labelX: number;
	maxLabelCharacters: number;
	barX: number;
	/** The longest bar: room is kept after it for the count. */
	barSpace: number;
	/** Offsets within a row: the label's baseline and the bar's top. */
	labelBaseline: number;
	barTop: number;
};

const BAR = { height: 16, rowBeside: 28, rowAbove: 42, valueSpace: 48, wideFrom: 480, maxWidth: 720 } as const;

/** Horizontal bars, one a row, at a fixed row height whatever the number of rows, at most 720 px wide. */
export function barChartLayout(rows: number, availableWidth: number): BarChartLayout {
	const width = clamp(usable(availableWidth), MIN_CHART_WIDTH, BAR.maxWidth);
	const labelsAbove = width < BAR.wideFrom;
	const labelColumn = labelsAbove ? 0 : Math.round(clamp(width * 0.34, 140, 240));
	const rowHeight = labelsAbove ? BAR.rowAbove : BAR.rowBeside;
	const height = 2 * PAD + Math.max(rows, 1) * rowHeight;
	const barX = PAD + labelColumn;
	return {
		width,
		height,
		viewportHeight: Math.min(height, MAX_CHART_HEIGHT),
		scrolls: height > MAX_CHART_HEIGHT,
		rowHeight,
		barHeight: BAR.height,
		labelsAbove,
		labelX: PAD,
		maxLabelCharacters: charactersIn((labelsAbove ? width : labelColumn) - 2 * PAD),
		barX,
		barSpace: Math.max(width - barX - PAD - BAR.valueSpace, 40),
		labelBaseline: labelsAbove ? 16 : Math.round((rowHeight + CHART_FONT.label) / 2) - 1,
		barTop: labelsAbove ? 21 : Math.round((rowHeight - BAR.height) / 2)
	};
}

export type HeatmapLayout = {
	/** The row labels' column, kept in view when the grid scrolls sideways. */
	labelWidth: number;
	/** The column headings' band, kept in view when the grid scrolls down. */
	headerHeight: number;
	cell: number;
	gridWidth: number;
	gridHeight: number;
	width: number;
	height: number;
	/** The visible region: the whole chart when it fits, else a window onto it. */
	viewportWidth: number;
	viewportHeight: number;
	scrollsX: boolean;
	scrollsY: boolean;
	maxRowLabelCharacters: number;
	maxColumnLabelCharacters: number;
};

const HEAT = { minCell: 32, maxCell: 44, header: 28 } as const;

/** A grid of square cells that stay between 32 and 44 px, whatever the number of rows and columns. */
export function heatmapLayout(rows: number, columns: number, availableWidth: number): HeatmapLayout {
	const available = Math.max(usable(availableWidth), MIN_CHART_WIDTH);
	const labelWidth = Math.round(clamp(available * 0.3, 96, 200));
	const room = available - labelWidth - 2 * PAD;
	const cell = Math.floor(clamp(room / Math.max(columns, 1), HEAT.minCell, HEAT.maxCell));
	const gridWidth = Math.max(columns, 1) * cell;
	const gridHeight = Math.max(rows, 1) * cell;
	const width = labelWidth + gridWidth + PAD;
	const height = HEAT.header + gridHeight + PAD;
	return {
		labelWidth,
		headerHeight: HEAT.header,
		cell,
		gridWidth,
		gridHeight,
		width,
		height,
		viewportWidth: Math.min(width, available),
		viewportHeight: Math.min(height + (width > available ? SCROLLBAR : 0), MAX_CHART_HEIGHT),
		scrollsX: width > available,
		scrollsY: height > MAX_CHART_HEIGHT,
		maxRowLabelCharacters: charactersIn(labelWidth - 2 * PAD),
		maxColumnLabelCharacters: charactersIn(cell - 4)
	};
}

export type LineChartLayout = {
	width: number;
	height: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
	plotWidth: number;
	plotHeight: number;
	/** Every n-th month is labelled, so labels never overlap. */
	monthLabelEvery: number;
};

const LINE = { height: 240, left: 40, right: 24, top: 12, bottom: 34, monthLabel: 64, maxWidth: 720 } as const;

/** A plot of fixed height as wide as its container (up to a comfortable reading width). */
export function lineChartLayout(months: number, availableWidth: number): LineChartLayout {
	const width = clamp(usable(availableWidth), MIN_CHART_WIDTH, LINE.maxWidth);
	const plotWidth = width - LINE.left - LINE.right;
	const labels = Math.max(1, Math.floor(plotWidth / LINE.monthLabel));
	return {
		width,
		height: LINE.height,
		left: LINE.left,
		right: LINE.right,
		top: LINE.top,
		bottom: LINE.bottom,
		plotWidth,
		plotHeight: LINE.height - LINE.top - LINE.bottom,
		monthLabelEvery: Math.max(1, Math.ceil(months / labels))
	};
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A label cut to `max` characters as a reader counts them (an emoji is one), with an ellipsis when cut. */
export function shortLabel(label: string, max: number): string {
	const characters = Array.from(graphemes.segment(label), (part) => part.segment);
	return characters.length > max ? `${characters.slice(0, Math.max(max - 1, 1)).join('')}…` : label;
}
