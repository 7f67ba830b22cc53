import { describe, expect, it } from 'vitest';
import {
	barChartLayout,
	CHART_FONT,
	DEFAULT_CHART_WIDTH,
	heatmapLayout,
	lineChartLayout,
	MAX_CHART_HEIGHT,
	shortLabel
} from './chart-layout';

const CODE_COUNTS = [1, 10, 60];
const WIDTHS = { phone: 343, desktop: 900 };

describe('bar chart layout', () => {
	it.each(CODE_COUNTS)('keeps the same row height and a bounded region at %i codes', (codes) => {
		for (const width of Object.values(WIDTHS)) {
			const layout = barChartLayout(codes, width);
			expect(layout.rowHeight).toBe(barChartLayout(1, width).rowHeight);
			expect(layout.height).toBe(8 + codes * layout.rowHeight);
			expect(layout.viewportHeight).toBeLessThanOrEqual(MAX_CHART_HEIGHT);
			expect(layout.scrolls).toBe(layout.height > MAX_CHART_HEIGHT);
			expect(layout.width).toBe(Math.min(width, 720));
			expect(layout.barX + layout.barSpace).toBeLessThan(layout.width);
		}
	});

	it('scrolls at 60 codes instead of growing the page, and not at 1 or 10', () => {
		expect(barChartLayout(60, WIDTHS.desktop).scrolls).toBe(true);
		expect(barChartLayout(10, WIDTHS.desktop).scrolls).toBe(false);
		expect(barChartLayout(1, WIDTHS.desktop)).toMatchObject({ scrolls: false, height: 36, viewportHeight: 36 });
	});

	it('puts labels beside the bars on a wide chart and above them on a phone', () => {
		const wide = barChartLayout(10, WIDTHS.desktop);
		expect(wide.labelsAbove).toBe(false);
		expect(wide.barX).toBeGreaterThanOrEqual(140);
		expect(wide.maxLabelCharacters).toBeGreaterThanOrEqual(20);
		const narrow = barChartLayout(10, WIDTHS.phone);
		expect(narrow.labelsAbove).toBe(true);
		expect(narrow.barX).toBe(4);
		expect(narrow.barTop).toBeGreaterThan(narrow.labelBaseline);
		expect(narrow.barTop + narrow.barHeight).toBeLessThanOrEqual(narrow.rowHeight);
	});

	it('draws an empty chart one row tall, and a chart not measured yet at a default width', () => {
		expect(barChartLayout(0, WIDTHS.desktop).height).toBe(barChartLayout(1, WIDTHS.desktop).height);
		expect(barChartLayout(5, 0).width).toBe(DEFAULT_CHART_WIDTH);
		expect(barChartLayout(5, Number.NaN).width).toBe(DEFAULT_CHART_WIDTH);
		expect(barChartLayout(5, 120).width).toBe(200);
	});
});

describe('heatmap layout', () => {
	it.each(CODE_COUNTS)('keeps cells between 32 and 44 px for a %i-code co-occurrence grid', (codes) => {
		for (const width of Object.values(WIDTHS)) {
			const layout = heatmapLayout(codes, codes, width);
			expect(layout.cell).toBeGreaterThanOrEqual(32);
			expect(layout.cell).toBeLessThanOrEqual(44);
			expect(layout.gridHeight).toBe(codes * layout.cell);
			expect(layout.viewportHeight).toBeLessThanOrEqual(MAX_CHART_HEIGHT);
			expect(layout.viewportWidth).toBeLessThanOrEqual(width);
			expect(layout.scrollsX).toBe(layout.width > width);
			expect(layout.scrollsY).toBe(layout.height > MAX_CHART_HEIGHT);
		}
	});

	it('draws one country as one small column, not a page-high grid with huge text', () => {
		const layout = heatmapLayout(60, 1, WIDTHS.desktop);
		expect(layout.cell).toBe(44);
		expect(layout.width).toBeLessThan(300);
		expect(layout.viewportHeight).toBe(MAX_CHART_HEIGHT);
		expect(layout.scrollsY).toBe(true);
		expect(layout.scrollsX).toBe(false);
		expect(heatmapLayout(1, 1, WIDTHS.desktop)).toMatchObject({ cell: 44, height: 28 + 44 + 4 });
	});

	it('scrolls sideways on a phone at 10 codes and both ways at 60, keeping its labels', () => {
		const ten = heatmapLayout(10, 10, WIDTHS.phone);
		expect(ten.scrollsX).toBe(true);
		expect(ten.scrollsY).toBe(false);
		const sixty = heatmapLayout(60, 60, WIDTHS.desktop);
		expect(sixty).toMatchObject({ scrollsX: true, scrollsY: true, cell: 32 });
		expect(sixty.labelWidth).toBeGreaterThanOrEqual(96);
		expect(sixty.maxColumnLabelCharacters).toBeGreaterThanOrEqual(3);
	});

	it('fits 10 codes on a desktop without scrolling', () => {
		expect(heatmapLayout(10, 10, WIDTHS.desktop)).toMatchObject({ scrollsX: false, scrollsY: false });
	});
});

describe('line chart layout', () => {
	it('keeps its height whatever the number of months, and labels only as many months as fit', () => {
		for (const months of [1, 10, 60]) {
			const layout = lineChartLayout(months, WIDTHS.phone);
			expect(layout.height).toBe(240);
			const labelled = Math.ceil(months / layout.monthLabelEvery);
			expect(labelled * 64).toBeLessThanOrEqual(layout.plotWidth + 64);
		}
		expect(lineChartLayout(1, WIDTHS.desktop).monthLabelEvery).toBe(1);
		expect(lineChartLayout(60, WIDTHS.desktop).width).toBe(720);
	});
});

describe('labels and fonts', () => {
	it('cuts long labels by whole characters, with an ellipsis', () => {
		expect(shortLabel('Housing', 10)).toBe('Housing');
		expect(shortLabel('Discrimination in renting', 10)).toBe('Discrimin…');
		expect(shortLabel('👩🏽‍⚕️ health workers', 3)).toBe('👩🏽‍⚕️ …');
		expect(shortLabel('क्षेत्र में काम', 2)).toBe('क्षे…');
	});

	it('keeps every chart font between 11 and 14 px', () => {
		for (const size of Object.values(CHART_FONT)) {
			expect(size).toBeGreaterThanOrEqual(11);
			expect(size).toBeLessThanOrEqual(14);
		}
	});
});
